// PATCH|DELETE /v1/dialogs/{id}/messages/{mid} – the same as the /v1/chats path
export { DELETE, PATCH } from "../../../../chats/[id]/messages/[mid]/route.ts";
