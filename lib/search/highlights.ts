/** [start, end) offsets into `snippet`, in UTF-16 code units (JavaScript string indices). */
export type Highlight = [number, number];
export type Snippet = { snippet: string; highlights: Highlight[] };

const ELLIPSIS = "…";
const SNIPPET_CHARS = 160;
const BEFORE_MATCH = 60;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A whole word (a lexeme of the query) wherever it stands between non-letters, in any case. */
export const wordMatcher = (lexeme: string) =>
  new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(lexeme)}(?![\\p{L}\\p{N}])`, "giu");
/** Typed text anywhere, inside words too (what the trigram fallback matched). */
export const partMatcher = (term: string) => new RegExp(escapeRegExp(term), "giu");

/**
 * The lexemes a tsquery (as text: `'big' & !'cat' & 'red' <-> 'car'`) looks for, without the
 * excluded ones: the words a hit is highlighted on.
 */
export function lexemesOf(tsquery: string): string[] {
  const found = new Set<string>();
  for (const m of tsquery.matchAll(/(!?)\s*'((?:[^']|'')*)'/g))
    if (!m[1]) found.add(m[2]!.replaceAll("''", "'"));
  return [...found];
}

/** Moves a cut off the second half of a surrogate pair. */
function safeCut(text: string, at: number): number {
  const code = text.charCodeAt(at);
  return code >= 0xdc00 && code <= 0xdfff ? at - 1 : at;
}

/**
 * A snippet of the message text around its first match, every match highlighted. It is the text
 * itself (never markup): a client renders it with text nodes and <mark> elements. ts_headline is
 * not used for this because it drops whatever looks like an HTML tag, and a message is plain text.
 */
export function snippetOf(text: string, matchers: RegExp[]): Snippet {
  const firsts = matchers.map((m) => text.search(m)).filter((i) => i >= 0);
  const first = firsts.length ? Math.min(...firsts) : 0;
  let start = 0;
  if (text.length > SNIPPET_CHARS && first > BEFORE_MATCH) {
    const space = text.lastIndexOf(" ", first - BEFORE_MATCH);
    start = safeCut(text, space > first - 2 * BEFORE_MATCH ? space + 1 : first - BEFORE_MATCH);
  }
  let end = Math.min(text.length, start + SNIPPET_CHARS);
  if (end < text.length) {
    const space = text.indexOf(" ", end);
    end = safeCut(text, space >= 0 && space - end < 20 ? space : end);
  }
  const plain = text.slice(start, end);
  const found: Highlight[] = [];
  for (const matcher of matchers)
    for (const m of plain.matchAll(matcher)) if (m[0]) found.push([m.index, m.index + m[0].length]);
  found.sort((a, b) => a[0] - b[0]);
  // Overlapping matches ("mess", "ess") make one highlight.
  const merged: Highlight[] = [];
  for (const h of found) {
    const last = merged.at(-1);
    if (last && h[0] <= last[1]) last[1] = Math.max(last[1], h[1]);
    else merged.push([...h]);
  }
  const lead = start > 0 ? ELLIPSIS : "";
  const tail = end < text.length ? ELLIPSIS : "";
  return {
    snippet: `${lead}${plain}${tail}`,
    highlights: merged.map(([s, e]) => [s + lead.length, e + lead.length]),
  };
}
