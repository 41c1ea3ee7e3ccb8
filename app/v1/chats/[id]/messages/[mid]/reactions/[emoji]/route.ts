import type { NextRequest } from "next/server";
import type { AuthContext } from "@/lib/auth/authenticate.ts";
import { idSchema } from "@/lib/chats/schemas.ts";
import { json } from "@/lib/http/responses.ts";
import { authRoute } from "@/lib/http/route.ts";
import { parseWith } from "@/lib/http/validation.ts";
import { react } from "@/lib/reactions/react.ts";
import { emojiFromPath, emojiSchema } from "@/lib/reactions/schemas.ts";

const reactRoute = (action: "add" | "remove") =>
  authRoute(async (_req: NextRequest, auth: AuthContext, params) =>
    json(
      await react({
        userId: auth.userId,
        chatId: parseWith(idSchema, params.id),
        messageId: parseWith(idSchema, params.mid),
        emoji: parseWith(emojiSchema, emojiFromPath(params.emoji)),
        action,
      }),
    ),
  );

// PUT /v1/chats/{id}/messages/{mid}/reactions/{emoji} – add your reaction (idempotent)
export const PUT = reactRoute("add");

// DELETE /v1/chats/{id}/messages/{mid}/reactions/{emoji} – take your reaction back (idempotent)
export const DELETE = reactRoute("remove");
