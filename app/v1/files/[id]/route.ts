import type { NextRequest } from "next/server";
import { publicRoute } from "@/lib/http/route.ts";
import { parseWith, readQuery } from "@/lib/http/validation.ts";
import { attachmentIdSchema, signedQuerySchema } from "@/lib/media/schemas.ts";
import { serveFile } from "@/lib/media/serve-file.ts";

const serve = (req: NextRequest, params: Record<string, unknown>) =>
  serveFile({
    ...readQuery(req, signedQuerySchema),
    id: parseWith(attachmentIdSchema, params.id),
    range: req.headers.get("range"),
    head: req.method === "HEAD",
  });

// GET /v1/files/{id}?variant=&disposition=&expires=&sig= – a stored file (local storage), by signed link
export const GET = publicRoute(serve);

// HEAD /v1/files/{id}?… – the same headers without the bytes
export const HEAD = publicRoute(serve);
