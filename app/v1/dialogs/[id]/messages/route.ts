// GET|POST /v1/dialogs/{id}/messages – the same as /v1/chats/{id}/messages (?before= is accepted there too)
export { GET, POST } from "../../../chats/[id]/messages/route.ts";
