import type { LinkPreview } from "../db/generated/client.ts";

export type LinkPreviewView = {
  url: string;
  title: string | null;
  description: string | null;
  site_name: string | null;
  image: { url: string; width: number; height: number } | null;
};

/** The columns a view is made of (history reads just these). */
export type LinkPreviewFields = Pick<
  LinkPreview,
  "id" | "url" | "title" | "description" | "siteName" | "imageKey" | "imageWidth" | "imageHeight"
>;

/**
 * The preview joined as `lp`, as one JSON column `link_preview` shaped as LinkPreviewFields: for the
 * statements that read messages with their previews in one round trip (history, search).
 */
export const LINK_PREVIEW_COLUMN = `CASE WHEN lp.id IS NOT NULL THEN json_build_object(
         'id', lp.id, 'url', lp.url, 'title', lp.title, 'description', lp.description, 'siteName', lp.site_name,
         'imageKey', lp.image_key, 'imageWidth', lp.image_width, 'imageHeight', lp.image_height)
       END AS link_preview`;

/** Served by stu (lib/link-previews/preview-image.ts): a viewer's browser never fetches the site. */
export const previewImagePath = (id: number) => `/v1/link-previews/${id}/image`;

export function toLinkPreview(p: LinkPreviewFields): LinkPreviewView {
  return {
    url: p.url,
    title: p.title,
    description: p.description,
    site_name: p.siteName,
    image:
      p.imageKey && p.imageWidth && p.imageHeight
        ? { url: previewImagePath(p.id), width: p.imageWidth, height: p.imageHeight }
        : null,
  };
}
