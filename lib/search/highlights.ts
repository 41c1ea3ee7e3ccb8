import { START, STOP } from "./search-sql.ts";

/** [start, end) offsets into `snippet`, in UTF-16 code units (JavaScript string indices). */
export type Highlight = [number, number];
export type Snippet = { snippet: string; highlights: Highlight[] };

const ELLIPSIS = "…";
const SNIPPET_CHARS = 160;
const BEFORE_MATCH = 60;

/** The message text as ts_headline saw it: the marker characters replaced by spaces. */
export const withoutMarkers = (text: string) => text.replaceAll(START, " ").replaceAll(STOP, " ");

/** Ellipses where the snippet is cut out of a longer text, the offsets moved along. */
function framed(text: string, start: number, plain: string, highlights: Highlight[]): Snippet {
  const lead = start > 0 ? ELLIPSIS : "";
  const tail = start >= 0 && start + plain.length < text.length ? ELLIPSIS : "";
  return {
    snippet: `${lead}${plain}${tail}`,
    highlights: highlights.map(([s, e]) => [s + lead.length, e + lead.length]),
  };
}

/**
 * A ts_headline result (matched words between START and STOP) as plain text and offsets. The text
 * is returned as text, never as markup: a client renders it with text nodes and <mark> elements.
 */
export function fromHeadline(text: string, headline: string): Snippet {
  let plain = "";
  let open = -1;
  const highlights: Highlight[] = [];
  for (const ch of headline) {
    if (ch === START) open = plain.length;
    else if (ch === STOP) {
      if (open >= 0 && plain.length > open) highlights.push([open, plain.length]);
      open = -1;
    } else plain += ch;
  }
  const source = withoutMarkers(text);
  return framed(source, source.indexOf(plain), plain, highlights);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Moves a cut off the second half of a surrogate pair. */
function safeCut(text: string, at: number): number {
  const code = text.charCodeAt(at);
  return code >= 0xdc00 && code <= 0xdfff ? at - 1 : at;
}

/**
 * A snippet around the first occurrence of the first term, every occurrence of every term
 * highlighted (what the trigram fallback matched: partial words, case-insensitively).
 */
export function aroundTerms(text: string, terms: string[]): Snippet {
  const find = (term: string) => new RegExp(escapeRegExp(term), "giu");
  const first = terms.length ? text.search(find(terms[0]!)) : -1;
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
  const highlights: Highlight[] = [];
  for (const term of terms)
    for (const m of plain.matchAll(find(term))) highlights.push([m.index, m.index + m[0].length]);
  highlights.sort((a, b) => a[0] - b[0]);
  // Overlapping terms ("mess", "ess") make one highlight.
  const merged: Highlight[] = [];
  for (const h of highlights) {
    const last = merged.at(-1);
    if (last && h[0] <= last[1]) last[1] = Math.max(last[1], h[1]);
    else merged.push([...h]);
  }
  return framed(text, start, plain, merged);
}
