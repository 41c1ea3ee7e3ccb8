"use client";

import { CloseIcon } from "@/components/icons.tsx";
import { fileSize } from "@/lib/client/format.ts";
import type { StagedUpload } from "@/lib/client/use-uploads.ts";
import { FileBadge } from "./file-badge.tsx";

/** The files waiting to go with the next message, each with its progress and a cancel button. */
export function UploadTray({ uploads, onRemove }: { uploads: StagedUpload[]; onRemove(key: string): void }) {
  if (!uploads.length) return null;
  return (
    <ul className="mb-2 flex gap-2 overflow-x-auto pb-1" aria-label="Attachments" data-testid="upload-tray">
      {uploads.map((u) => (
        <li
          key={u.key}
          data-testid="upload-item"
          data-state={u.state}
          data-filename={u.file.name}
          className="relative w-40 shrink-0 rounded-xl border border-slate-200 bg-slate-50 p-2 dark:border-slate-700 dark:bg-slate-800"
        >
          <div className="flex items-center gap-2">
            {u.previewUrl ? (
              // biome-ignore lint/performance/noImgElement: a local object URL preview.
              <img src={u.previewUrl} alt="" className="h-10 w-10 rounded-lg object-cover" />
            ) : (
              <FileBadge filename={u.file.name} small />
            )}
            <span className="min-w-0 flex-1">
              <span className="block truncate text-xs font-medium">{u.file.name}</span>
              <span className="block text-[11px] text-slate-500">{fileSize(u.file.size)}</span>
            </span>
          </div>
          {u.state === "failed" ? (
            <p role="alert" className="mt-1 text-[11px] text-red-600">
              {u.error}
            </p>
          ) : (
            <div
              className="mt-2 h-1.5 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700"
              role="progressbar"
              aria-label={`Uploading ${u.file.name}`}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={Math.round(u.progress * 100)}
            >
              <div
                className={`h-full rounded-full transition-[width] ${u.state === "done" ? "bg-emerald-500" : "bg-indigo-500"}`}
                style={{ width: `${Math.round(u.progress * 100)}%` }}
              />
            </div>
          )}
          <button
            type="button"
            onClick={() => onRemove(u.key)}
            data-testid="upload-cancel"
            aria-label={u.state === "uploading" ? `Cancel upload of ${u.file.name}` : `Remove ${u.file.name}`}
            className="absolute -top-2 -right-2 grid h-6 w-6 place-items-center rounded-full bg-slate-700 text-white hover:bg-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-500"
          >
            <CloseIcon className="h-3.5 w-3.5" />
          </button>
        </li>
      ))}
    </ul>
  );
}
