import { authRoute } from "@/lib/http/route.ts";
import { parseWith } from "@/lib/http/validation.ts";
import { downloadLink } from "@/lib/media/download-link.ts";
import { redirectTo } from "@/lib/media/redirect.ts";
import { attachmentIdSchema } from "@/lib/media/schemas.ts";

// GET /v1/media/{id}/thumbnail – 302 to a fresh signed link of the WebP preview (usable as <img src>)
export const GET = authRoute(async (_req, auth, params) => {
  const id = parseWith(attachmentIdSchema, params.id);
  return redirectTo(
    (await downloadLink({ userId: auth.userId, id, variant: "thumbnail", inline: true })).url,
  );
});
