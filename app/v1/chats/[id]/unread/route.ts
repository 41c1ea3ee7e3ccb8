import { flagRoutes } from "@/lib/chats/state-routes.ts";

// PUT /v1/chats/{id}/unread – mark the chat unread for me; DELETE – clear the mark (opening the chat)
export const { PUT, DELETE } = flagRoutes("unread");
