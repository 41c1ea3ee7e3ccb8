import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { NextRequest } from "next/server";
import { AppError } from "../lib/http/app-error.ts";
import { errorResponse } from "../lib/http/handle-errors.ts";
import { type ApiRoute, findApiRoutes, matchApiRoute } from "./api-routes.ts";

// api-contract.md clients call the API without the /v1 prefix; these paths alias the canonical ones
// (the same list as the rewrites in next.config.mjs, which serve them in development).
// /v1/admin is not aliased: /admin is the web app's admin console.
const UNPREFIXED_API = new Set([
  "auth",
  "users",
  "chats",
  "dialogs",
  "attachments",
  "media",
  "reports",
  "calls",
]);
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

type Handler = (
  req: NextRequest,
  ctx: { params: Promise<Record<string, string | string[]>> },
) => Promise<Response>;

function canonicalPath(pathname: string): string | undefined {
  if (pathname.startsWith("/v1/")) return pathname;
  const first = pathname.split("/", 2)[1] ?? "";
  return UNPREFIXED_API.has(first) ? `/v1${pathname}` : undefined;
}

/** From req.headers, not rawHeaders: stampClientIp (client-ip.ts) writes the client's address there. */
function requestHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name.startsWith(":")) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  return headers;
}

/**
 * The request body as a web stream. Unlike Readable.toWeb, cancelling it (a handler refusing a body
 * that is too large) does not destroy the socket, so the refusal still reaches the client; the
 * rest of the body is read and dropped until the answer (Connection: close) ends the connection.
 */
function bodyOf(req: IncomingMessage): ReadableStream<Uint8Array> {
  let onData: (chunk: Buffer) => void = () => {};
  let onEnd = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      onData = (chunk) => {
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 0) <= 0) req.pause();
      };
      onEnd = () => controller.close();
      req.on("data", onData);
      req.once("end", onEnd);
      req.once("error", (error) => controller.error(error));
    },
    pull() {
      req.resume();
    },
    cancel() {
      req.off("data", onData);
      req.off("end", onEnd);
      req.on("data", () => {});
      req.resume();
    },
  });
}

/**
 * Reads and drops what is left of a body the handler did not read (it refused it as too large),
 * at most 1 MiB or 2 s: answering while the client is still sending, on a connection about to be
 * closed, would reset it, and the client would see a broken pipe instead of the answer.
 */
async function drainRest(req: IncomingMessage): Promise<void> {
  if (req.complete || req.destroyed) return;
  await new Promise<void>((resolve) => {
    let seen = 0;
    const done = () => {
      clearTimeout(timer);
      req.off("data", onData);
      resolve();
    };
    const onData = (chunk: Buffer) => {
      seen += chunk.byteLength;
      if (seen > 1 << 20) done();
    };
    const timer = setTimeout(done, 2000);
    req.on("data", onData);
    req.once("end", done);
    req.once("close", done);
    req.resume();
  });
}

async function writeResponse(res: ServerResponse, response: Response, head: boolean): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers["set-cookie"] = cookies;
  if (!response.body || head) {
    res.writeHead(response.status, headers);
    res.end();
    await response.body?.cancel().catch(() => {});
    return;
  }
  // A body that is already whole (every JSON answer) goes out in one write, with its length.
  if (!headers["content-length"] && (headers["content-type"] ?? "").toString().includes("json")) {
    const body = Buffer.from(await response.arrayBuffer());
    headers["content-length"] = String(body.length);
    res.writeHead(response.status, headers);
    res.end(body);
    return;
  }
  res.writeHead(response.status, headers);
  await pipeline(Readable.fromWeb(response.body as import("node:stream/web").ReadableStream), res);
}

/** An error in the API's shape, once the unread body is dropped (so the client sees the answer). */
async function answerError(req: IncomingMessage, res: ServerResponse, error: unknown): Promise<void> {
  if (req.method !== "GET" && req.method !== "HEAD") await drainRest(req);
  await writeResponse(res, errorResponse(error), req.method === "HEAD").catch(() => res.destroy());
}

function allowed(module: Record<string, unknown>): string[] {
  const methods: string[] = METHODS.filter((m) => typeof module[m] === "function");
  if (methods.includes("GET") && !methods.includes("HEAD")) methods.push("HEAD");
  if (!methods.includes("OPTIONS")) methods.push("OPTIONS");
  return methods;
}

/**
 * Answers a request whose path has a % that starts no valid escape (or escapes that are not UTF-8)
 * with 400 in the API's error shape: Next would answer it with a bare 500, and no route can match
 * it. False leaves the request to the rest of the server.
 */
export function refuseMalformedPath(req: IncomingMessage, res: ServerResponse): boolean {
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  try {
    decodeURIComponent(q < 0 ? url : url.slice(0, q));
    return false;
  } catch {
    const error = new AppError(
      "malformed_url",
      400,
      "The address is not valid: a % must start an escape of two hex digits (%25 for a % itself).",
    );
    void answerError(req, res, error);
    return true;
  }
}

/**
 * The API's route handlers (app/v1/**\/route.ts), called straight from the HTTP server in
 * production. Next's request pipeline (routing, rewrites, its request and response adapters, its
 * async-context bookkeeping) cost about 3 ms of CPU per request, several times the work of a
 * history page itself (issue 12); the handlers are the same modules, called as Next calls them:
 * a NextRequest and a promise of the decoded params. HEAD runs GET without its body; OPTIONS
 * lists the methods. In development Next serves them, so that editing a route reloads it.
 */
export async function createApiDispatcher(appDir: string) {
  // Loaded once Next has set up its server runtime (it needs Next's AsyncLocalStorage global).
  const { NextRequest } = await import("next/server");
  const routes: ApiRoute[] = findApiRoutes(appDir, "v1");
  const base = (req: IncomingMessage) => {
    const proto = req.headers["x-forwarded-proto"];
    const scheme = typeof proto === "string" && proto.split(",")[0]!.trim() === "https" ? "https" : "http";
    return `${scheme}://${req.headers.host ?? "localhost"}`;
  };

  /** Answers the request if it is an API request; false leaves it to Next. */
  return function dispatch(req: IncomingMessage, res: ServerResponse): boolean {
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const pathname = canonicalPath(q < 0 ? url : url.slice(0, q));
    if (!pathname) return false;
    const match = matchApiRoute(routes, pathname);
    if (!match) return false;
    void (async () => {
      try {
        const module = await match.route.load();
        const method = req.method ?? "GET";
        const handler = (module[method] ?? (method === "HEAD" ? module.GET : undefined)) as
          | Handler
          | undefined;
        if (!handler) {
          const allow = allowed(module).join(", ");
          if (method === "OPTIONS") {
            res.writeHead(204, { allow });
            res.end();
            return;
          }
          throw new AppError("method_not_allowed", 405, `Use ${allow}.`, { headers: { Allow: allow } });
        }
        const hasBody = method !== "GET" && method !== "HEAD";
        const request = new NextRequest(`${base(req)}${pathname}${q < 0 ? "" : url.slice(q)}`, {
          method,
          headers: requestHeaders(req),
          body: hasBody ? bodyOf(req) : undefined,
          // undici needs it for a streamed body
          duplex: hasBody ? "half" : undefined,
        });
        const response = await handler(request, { params: Promise.resolve(match.params) });
        if (hasBody) await drainRest(req);
        await writeResponse(res, response, method === "HEAD");
      } catch (error) {
        if (res.headersSent) {
          res.destroy(error as Error);
          return;
        }
        await answerError(req, res, error);
      }
    })();
    return true;
  };
}
