import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { remarkLiteral } from "../client/markdown-literal.ts";

type Node = { type: string; url?: string; children?: Node[] };

// The web app's own Markdown pipeline (components/messenger/message-markdown.tsx): a link is what it
// renders as one — not inside code, not in syntax it shows literally (headings, images, …).
const processor = unified().use(remarkParse).use(remarkGfm).use(remarkLiteral);

function find(node: Node): string | null {
  if (node.type === "link" && node.url && /^https?:\/\//i.test(node.url.trim())) return node.url.trim();
  for (const child of node.children ?? []) {
    const url = find(child);
    if (url) return url;
  }
  return null;
}

/** Longer URLs get no preview (and would not fit a B-tree index entry of the cache's key). */
export const MAX_PREVIEW_URL_LENGTH = 2048;

/** The first http(s) link of a message's text as the web app renders it, or null (also when too long). */
export function firstLink(text: string): string | null {
  if (!/https?:\/\//i.test(text)) return null;
  const tree = processor.runSync(processor.parse(text)) as Node;
  const url = find(tree);
  if (!url) return null;
  try {
    const href = new URL(url).href;
    return href.length > MAX_PREVIEW_URL_LENGTH ? null : href;
  } catch {
    return null;
  }
}

/**
 * The cache key of a URL: the WHATWG URL form (host lower-cased, default port and dot segments
 * gone, percent-encoding normalised) without the fragment, which never reaches the server.
 */
export function normaliseUrl(url: string): string {
  const parsed = new URL(url);
  parsed.hash = "";
  return parsed.href;
}
