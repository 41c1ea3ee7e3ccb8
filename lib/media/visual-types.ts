/**
 * Attachments the web app shows as pictures or videos (inline, and under "Media" in a chat's info);
 * everything else is a file. Shared by the browser and the shared-media query.
 */
export const VISUAL_TYPES = [
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
  "video/mp4",
  "video/webm",
  "video/quicktime",
];

export const isVisualType = (contentType: string) => VISUAL_TYPES.includes(contentType);
