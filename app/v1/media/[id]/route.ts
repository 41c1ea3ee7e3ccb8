import { json } from "@/lib/http/responses.ts";
import { authRoute } from "@/lib/http/route.ts";
import { parseWith, readQuery } from "@/lib/http/validation.ts";
import { downloadLink } from "@/lib/media/download-link.ts";
import { attachmentIdSchema, mediaLinkSchema } from "@/lib/media/schemas.ts";

// GET /v1/media/{id}?inline=1 – a short-lived download link {url, expires_in}
export const GET = authRoute(async (req, auth, params) => {
  const { inline } = readQuery(req, mediaLinkSchema);
  const id = parseWith(attachmentIdSchema, params.id);
  return json(await downloadLink({ userId: auth.userId, id, variant: "original", inline }));
});
