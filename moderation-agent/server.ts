import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { z } from "zod";
import {
  FEEDBACK_PACKET_CTY,
  feedbackPacketSchema,
  REPORT_PACKET_CTY,
  reportPacketSchema,
} from "../lib/moderation/packet.ts";
import { AgentError } from "./agent-error.ts";
import { analyzePacket } from "./analysis/analyze.ts";
import { hasToken } from "./auth.ts";
import type { AgentKeys } from "./keys.ts";
import type { Model } from "./model.ts";
import { openPacket } from "./open-packet.ts";
import type { ReplayStore } from "./replay-store.ts";

/** Largest request body accepted (a packet of 5 context messages of 4096 characters fits easily). */
export const MAX_BODY_BYTES = 256 * 1024;

type Deps = { token: string; keys: AgentKeys; model: Model; replays: ReplayStore; log(line: string): void };

const sealedBody = z.object({ packet: z.string().min(1).max(MAX_BODY_BYTES) });

function send(
  res: ServerResponse,
  status: number,
  body?: unknown,
  headers: Record<string, string> = {},
): void {
  const json = body === undefined ? "" : JSON.stringify(body);
  res.writeHead(status, {
    ...(json ? { "content-type": "application/json; charset=utf-8" } : {}),
    "cache-control": "no-store",
    ...headers,
  });
  res.end(json);
}

function sendError(res: ServerResponse, error: AgentError, headers?: Record<string, string>): void {
  const body = {
    code: error.code,
    message: error.message,
    ...(error.details ? { details: error.details } : {}),
  };
  send(res, error.status, { error: body }, headers);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const tooLarge = new AgentError(
    413,
    "payload_too_large",
    `The body must be at most ${MAX_BODY_BYTES} bytes.`,
  );
  if (Number(req.headers["content-length"] ?? 0) > MAX_BODY_BYTES) throw tooLarge;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw tooLarge;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

async function readSealed(req: IncomingMessage): Promise<string> {
  const raw = await readBody(req);
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new AgentError(400, "invalid_json", 'The body must be JSON: {"packet": "<compact JWE>"}.');
  }
  const parsed = sealedBody.safeParse(json);
  if (!parsed.success) {
    throw new AgentError(422, "invalid_packet", 'The body must be {"packet": "<compact JWE>"}.');
  }
  return parsed.data.packet;
}

type Route = {
  method: string;
  auth: boolean;
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
};

function routes(deps: Deps): Record<string, Route> {
  const { keys, model, replays } = deps;
  return {
    "/health": {
      method: "GET",
      auth: false,
      handle: async (_req, res) => send(res, 200, { ok: true, model_version: model.version }),
    },
    "/public-key": {
      method: "GET",
      auth: false,
      handle: async (_req, res) => send(res, 200, keys.publicKey),
    },
    "/analyze": {
      method: "POST",
      auth: true,
      async handle(req, res) {
        const jwe = await readSealed(req);
        const packet = await openPacket({
          jwe,
          keys,
          replays,
          schema: reportPacketSchema,
          contentType: REPORT_PACKET_CTY,
        });
        const result = analyzePacket(packet, model.classifier);
        // Ids and the outcome only: the packet's content stays out of the log.
        deps.log(
          `analyzed report ${packet.report.id} (packet ${packet.packet_id}): ${result.verdict} ${result.score}`,
        );
        send(res, 200, { ...result, model_version: model.version });
      },
    },
    "/feedback": {
      method: "POST",
      auth: true,
      async handle(req, res) {
        const jwe = await readSealed(req);
        const packet = await openPacket({
          jwe,
          keys,
          replays,
          schema: feedbackPacketSchema,
          contentType: FEEDBACK_PACKET_CTY,
        });
        model.learn(packet.examples);
        deps.log(`learned ${packet.examples.length} feedback example(s); model ${model.version}`);
        send(res, 202, { accepted: packet.examples.length, model_version: model.version });
      },
    },
  };
}

/** The agent's HTTP API: GET /health, GET /public-key, POST /analyze, POST /feedback. */
export function createAgentServer(deps: Deps): Server {
  const table = routes(deps);
  return createServer({ headersTimeout: 10_000, requestTimeout: 30_000 }, (req, res) => {
    const pathname = new URL(req.url ?? "/", "http://agent").pathname;
    const route = table[pathname];
    void (async () => {
      if (!route) throw new AgentError(404, "not_found", "No such endpoint.");
      if (req.method !== route.method && !(route.method === "GET" && req.method === "HEAD")) {
        res.setHeader("allow", route.method);
        throw new AgentError(405, "method_not_allowed", `Use ${route.method} for ${pathname}.`);
      }
      if (route.auth && !hasToken(req, deps.token)) {
        throw new AgentError(401, "unauthorized", "A valid bearer token is required.");
      }
      await route.handle(req, res);
    })().catch((error: unknown) => {
      if (res.headersSent) return;
      if (error instanceof AgentError) {
        const headers = error.status === 401 ? { "www-authenticate": "Bearer" } : undefined;
        // Stop reading a body the agent refused; the client gets the answer either way.
        if (error.status === 413) res.setHeader("connection", "close");
        sendError(res, error, headers);
        return;
      }
      deps.log(`internal error on ${req.method} ${pathname}: ${(error as Error).stack ?? error}`);
      sendError(res, new AgentError(500, "internal_error", "The agent failed; see its log."));
    });
  });
}
