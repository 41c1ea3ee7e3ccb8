"use client";

import type { LinkPreview } from "@/lib/client/types.ts";

/**
 * The card under a message's text: site, title, two lines of description and the image (stu's own
 * copy, so opening the chat tells the site nothing). The whole card opens the link in a new tab.
 */
export function LinkPreviewCard({ preview, mine }: { preview: LinkPreview; mine: boolean }) {
  return (
    <a
      href={preview.url}
      target="_blank"
      rel="noopener noreferrer nofollow"
      data-testid="link-preview"
      className={`mt-1.5 mb-0.5 block w-72 max-w-full overflow-hidden rounded-lg border-l-4 no-underline ${
        mine
          ? "border-white/70 bg-white/15 text-white hover:bg-white/20"
          : "border-indigo-500 bg-slate-100 text-slate-900 hover:bg-slate-200/70 dark:bg-slate-700/60 dark:text-slate-100 dark:hover:bg-slate-700"
      }`}
    >
      {preview.image ? (
        // biome-ignore lint/performance/noImgElement: stu's own small WebP, sized by the server; next/image adds nothing here.
        <img
          src={preview.image.url}
          alt=""
          width={preview.image.width}
          height={preview.image.height}
          loading="lazy"
          data-testid="link-preview-image"
          className="max-h-40 w-full object-cover"
          style={{ aspectRatio: `${preview.image.width} / ${preview.image.height}` }}
        />
      ) : null}
      <span className="block px-2.5 py-1.5">
        {preview.site_name ? (
          <span
            data-testid="link-preview-site"
            className={`block truncate text-xs font-semibold ${mine ? "text-white/90" : "text-indigo-600 dark:text-indigo-300"}`}
          >
            {preview.site_name}
          </span>
        ) : null}
        {preview.title ? (
          <span
            data-testid="link-preview-title"
            className="line-clamp-2 block text-sm font-semibold leading-snug"
          >
            {preview.title}
          </span>
        ) : null}
        {preview.description ? (
          <span
            data-testid="link-preview-description"
            className={`mt-0.5 line-clamp-2 block text-xs leading-snug ${mine ? "text-white/85" : "text-slate-600 dark:text-slate-300"}`}
          >
            {preview.description}
          </span>
        ) : null}
      </span>
    </a>
  );
}
