import { flagRoutes } from "@/lib/chats/state-routes.ts";

// PUT /v1/chats/{id}/archive – archive the chat for me; DELETE – bring it back
export const { PUT, DELETE } = flagRoutes("archived");
