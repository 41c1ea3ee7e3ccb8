"use client";

import { useState } from "react";
import { fileSize } from "@/lib/client/format.ts";
import type { Attachment, LocalAttachment } from "@/lib/client/types.ts";
import { isVisualType } from "@/lib/media/visual-types.ts";
import { FileBadge } from "./file-badge.tsx";
import { MediaViewer } from "./media-viewer.tsx";

function isVisual(a: Pick<Attachment, "content_type">): boolean {
  return isVisualType(a.content_type);
}

/** Pictures and videos inline (thumbnail first, full size in a viewer); other files as download cards. */
export function MessageAttachments({
  items,
  mine,
}: {
  items: Array<Attachment | LocalAttachment>;
  mine: boolean;
}) {
  const [open, setOpen] = useState<Attachment | null>(null);
  if (!items.length) return null;
  return (
    <div className="-mx-1.5 mt-0.5 mb-1 flex flex-col gap-1">
      {items.map((a) => {
        const stored = "url" in a ? (a as Attachment) : null;
        if (isVisual(a)) {
          const thumb = stored?.thumbnail_url ?? (a as LocalAttachment).preview_url;
          const ratio = stored?.width && stored.height ? `${stored.width} / ${stored.height}` : undefined;
          return (
            <button
              key={a.id}
              type="button"
              data-testid="attachment-media"
              data-filename={a.filename}
              disabled={!stored}
              onClick={() => stored && setOpen(stored)}
              aria-label={`Open ${a.filename}`}
              className="relative block max-h-80 max-w-full overflow-hidden rounded-xl bg-slate-200 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 dark:bg-slate-700"
              style={{ aspectRatio: ratio, width: stored?.width ? Math.min(stored.width, 320) : 240 }}
            >
              {thumb && a.content_type.startsWith("image/") ? (
                // biome-ignore lint/performance/noImgElement: signed media URLs from the app, not static assets.
                <img
                  src={thumb}
                  alt={a.filename}
                  className="h-full w-full object-cover"
                  data-testid="attachment-thumbnail"
                />
              ) : thumb ? (
                // biome-ignore lint/performance/noImgElement: signed media URLs from the app, not static assets.
                <img src={thumb} alt="" className="h-full w-full object-cover" />
              ) : (
                <span className="grid h-40 place-items-center text-sm">{a.filename}</span>
              )}
              {a.content_type.startsWith("video/") ? (
                <span className="absolute inset-0 grid place-items-center">
                  <span className="grid h-12 w-12 place-items-center rounded-full bg-black/55 text-xl text-white">
                    ▶
                  </span>
                </span>
              ) : null}
            </button>
          );
        }
        return (
          <div
            key={a.id}
            data-testid="attachment-file"
            data-filename={a.filename}
            className={`flex items-center gap-3 rounded-xl px-2 py-2 ${mine ? "bg-white/15" : "bg-slate-100 dark:bg-slate-700/60"}`}
          >
            <FileBadge filename={a.filename} />
            <span className="min-w-0 flex-1">
              <span className="block truncate text-sm font-medium">{a.filename}</span>
              <span className="block text-xs opacity-75">{fileSize(a.size)}</span>
            </span>
            {stored ? (
              <a
                href={stored.url}
                download={a.filename}
                data-testid="attachment-download"
                aria-label={`Download ${a.filename}`}
                className="rounded-lg px-2 py-1 text-sm font-medium underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500"
              >
                Download
              </a>
            ) : null}
          </div>
        );
      })}
      <MediaViewer attachment={open} onClose={() => setOpen(null)} />
    </div>
  );
}
