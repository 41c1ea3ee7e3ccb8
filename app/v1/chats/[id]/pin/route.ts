import { flagRoutes } from "@/lib/chats/state-routes.ts";

// PUT /v1/chats/{id}/pin – pin the chat to the top of my list (at most 10); DELETE – unpin
export const { PUT, DELETE } = flagRoutes("pinned");
