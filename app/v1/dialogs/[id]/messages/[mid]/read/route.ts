// POST /v1/dialogs/{id}/messages/{mid}/read – the same as the /v1/chats path
export { POST } from "../../../../../chats/[id]/messages/[mid]/read/route.ts";
