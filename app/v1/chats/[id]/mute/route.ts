import { muteUntil, setChatState } from "@/lib/chats/chat-state.ts";
import { idSchema, muteSchema } from "@/lib/chats/schemas.ts";
import { json } from "@/lib/http/responses.ts";
import { authRoute } from "@/lib/http/route.ts";
import { parseWith, readJson } from "@/lib/http/validation.ts";

// PUT /v1/chats/{id}/mute – {for:"1h"|"8h"|"1d"|"forever"} or {until}; no body mutes for ever
export const PUT = authRoute(async (req, auth, params) => {
  const until = muteUntil(await readJson(req, muteSchema));
  return json(await setChatState(auth.userId, parseWith(idSchema, params.id), { kind: "mute", until }));
});

// DELETE /v1/chats/{id}/mute – unmute
export const DELETE = authRoute(async (_req, auth, params) =>
  json(await setChatState(auth.userId, parseWith(idSchema, params.id), { kind: "mute", until: null })),
);
