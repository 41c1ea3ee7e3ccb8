"use client";

import { CloseIcon } from "@/components/icons.tsx";
import { useModalDialog } from "@/components/use-modal-dialog.ts";
import type { Attachment } from "@/lib/client/types.ts";

/** Full-size picture or video over everything; Escape or a click outside closes it. */
export function MediaViewer({ attachment, onClose }: { attachment: Attachment | null; onClose(): void }) {
  const dialog = useModalDialog(attachment !== null, onClose);
  return (
    <dialog
      {...dialog}
      aria-label={attachment?.filename ?? "Media"}
      data-testid="media-viewer"
      className="m-0 h-full max-h-none w-full max-w-none bg-transparent p-0 backdrop:bg-slate-950/90"
    >
      {attachment ? (
        <div className="flex h-full flex-col">
          <div className="flex items-center gap-3 px-4 py-3 text-white">
            <p className="min-w-0 flex-1 truncate text-sm">{attachment.filename}</p>
            <a
              href={attachment.url}
              download={attachment.filename}
              className="rounded-lg px-3 py-1.5 text-sm hover:bg-white/10"
            >
              Download
            </a>
            <button
              type="button"
              className="icon-btn text-white hover:bg-white/10"
              aria-label="Close viewer"
              onClick={onClose}
            >
              <CloseIcon />
            </button>
          </div>
          <div className="grid min-h-0 flex-1 place-items-center p-4">
            {attachment.content_type.startsWith("video/") ? (
              // biome-ignore lint/a11y/useMediaCaption: user uploads carry no caption track.
              <video src={attachment.url} controls autoPlay className="max-h-full max-w-full" />
            ) : (
              // biome-ignore lint/performance/noImgElement: signed media URLs from the app, not static assets.
              <img
                src={attachment.url}
                alt={attachment.filename}
                data-testid="media-viewer-image"
                className="max-h-full max-w-full object-contain"
              />
            )}
          </div>
        </div>
      ) : null}
    </dialog>
  );
}
