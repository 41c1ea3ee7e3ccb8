import { authRoute } from "@/lib/http/route.ts";
import { parseWith } from "@/lib/http/validation.ts";
import { previewImage } from "@/lib/link-previews/preview-image.ts";
import { attachmentIdSchema } from "@/lib/media/schemas.ts";

// GET /v1/link-previews/{id}/image – a link preview's image, fetched and re-encoded by stu (usable as <img src>)
export const GET = authRoute(async (_req, auth, params) => {
  return previewImage(auth.userId, parseWith(attachmentIdSchema, params.id));
});
