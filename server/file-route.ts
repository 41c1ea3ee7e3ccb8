import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { AppError } from "../lib/http/app-error.ts";
import { errorResponse } from "../lib/http/handle-errors.ts";
import { parseWith } from "../lib/http/validation.ts";
import { attachmentIdSchema, signedQuerySchema } from "../lib/media/schemas.ts";
import { serveFile } from "../lib/media/serve-file.ts";

const FILE_PATH = /^\/v1\/files\/([^/]+)$/;

export function isFileRequest(req: IncomingMessage): boolean {
  return FILE_PATH.test(new URL(req.url ?? "/", "http://localhost").pathname);
}

async function answer(req: IncomingMessage): Promise<Response> {
  try {
    if (req.method !== "GET" && req.method !== "HEAD") {
      throw new AppError("method_not_allowed", 405, "Use GET or HEAD.", { headers: { Allow: "GET, HEAD" } });
    }
    const url = new URL(req.url ?? "/", "http://localhost");
    return await serveFile({
      ...parseWith(signedQuerySchema, Object.fromEntries(url.searchParams)),
      id: parseWith(attachmentIdSchema, FILE_PATH.exec(url.pathname)![1]),
      range: req.headers.range ?? null,
      head: req.method === "HEAD",
    });
  } catch (error) {
    return errorResponse(error);
  }
}

/**
 * GET|HEAD /v1/files/{id}?variant=&disposition=&expires=&sig= – a stored file of the local driver,
 * by signed link. Answered here rather than by a Next route handler because Next drops
 * Content-Length from route handler responses, which players and download managers rely on.
 */
export async function serveFileRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const response = await answer(req);
  res.writeHead(response.status, Object.fromEntries(response.headers));
  if (!response.body) {
    res.end();
    return;
  }
  // A client that goes away mid-download is not an error of ours.
  await pipeline(Readable.fromWeb(response.body as never), res).catch(() => {});
}
