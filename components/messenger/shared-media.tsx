"use client";

import { useState } from "react";
import { fileSize, listTime } from "@/lib/client/format.ts";
import { type SharedKind, useSharedMedia } from "@/lib/client/shared-media.ts";
import type { Attachment } from "@/lib/client/types.ts";
import { FileBadge } from "./file-badge.tsx";
import { MediaViewer } from "./media-viewer.tsx";

const TABS: { kind: SharedKind; label: string }[] = [
  { kind: "media", label: "Media" },
  { kind: "files", label: "Files" },
];

/** The chat info panel's shared photos and videos (a grid) and files (a list), newest first. */
export function SharedMedia({ chatId }: { chatId: number }) {
  const [kind, setKind] = useState<SharedKind>("media");
  return (
    <section
      aria-label="Shared media and files"
      className="border-t border-slate-200 px-2 pt-3 pb-4 dark:border-slate-800"
    >
      <div role="tablist" aria-label="Shared" className="mb-2 flex gap-1 px-2">
        {TABS.map((t) => (
          <button
            key={t.kind}
            type="button"
            role="tab"
            aria-selected={kind === t.kind}
            data-testid={`shared-tab-${t.kind}`}
            onClick={() => setKind(t.kind)}
            className={`rounded-full px-3 py-1 text-sm font-medium focus-visible:outline-2 focus-visible:outline-indigo-600 ${
              kind === t.kind
                ? "bg-indigo-600 text-white"
                : "text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
            }`}
          >
            {t.label}
          </button>
        ))}
      </div>
      <SharedList chatId={chatId} kind={kind} />
    </section>
  );
}

function SharedList({ chatId, kind }: { chatId: number; kind: SharedKind }) {
  const shared = useSharedMedia(chatId, kind);
  const [open, setOpen] = useState<Attachment | null>(null);
  const items = shared.data?.pages.flatMap((p) => p.items) ?? [];
  if (shared.isPending) return <p className="px-2 py-3 text-sm text-slate-500">Loading…</p>;
  if (shared.isError)
    return (
      <p role="alert" className="px-2 py-3 text-sm text-red-600">
        Could not load them.{" "}
        <button type="button" className="underline" onClick={() => shared.refetch()}>
          Retry
        </button>
      </p>
    );
  if (!items.length)
    return (
      <p className="px-2 py-3 text-sm text-slate-500" data-testid="shared-empty">
        {kind === "media" ? "No photos or videos yet." : "No files yet."}
      </p>
    );
  return (
    <div role="tabpanel" data-testid={`shared-${kind}`}>
      {kind === "media" ? (
        <ul className="grid grid-cols-3 gap-1">
          {items.map(({ attachment: a }) => (
            <li key={a.id}>
              <button
                type="button"
                data-testid="shared-media-item"
                data-filename={a.filename}
                aria-label={`Open ${a.filename}`}
                onClick={() => setOpen(a)}
                className="relative block aspect-square w-full overflow-hidden rounded-md bg-slate-200 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 dark:bg-slate-700"
              >
                {a.thumbnail_url ? (
                  // biome-ignore lint/performance/noImgElement: signed media URLs from the app, not static assets.
                  <img src={a.thumbnail_url} alt="" className="h-full w-full object-cover" />
                ) : (
                  <span className="grid h-full place-items-center p-1 text-xs break-all">{a.filename}</span>
                )}
                {a.content_type.startsWith("video/") ? (
                  <span className="absolute right-1 bottom-1 rounded bg-black/60 px-1 text-xs text-white">
                    ▶
                  </span>
                ) : null}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <ul className="space-y-1">
          {items.map(({ attachment: a, created_at }) => (
            <li key={a.id}>
              <a
                href={a.url}
                download={a.filename}
                data-testid="shared-file"
                data-filename={a.filename}
                className="flex items-center gap-3 rounded-lg px-2 py-2 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:hover:bg-slate-800"
              >
                <FileBadge filename={a.filename} />
                <span className="min-w-0 flex-1">
                  <span className="block truncate text-sm font-medium">{a.filename}</span>
                  <span className="block text-xs text-slate-500 dark:text-slate-400">
                    {fileSize(a.size)} · {listTime(created_at)}
                  </span>
                </span>
              </a>
            </li>
          ))}
        </ul>
      )}
      {shared.hasNextPage ? (
        <button
          type="button"
          className="mt-2 w-full rounded-lg py-2 text-sm font-medium text-indigo-600 hover:bg-slate-100 dark:text-indigo-300 dark:hover:bg-slate-800"
          disabled={shared.isFetchingNextPage}
          onClick={() => shared.fetchNextPage()}
        >
          {shared.isFetchingNextPage ? "Loading…" : "Show more"}
        </button>
      ) : null}
      <MediaViewer attachment={open} onClose={() => setOpen(null)} />
    </div>
  );
}
