// GET /v1/dialogs/{id} – the same as /v1/chats/{id}
export { GET } from "../../chats/[id]/route.ts";
