import { json } from "@/lib/http/responses.ts";
import { authRoute } from "@/lib/http/route.ts";
import { readQuery } from "@/lib/http/validation.ts";
import { searchQuerySchema } from "@/lib/search/schemas.ts";
import { searchMessages } from "@/lib/search/search-messages.ts";

// GET /v1/search?q=&chat_id=&cursor=&limit= – search messages in the caller's chats, best first
export const GET = authRoute(async (req, auth) =>
  json(await searchMessages(auth.userId, readQuery(req, searchQuerySchema))),
);
