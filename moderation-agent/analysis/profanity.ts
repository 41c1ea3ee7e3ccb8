import { englishDataset, englishRecommendedTransformers, RegExpMatcher } from "obscenity";
import type { Label, Signal } from "./signal.ts";

const matcher = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });

// obscenity's English words, by how much harm one use says (words not named here are mild).
const set = (list: string) => new Set(list.split(","));
const SLURS = set(
  "abo,abeed,africoon,arabush,boonga,chingchong,chink,dyke,fag,kike,negro,nigger,retard,spastic,tranny",
);
const SEXUAL = set(
  "anal,anus,bestiality,blowjob,boob,buttplug,cock,cum,deepthroat,dick,dildo,doggystyle,double penetration," +
    "ejaculate,felch,fellatio,finger bang,fisting,gangbang,handjob,hentai,incest,jerk off,jizz,lubejob," +
    "masturbate,orgasm,orgy,penis,porn,pussy,scat,semen,sex,tit,vagina,wank",
);
// "dick" is both: an insult ("you dick") and sexual ("suck my dick").
const INSULTS = set("bastard,bitch,cuck,cunt,dick,hooker,prick,slut,twat,whore");
const STRONG_INSULTS = set("bitch,cunt,slut,twat,whore");
const SEXUAL_VIOLENCE = set("rape");

/** Weights of one match; a slur alone is enough to block, mild swearing alone never flags. */
export const PROFANITY_WEIGHTS = {
  slur: 0.95,
  sexualViolence: 0.7,
  /** A strong insult (bitch, cunt, slut, twat, whore); +atSomeone when the text addresses the reader. */
  strongInsult: 0.45,
  insult: 0.3,
  atSomeone: 0.15,
  /** Sexual words; +atSomeone when addressed to the reader or about "me"/"my" (a proposition). */
  sexual: 0.3,
  /** Added per further distinct sexual word: explicit messages use several. */
  sexualEach: 0.15,
  mild: 0.12,
};

const SECOND_PERSON = /\b(you|your|yours|yourself)\b/;
const PROPOSITION = /\b(you|your|yours|yourself|me|my|i want|i will|let us)\b/;

/** Profanity, insults and slurs found by obscenity (leetspeak, look-alikes and padding resolved). */
export function profanitySignals(text: string, normalized: string): Signal[] {
  const found = new Set<string>();
  for (const match of matcher.getAllMatches(text)) {
    const word = englishDataset.getPayloadWithPhraseMetadata(match).phraseMetadata?.originalWord;
    if (word) found.add(word);
  }
  if (found.size === 0) return [];
  const of = (set: Set<string>) => [...found].filter((w) => set.has(w));
  const quote = (list: string[]) => list.map((w) => `"${w}"`).join(", ");
  const signals: Signal[] = [];
  const add = (label: Label, weight: number, reason: string) => signals.push({ label, weight, reason });

  const slurs = of(SLURS);
  if (slurs.length) add("hate", PROFANITY_WEIGHTS.slur, `Uses a slur (${quote(slurs)}).`);
  const violent = of(SEXUAL_VIOLENCE);
  if (violent.length) add("violence", PROFANITY_WEIGHTS.sexualViolence, "Mentions rape.");
  const w = PROFANITY_WEIGHTS;
  const insults = of(INSULTS);
  if (insults.length) {
    const atSomeone = SECOND_PERSON.test(normalized);
    const base = insults.some((i) => STRONG_INSULTS.has(i)) ? w.strongInsult : w.insult;
    add(
      "harassment",
      base + (atSomeone ? w.atSomeone : 0),
      atSomeone ? `Calls the reader names (${quote(insults)}).` : `Contains an insult (${quote(insults)}).`,
    );
  }
  const sexual = of(SEXUAL);
  if (sexual.length) {
    const proposition = PROPOSITION.test(normalized);
    add(
      "sexual",
      Math.min(0.8, w.sexual + w.sexualEach * (sexual.length - 1) + (proposition ? w.atSomeone : 0)),
      proposition
        ? `Sexual language aimed at the reader (${quote(sexual)}).`
        : `Sexual language (${quote(sexual)}).`,
    );
  }
  const mild = [...found].filter(
    (w) => !SLURS.has(w) && !SEXUAL.has(w) && !INSULTS.has(w) && !SEXUAL_VIOLENCE.has(w),
  );
  if (mild.length) add("profanity", PROFANITY_WEIGHTS.mild, `Swearing (${quote(mild)}).`);
  return signals;
}
