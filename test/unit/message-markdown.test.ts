import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ALLOWED_ELEMENTS, MessageMarkdown } from "@/components/messenger/message-markdown.tsx";

const render = (text: string) => renderToStaticMarkup(createElement(MessageMarkdown, { text }));
const tags = (html: string) => [...html.matchAll(/<([a-z0-9]+)[\s>]/g)].map((m) => m[1]!);

describe("the message Markdown renderer", () => {
  it("renders the safe subset: bold, italic, strike, inline code, code blocks, quotes", () => {
    const html = render("**bold** _it_ ~~gone~~ `x<y`\n\n```\nconst a = 1;\n```\n\n> quoted");
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain("<em>it</em>");
    expect(html).toContain("<del>gone</del>");
    expect(html).toMatch(/<code[^>]*>x&lt;y<\/code>/);
    expect(html).toMatch(/<pre[^>]*><code[^>]*>const a = 1;\n<\/code><\/pre>/);
    expect(html).toMatch(/<blockquote[^>]*>\s*<p[^>]*>quoted<\/p>/);
  });

  it("links http(s) and mailto, bare URLs too, with target=_blank and rel noopener noreferrer nofollow", () => {
    const html = render("[site](https://example.org/a?b=1) see http://x.test/y and [m](mailto:a@b.test)");
    for (const href of ["https://example.org/a?b=1", "http://x.test/y", "mailto:a@b.test"]) {
      expect(html).toContain(`href="${href}" target="_blank" rel="noopener noreferrer nofollow"`);
    }
    expect(html.match(/<a /g)).toHaveLength(3);
    const literals = render("www.example.org or ann@example.org");
    expect(literals).toContain('href="http://www.example.org"');
    expect(literals).toContain('href="mailto:ann@example.org"');
  });

  it("drops javascript:, data:, vbscript: and relative links: the text stays, the href goes", () => {
    for (const url of [
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      " javascript:alert(1)",
      "data:text/html,x",
      "vbscript:x",
      "/admin",
      "//evil.test",
    ]) {
      const html = render(`[click](${url})`);
      expect(html, url).not.toContain("<a");
      expect(html, url).not.toMatch(/href|javascript|vbscript|data:/i);
      expect(html, url).toContain("click");
    }
    expect(render("<javascript:alert(1)>")).not.toContain("href");
  });

  it("shows raw HTML as text: <script>, <img onerror>, <a href=javascript:>", () => {
    const html = render(
      '<script>alert(1)</script> <img src=x onerror="alert(1)"> <b>bold?</b>\n\n<div>block</div>',
    );
    expect(html).not.toMatch(/<script|<img|<b>|<div/);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(html).toContain("&lt;div&gt;block&lt;/div&gt;");
  });

  it("renders only allowed elements; headings, images, tables and rules stay the text that was typed", () => {
    const html = render(
      "# Title\n\n![alt](https://x.test/i.png)\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n---\n\n- item\n1. one",
    );
    expect(tags(html).every((t) => ALLOWED_ELEMENTS.includes(t))).toBe(true);
    expect(html).toContain("# Title");
    expect(html).toContain("![alt](https://x.test/i.png)");
    expect(html).toContain("| a | b |");
    expect(html).toContain("---");
    expect(html).toMatch(/<ul[^>]*>\s*<li>item<\/li>\s*<\/ul>/);
  });

  it("marks @mentions in running text, not in code, links or e-mail addresses; typed spans stay text", () => {
    const html = render(
      "hi @Alice and **@bob_2**, `@carol` [@dave](https://x.test) erin@example.org <span>x</span>",
    );
    expect(html).toMatch(/<span[^>]*data-mention="alice"[^>]*>@Alice<\/span>/);
    expect(html).toMatch(/<strong><span[^>]*data-mention="bob_2"[^>]*>@bob_2<\/span><\/strong>/);
    expect(html.match(/data-mention/g)).toHaveLength(2);
    expect(html).toContain("&lt;span&gt;x&lt;/span&gt;");
  });
});
