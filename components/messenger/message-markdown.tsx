"use client";

import type { ComponentProps } from "react";
import Markdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";
import { remarkLiteral } from "@/lib/client/markdown-literal.ts";
import { remarkMentions } from "@/lib/client/markdown-mentions.ts";

/** What a message may render; everything else is unwrapped to its text (remarkLiteral keeps the syntax). */
export const ALLOWED_ELEMENTS = [
  "p",
  "br",
  "strong",
  "em",
  "del",
  "code",
  "pre",
  "blockquote",
  "a",
  "ul",
  "ol",
  "li",
  "span",
];

const SAFE_SCHEME = /^(https?:|mailto:)/i;

/** Links only to the web and to mail: javascript:, data:, relative paths and the rest lose their href. */
export function safeUrl(url: string): string | null {
  return SAFE_SCHEME.test(url.trim()) ? url.trim() : null;
}

function Link({ href, children }: ComponentProps<"a">) {
  if (!href) return <span>{children}</span>;
  return (
    <a
      href={href}
      target="_blank"
      rel="noopener noreferrer nofollow"
      className="underline decoration-1 underline-offset-2 [overflow-wrap:anywhere] hover:decoration-2"
      data-testid="message-link"
    >
      {children}
    </a>
  );
}

const components: Components = {
  a: ({ node: _node, ...props }) => <Link {...props} />,
  p: ({ node: _node, ...props }) => (
    <p className="whitespace-pre-wrap [&:not(:first-child)]:mt-1" {...props} />
  ),
  code: ({ node: _node, ...props }) => (
    <code className="rounded bg-black/10 px-1 font-mono text-[0.9em] dark:bg-white/10" {...props} />
  ),
  // Code wraps too (pre-wrap + anywhere): a long line must not widen the bubble past the screen.
  pre: ({ node: _node, ...props }) => (
    <pre
      className="my-1 whitespace-pre-wrap rounded-lg bg-black/10 p-2 font-mono text-[0.9em] [overflow-wrap:anywhere] dark:bg-white/10 [&>code]:bg-transparent [&>code]:p-0"
      {...props}
    />
  ),
  blockquote: ({ node: _node, ...props }) => (
    <blockquote className="my-1 border-l-4 border-current/40 pl-2 opacity-90" {...props} />
  ),
  // Only remarkMentions makes spans: typed HTML never becomes an element (remarkLiteral).
  span: ({ node: _node, ...props }) => (
    <span className="rounded bg-current/10 px-0.5 font-semibold" data-testid="message-mention" {...props} />
  ),
  ul: ({ node: _node, ...props }) => <ul className="list-disc pl-5" {...props} />,
  ol: ({ node: _node, ...props }) => <ol className="list-decimal pl-5" {...props} />,
};

/**
 * A message's text as a safe subset of Markdown (bold, italic, strike, code, quotes, lists, links;
 * bare URLs are linked by GFM). React elements only, never raw HTML: typed HTML shows as text.
 */
export function MessageMarkdown({ text }: { text: string }) {
  return (
    <Markdown
      remarkPlugins={[remarkGfm, remarkLiteral, remarkMentions]}
      allowedElements={ALLOWED_ELEMENTS}
      unwrapDisallowed
      skipHtml={false}
      urlTransform={safeUrl}
      components={components}
    >
      {text}
    </Markdown>
  );
}
