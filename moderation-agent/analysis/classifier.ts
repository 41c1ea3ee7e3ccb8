import { createHash } from "node:crypto";
import BayesClassifier from "natural/lib/natural/classifiers/bayes_classifier.js";
import PorterStemmer from "natural/lib/natural/stemmers/porter_stemmer.js";
import { normalize, words } from "./normalize.ts";
import type { Example } from "./training-set.ts";

/** A window of this many words is classified at a time: long texts would underflow the product. */
const WINDOW = 30;

/** Stemmed words and word pairs; stop words stay in ("you", "myself" carry the meaning here). */
export function features(text: string): string[] {
  const stems = words(normalize(text)).map((w) => PorterStemmer.stem(w));
  const pairs = stems.slice(1).map((s, i) => `${stems[i]}_${s}`);
  return [...stems, ...pairs];
}

export type Classification = {
  /** The most likely label ("ok" or a report reason). */
  label: string;
  /** Its probability, normalised over all labels. */
  probability: number;
  /** 1 − P(ok): how likely the text is abusive of any kind. */
  abusive: number;
};

export type TextClassifier = {
  classify(text: string): Classification | null;
  /** Changes whenever the training data does. */
  version: string;
  examples: number;
};

/** A naive Bayes classifier (natural's BayesClassifier) trained on `examples`. */
export function trainClassifier(examples: Example[]): TextClassifier {
  const stemmer = { tokenizeAndStem: (text: string) => features(text) };
  const nb = new BayesClassifier(stemmer as unknown as typeof PorterStemmer);
  for (const e of examples) nb.addDocument(features(e.text), e.label);
  nb.train();
  const hash = createHash("sha256");
  for (const e of examples) hash.update(`${e.label}\t${e.text}\n`);

  return {
    version: hash.digest("hex").slice(0, 12),
    examples: examples.length,
    classify(text) {
      const all = words(normalize(text));
      if (all.length === 0 || examples.length === 0) return null;
      let best: Classification | null = null;
      for (let start = 0; start < all.length; start += WINDOW) {
        const window = all.slice(start, start + WINDOW).join(" ");
        const scores = nb.getClassifications(window);
        const total = scores.reduce((sum, s) => sum + s.value, 0);
        if (!(total > 0)) continue;
        const ok = scores.find((s) => s.label === "ok")?.value ?? 0;
        const top = scores[0]!;
        const result = { label: top.label, probability: top.value / total, abusive: 1 - ok / total };
        if (!best || result.abusive > best.abusive) best = result;
      }
      return best;
    },
  };
}
