"use client";

import { type QueryClient, useQueryClient } from "@tanstack/react-query";
import { type RefObject, useEffect, useLayoutEffect, useRef } from "react";
import type { useMessages } from "@/lib/client/queries.ts";
import { type JumpTarget, loadAround } from "@/lib/client/search.ts";
import type { Message } from "@/lib/client/types.ts";

type Scroller = RefObject<HTMLDivElement | null>;
const rowOf = (scroller: Scroller, id: number) =>
  scroller.current?.querySelector<HTMLElement>(`[data-message-id="${id}"]`) ?? null;

/**
 * Newer pages of a window of history (after a jump to a search hit) as the reader scrolls down to
 * its end. Returns the sentinel to put below the last row, and what to call while it loads.
 */
export function useNewerPages(scroller: Scroller, history: ReturnType<typeof useMessages>, newest: number) {
  const sentinel = useRef<HTMLDivElement>(null);
  // Where the newest loaded row stood, to keep it still when newer rows are added below it.
  const anchor = useRef<{ id: number; top: number } | null>(null);
  const newestRef = useRef(newest);
  newestRef.current = newest;
  const noteAnchor = () => {
    const el = rowOf(scroller, newestRef.current);
    anchor.current = el ? { id: newestRef.current, top: el.getBoundingClientRect().top } : null;
  };
  const { hasPreviousPage, isFetchingPreviousPage, fetchPreviousPage } = history;

  // biome-ignore lint/correctness/useExhaustiveDependencies: noteAnchor reads refs only.
  useEffect(() => {
    const el = sentinel.current;
    if (!el) return;
    const observer = new IntersectionObserver(
      ([entry]) => {
        if (entry?.isIntersecting && hasPreviousPage && !isFetchingPreviousPage) {
          noteAnchor();
          void fetchPreviousPage();
        }
      },
      { root: scroller.current, rootMargin: "0px 0px 400px 0px" },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [scroller, hasPreviousPage, isFetchingPreviousPage, fetchPreviousPage]);

  // A column-reverse scroller keeps its distance from the bottom: rows added below would push what
  // the reader is looking at up, so it is moved back by as much.
  useLayoutEffect(() => {
    const was = anchor.current;
    if (!was || was.id === newest) return;
    anchor.current = null;
    const el = rowOf(scroller, was.id);
    if (el && scroller.current) scroller.current.scrollTop += el.getBoundingClientRect().top - was.top;
  }, [scroller, newest]);

  return { sentinel, onScroll: () => isFetchingPreviousPage && noteAnchor() };
}

/**
 * Scrolls to a jump target once it is loaded (fetching the page around it when it is not): a search
 * hit stays marked (data-search-hit) while it is the current one, a pin or a quoted reply flashes.
 * The bubble is React's; the mark is ours.
 */
export function useSearchHit(options: {
  scroller: Scroller;
  chatId: number;
  highlight: JumpTarget | null;
  loaded: Map<number, Message>;
  ready: boolean;
  onError(message: string): void;
}) {
  const { scroller, chatId, highlight, loaded, ready, onError } = options;
  const qc: QueryClient = useQueryClient();
  const shownSeq = useRef(0);
  const askedSeq = useRef(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: acts on a new hit or on new pages.
  useEffect(() => {
    if (!highlight || shownSeq.current === highlight.seq || !ready) return;
    if (!loaded.has(highlight.messageId)) {
      if (askedSeq.current === highlight.seq) return;
      askedSeq.current = highlight.seq;
      loadAround(qc, chatId, highlight.messageId).catch(() => onError("Could not load that message"));
      return;
    }
    const el = rowOf(scroller, highlight.messageId);
    if (!el) return;
    shownSeq.current = highlight.seq;
    el.scrollIntoView({ block: "center" });
    if (highlight.mode === "flash") flash(el);
  }, [highlight, loaded, ready]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: marks the row again after new pages.
  useEffect(() => {
    if (highlight?.mode !== "hit") return;
    const el = rowOf(scroller, highlight.messageId);
    el?.setAttribute("data-search-hit", "");
    return () => el?.removeAttribute("data-search-hit");
  }, [highlight, loaded]);
}

/** A short glow on a row the reader was taken to (data-highlighted while it lasts). */
function flash(el: HTMLElement): void {
  el.dataset.highlighted = "true";
  el.animate(
    [{ backgroundColor: "rgb(99 102 241 / 0.25)" }, { backgroundColor: "transparent" }],
    1600,
  ).finished.then(
    () => delete el.dataset.highlighted,
    () => undefined,
  );
}
