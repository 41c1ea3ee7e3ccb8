import { createHash } from "node:crypto";
import BayesClassifier from "natural/lib/natural/classifiers/bayes_classifier.js";
import PorterStemmer from "natural/lib/natural/stemmers/porter_stemmer.js";
import { normalize, words } from "./normalize.ts";
import type { Example } from "./training-set.ts";

/** A window of this many words is classified at a time: long texts would underflow the product. */
const WINDOW = 30;

/**
 * Stemmed words. Stop words stay in ("you", "myself" carry the meaning here); word pairs were
 * tried and left out: on the seed set's 5-fold cross-validation they made the probabilities more
 * extreme and precision worse.
 */
export function features(text: string): string[] {
  return words(normalize(text)).map((w) => PorterStemmer.stem(w));
}

/**
 * Every label's examples repeated up to about the size of the largest label. natural's classifier
 * scores a word a label has never seen by 1 / (that label's example count), so without this a
 * small label wins any text made of words it has not seen ("I'll be there in five minutes" came out
 * as violence), and its prior would favour the large label instead of the evidence.
 */
function balanced(examples: Example[]): Example[] {
  const byLabel = new Map<string, Example[]>();
  for (const e of examples) byLabel.set(e.label, [...(byLabel.get(e.label) ?? []), e]);
  const largest = Math.max(...[...byLabel.values()].map((list) => list.length));
  return [...byLabel.values()].flatMap((list) => {
    const times = Math.max(1, Math.round(largest / list.length));
    return list.flatMap((e) => Array.from({ length: times }, () => e));
  });
}

// Words that say little alone: a text made only of these (plus unseen words) gives the classifier
// too little to go on ("are you back?" came out as harassment, "you" being common there).
const FUNCTION_WORDS = new Set(
  "i me my we us our you your he him his she her it its they them their a an the and or but if so to of in on at by for with from up down out about as is am are was were be been being do does did have has had will would can could shall should may might must not no yes this that these those there here what who when where why how all any some just ok".split(
    " ",
  ),
);

export type Classification = {
  /** The most likely label ("ok" or a report reason). */
  label: string;
  /** Its probability, normalised over all labels. */
  probability: number;
  /** 1 − P(ok): how likely the text is abusive of any kind. */
  abusive: number;
  /** Distinct content words of the text (not function words) that the training data has seen. */
  evidence: number;
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
  const vocabulary = new Set<string>();
  for (const e of balanced(examples)) {
    const stems = features(e.text);
    for (const s of stems) vocabulary.add(s);
    nb.addDocument(stems, e.label);
  }
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
        const slice = all.slice(start, start + WINDOW);
        const window = slice.join(" ");
        const evidence = new Set(
          slice
            .filter((w) => !FUNCTION_WORDS.has(w))
            .map((w) => PorterStemmer.stem(w))
            .filter((s) => vocabulary.has(s)),
        ).size;
        const scores = nb.getClassifications(window);
        const total = scores.reduce((sum, s) => sum + s.value, 0);
        if (!(total > 0)) continue;
        const ok = scores.find((s) => s.label === "ok")?.value ?? 0;
        const top = scores[0]!;
        const result = {
          label: top.label,
          probability: top.value / total,
          abusive: 1 - ok / total,
          evidence,
        };
        if (!best || result.abusive > best.abusive) best = result;
      }
      return best;
    },
  };
}
