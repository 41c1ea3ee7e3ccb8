import { authRoute } from "@/lib/http/route.ts";
import { parseWith, readQuery } from "@/lib/http/validation.ts";
import { downloadLink } from "@/lib/media/download-link.ts";
import { redirectTo } from "@/lib/media/redirect.ts";
import { attachmentIdSchema, mediaLinkSchema } from "@/lib/media/schemas.ts";

// GET /v1/media/{id}/download?inline=1 – 302 to a fresh signed link (usable as <a href> or <video src>)
export const GET = authRoute(async (req, auth, params) => {
  const { inline } = readQuery(req, mediaLinkSchema);
  const id = parseWith(attachmentIdSchema, params.id);
  return redirectTo((await downloadLink({ userId: auth.userId, id, variant: "original", inline })).url);
});
