"use client";

import Link from "next/link";
import { listTime } from "@/lib/client/format.ts";
import { type SearchHit, snippetParts, useJumpTarget, useMessageSearch } from "@/lib/client/search.ts";
import { LIST_ROW } from "./list-keys.ts";

/** The snippet as text nodes with the matched words in <mark> (never HTML: it is message text). */
export function Snippet({ hit }: { hit: Pick<SearchHit, "snippet" | "highlights"> }) {
  return (
    <>
      {snippetParts(hit).map((part, i) =>
        part.marked ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one snippet never reorder.
          <mark key={i} className="rounded-sm bg-amber-200 px-px text-inherit dark:bg-amber-500/40">
            {part.text}
          </mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one snippet never reorder.
          <span key={i}>{part.text}</span>
        ),
      )}
    </>
  );
}

/** Messages matching the chat list's search field, across all the user's chats, newest first. */
export function MessageSearchResults({ query, activeId }: { query: string; activeId: number | null }) {
  const search = useMessageSearch(query);
  const jump = useJumpTarget((s) => s.jump);
  const hits = search.data?.pages.flatMap((p) => p.results) ?? [];
  const note = "px-6 py-4 text-sm text-slate-500";

  return (
    <section aria-label="Messages" data-testid="message-search">
      <h2 className="px-6 pt-3 pb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">
        Messages
      </h2>
      {search.isError ? (
        <p role="alert" className="px-6 py-4 text-sm text-red-600">
          Search failed: {search.error.message}{" "}
          <button type="button" className="underline" onClick={() => search.refetch()}>
            Retry
          </button>
        </p>
      ) : search.isPending || (search.isFetching && !hits.length) ? (
        <p className={note} data-testid="message-search-loading">
          Searching…
        </p>
      ) : hits.length === 0 ? (
        <p className={note} data-testid="message-search-empty">
          No messages found.
        </p>
      ) : (
        <ul className="space-y-0.5" data-testid="message-search-results">
          {hits.map((hit) => (
            <li key={hit.message.id}>
              <Link
                href={`/c/${hit.chat_id}`}
                data-testid="message-search-hit"
                {...LIST_ROW}
                data-message-id={hit.message.id}
                onClick={() => jump(hit.chat_id, hit.message.id)}
                className={`mx-2 block rounded-xl px-4 py-2 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600 dark:hover:bg-slate-800 ${hit.chat_id === activeId ? "bg-slate-100 dark:bg-slate-800" : ""}`}
              >
                <span className="flex items-baseline gap-2">
                  <span className="min-w-0 flex-1 truncate font-medium" data-testid="message-search-chat">
                    {hit.chat_title}
                  </span>
                  <span className="shrink-0 text-xs text-slate-500">{listTime(hit.message.created_at)}</span>
                </span>
                <span
                  className="line-clamp-2 text-sm text-slate-600 dark:text-slate-300"
                  data-testid="message-search-snippet"
                >
                  <Snippet hit={hit} />
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {search.hasNextPage ? (
        <button
          type="button"
          className="btn-secondary mx-6 my-2"
          disabled={search.isFetchingNextPage}
          onClick={() => search.fetchNextPage()}
        >
          {search.isFetchingNextPage ? "Loading…" : "More messages"}
        </button>
      ) : null}
    </section>
  );
}
