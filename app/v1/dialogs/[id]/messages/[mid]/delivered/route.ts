// POST /v1/dialogs/{id}/messages/{mid}/delivered – the same as the /v1/chats path
export { POST } from "../../../../../chats/[id]/messages/[mid]/delivered/route.ts";
