"use client";

import { useEffect, useState } from "react";
import { ChevronDownIcon, ChevronUpIcon, CloseIcon } from "@/components/icons.tsx";
import { useMessageSearch } from "@/lib/client/search.ts";

type Props = {
  chatId: number;
  /** Brings a hit into view (loading history around it when it is not loaded). */
  onShow(messageId: number): void;
  onClose(): void;
};

/**
 * Search in one conversation: hits newest first, stepped through older (Enter, ↑) and newer
 * (Shift+Enter, ↓); the newest hit is shown as soon as the results arrive.
 */
export function ChatSearchBar({ chatId, onShow, onClose }: Props) {
  const [query, setQuery] = useState("");
  const search = useMessageSearch(query, chatId);
  const hits = search.data?.pages.flatMap((p) => p.results) ?? [];
  const [picked, setPicked] = useState<{ data: unknown; index: number } | null>(null);
  // A new search starts again at its newest hit.
  const index = picked && picked.data === search.data?.pages[0] ? picked.index : 0;
  const current = hits[index];
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = search;

  const currentId = current?.message.id;
  // biome-ignore lint/correctness/useExhaustiveDependencies: shows a hit when it becomes the current one.
  useEffect(() => {
    if (currentId) onShow(currentId);
  }, [currentId]);
  // The next page is asked for before the reader reaches the last hit loaded.
  useEffect(() => {
    if (hits.length && index >= hits.length - 3 && hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hits.length, index, hasNextPage, isFetchingNextPage, fetchNextPage]);

  const step = (by: 1 | -1) => {
    const to = index + by;
    if (to >= 0 && to < hits.length) setPicked({ data: search.data?.pages[0], index: to });
  };
  const counter = !query.trim()
    ? ""
    : search.isError
      ? "Search failed"
      : search.isPending || (search.isFetching && !hits.length)
        ? "Searching…"
        : hits.length
          ? `${index + 1} of ${hits.length}${hasNextPage ? "+" : ""}`
          : "No results";

  return (
    <search
      className="flex items-center gap-1 border-b border-slate-200 bg-white px-2 py-1.5 dark:border-slate-800 dark:bg-slate-900 md:px-4"
      data-testid="chat-search"
      // Escape closes from the field and from the buttons alike.
      onKeyDown={(e) => {
        if (e.key !== "Escape") return;
        e.preventDefault();
        onClose();
      }}
    >
      <label className="min-w-0 flex-1">
        <span className="sr-only">Search in this chat</span>
        <input
          type="search"
          // biome-ignore lint/a11y/noAutofocus: the reader opened the search to type into it.
          autoFocus
          enterKeyHint="search"
          data-testid="chat-search-input"
          placeholder="Search in this chat"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              step(e.shiftKey ? -1 : 1);
            }
          }}
          className="input rounded-full bg-slate-100 dark:bg-slate-800/70"
        />
      </label>
      <span
        role="status"
        data-testid="chat-search-counter"
        className={`shrink-0 px-1 text-xs tabular-nums ${search.isError ? "text-red-600" : "text-slate-500"}`}
      >
        {counter}
      </span>
      <button
        type="button"
        className="icon-btn"
        aria-label="Older result"
        title="Older (Enter)"
        data-testid="chat-search-next"
        disabled={index >= hits.length - 1}
        onClick={() => step(1)}
      >
        <ChevronUpIcon />
      </button>
      <button
        type="button"
        className="icon-btn"
        aria-label="Newer result"
        title="Newer (Shift+Enter)"
        data-testid="chat-search-previous"
        disabled={index <= 0}
        onClick={() => step(-1)}
      >
        <ChevronDownIcon />
      </button>
      <button
        type="button"
        className="icon-btn"
        aria-label="Close search"
        title="Close (Escape)"
        data-testid="chat-search-close"
        onClick={onClose}
      >
        <CloseIcon />
      </button>
    </search>
  );
}
