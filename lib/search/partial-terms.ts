/** Terms shorter than this are not looked for inside words (nearly every message has an "e"). */
const MIN_TERM = 2;

/**
 * The terms of a plain query ("mess hel"), for the trigram fallback that finds them inside words;
 * none for a query with web-search syntax (quotes, -excluded words, OR), whose meaning only
 * full-text search keeps.
 */
export function partialTerms(query: string): string[] {
  const words = query.split(/\s+/u).filter(Boolean);
  if (words.some((w) => w.includes('"') || w.startsWith("-") || w.toLowerCase() === "or")) return [];
  return words.filter((w) => [...w].length >= MIN_TERM);
}

/** An ILIKE pattern with the terms in their order, anything between them. */
export function likePattern(terms: string[]): string | null {
  if (!terms.length) return null;
  return `%${terms.map((t) => t.replace(/[\\%_]/g, "\\$&")).join("%")}%`;
}
