// Chat text is written loosely ("u r dead", "i'll k1ll u"); the phrase patterns are written once,
// for plain lower-case English, and this maps the loose forms onto it.

const LEET: Record<string, string> = {
  "0": "o",
  "1": "i",
  "3": "e",
  "4": "a",
  "5": "s",
  "7": "t",
  "@": "a",
  $: "s",
};

const SHORT_FORMS: Array<[RegExp, string]> = [
  [/\b(i|you|we|they|he|she|it)'ll\b/g, "$1 will"],
  [/\b(i)'m\b/g, "$1 am"],
  [/\blet's\b/g, "let us"],
  [/\b(i|you|we|they)'ve\b/g, "$1 have"],
  [/\b(i|you|he|she|we|they)'d\b/g, "$1 would"],
  [/\bim\b/g, "i am"],
  [/\b(you|we|they)'re\b/g, "$1 are"],
  [/\b(he|she|it)'s\b/g, "$1 is"],
  [/\bwon't\b/g, "will not"],
  [/\bcan't\b/g, "cannot"],
  [/\b(\w+)n't\b/g, "$1 not"],
  [/\b(u|ya|yu)\b/g, "you"],
  [/\bur\b/g, "your"],
  [/\byoure\b/g, "you are"],
  [/\br\b/g, "are"],
  [/\bgonna\b/g, "going to"],
  [/\bwanna\b/g, "want to"],
  [/\bgotta\b/g, "have to"],
  [/\bill\b(?= (kill|hurt|find|murder|stab|shoot|beat|end|come|make|break|rape|cut))/g, "i will"],
];

/**
 * Lower case, without accents or look-alike digits inside words, apostrophes kept for the short
 * forms, every other non-letter a space, letters repeated 3+ times cut to two ("soooo" → "soo").
 */
export function normalize(text: string): string {
  let t = text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[’‘`]/g, "'");
  // Digits and symbols count as letters only between letters (k1ll, a$$), never in numbers.
  t = t.replace(/(?<=\p{L})[0134579@$]+(?=\p{L})|(?<=\p{L})[@$]+|[@$](?=\p{L})/gu, (m) =>
    [...m].map((c) => LEET[c] ?? c).join(""),
  );
  t = t
    .replace(/[^\p{L}\p{N}']+/gu, " ")
    .replace(/'(?!\p{L})|(?<!\p{L})'/gu, " ")
    .replace(/(\p{L})\1{2,}/gu, "$1$1")
    .replace(/\s+/g, " ")
    .trim();
  for (const [pattern, replacement] of SHORT_FORMS) t = t.replace(pattern, replacement);
  return t;
}

/** Words of normalised text, for the classifier and the repetition signals. */
export function words(normalized: string): string[] {
  return normalized.split(" ").filter(Boolean);
}
