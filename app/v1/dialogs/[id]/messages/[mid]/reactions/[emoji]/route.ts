// PUT|DELETE /v1/dialogs/{id}/messages/{mid}/reactions/{emoji} – the same as the /v1/chats path
export { DELETE, PUT } from "../../../../../../chats/[id]/messages/[mid]/reactions/[emoji]/route.ts";
