import { idSchema } from "@/lib/chats/schemas.ts";
import { json } from "@/lib/http/responses.ts";
import { authRoute } from "@/lib/http/route.ts";
import { parseWith, readQuery } from "@/lib/http/validation.ts";
import { listSharedMedia, sharedMediaQuerySchema } from "@/lib/media/shared-media.ts";

// GET /v1/chats/{id}/media?kind=media|files&cursor=&limit= – a chat's shared photos and videos, or files
export const GET = authRoute(async (req, auth, params) =>
  json(
    await listSharedMedia(
      auth.userId,
      parseWith(idSchema, params.id),
      readQuery(req, sharedMediaQuerySchema),
    ),
  ),
);
