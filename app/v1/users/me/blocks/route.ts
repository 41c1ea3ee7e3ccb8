import { json } from "@/lib/http/responses.ts";
import { authRoute } from "@/lib/http/route.ts";
import { listBlocks } from "@/lib/users/blocks.ts";

// GET /v1/users/me/blocks – the people the caller blocked, most recent first
export const GET = authRoute(async (_req, auth) => json({ blocks: await listBlocks(auth.userId) }));
