import { Parser } from "htmlparser2";

export type PageMeta = {
  title: string | null;
  description: string | null;
  siteName: string | null;
  /** Absolute http(s) URL of the page's preview image. */
  imageUrl: string | null;
};

const TITLE_MAX = 300;
const DESCRIPTION_MAX = 1000;
const SITE_NAME_MAX = 100;

function clean(value: string | undefined, max: number): string | null {
  const text = value?.replace(/\s+/g, " ").trim();
  if (!text) return null;
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function absoluteHttp(value: string | undefined, base: URL): string | null {
  if (!value?.trim()) return null;
  try {
    const url = new URL(value.trim(), base);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * Open Graph, then Twitter card tags, then `<title>` and the meta description, from an HTML page
 * (htmlparser2 decodes entities and copes with broken markup). The first of each tag wins.
 */
export function parsePage(html: string, pageUrl: URL): PageMeta {
  const meta = new Map<string, string>();
  let title = "";
  let inTitle = false;
  let titleSeen = false;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === "meta") {
          const key = (attrs.property ?? attrs.name ?? "").trim().toLowerCase();
          if (key && attrs.content !== undefined && !meta.has(key)) meta.set(key, attrs.content);
        } else if (name === "title" && !titleSeen) inTitle = true;
      },
      ontext(text) {
        if (inTitle) title += text;
      },
      onclosetag(name) {
        if (name === "title" && inTitle) {
          inTitle = false;
          titleSeen = true;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  const first = (...keys: string[]) => keys.map((k) => meta.get(k)).find((v) => v?.trim());
  return {
    title: clean(first("og:title", "twitter:title") ?? title, TITLE_MAX),
    description: clean(first("og:description", "twitter:description", "description"), DESCRIPTION_MAX),
    siteName: clean(first("og:site_name", "application-name"), SITE_NAME_MAX),
    imageUrl: absoluteHttp(
      first("og:image:secure_url", "og:image", "og:image:url", "twitter:image", "twitter:image:src"),
      pageUrl,
    ),
  };
}

/** The page's text in the charset its Content-Type names (UTF-8 when none or unknown). */
export function decodeHtml(body: Buffer, contentType: string): string {
  const charset = /charset=["']?([\w-]+)/i.exec(contentType)?.[1];
  try {
    return new TextDecoder(charset ?? "utf-8").decode(body);
  } catch {
    return new TextDecoder("utf-8").decode(body);
  }
}
