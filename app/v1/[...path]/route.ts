import { errorBody, json } from "@/lib/http/responses.ts";

// Any other /v1 path – a JSON 404 rather than the web app's HTML page
const notFound = async () => json(errorBody("not_found", "No such API endpoint."), 404);

export { notFound as DELETE, notFound as GET, notFound as PATCH, notFound as POST, notFound as PUT };
