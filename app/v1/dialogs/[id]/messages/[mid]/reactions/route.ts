// GET /v1/dialogs/{id}/messages/{mid}/reactions – the same as the /v1/chats path
export { GET } from "../../../../../chats/[id]/messages/[mid]/reactions/route.ts";
