import { json } from "../http/responses.ts";
import { authRoute } from "../http/route.ts";
import { parseWith } from "../http/validation.ts";
import { setChatState } from "./chat-state.ts";
import { idSchema } from "./schemas.ts";

/** PUT turns one of the caller's own flags of a chat on, DELETE off; both answer the chat view. */
export function flagRoutes(kind: "archived" | "pinned" | "unread") {
  const handler = (on: boolean) =>
    authRoute(async (_req, auth, params) =>
      json(await setChatState(auth.userId, parseWith(idSchema, params.id), { kind, on })),
    );
  return { PUT: handler(true), DELETE: handler(false) };
}
