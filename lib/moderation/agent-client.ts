// stu's side of the moderation agent's API: seal a packet to the agent's public key and post it.
// No database imports: the agent's tests and scripts use this module too.
import { CompactEncrypt, importJWK, type JWK } from "jose";
import { z } from "zod";
import { getConfig } from "../config/env.ts";
import {
  type AgentVerdict,
  agentVerdictSchema,
  createFeedbackPacket,
  FEEDBACK_PACKET_CTY,
  type FeedbackExample,
  feedbackExampleSchema,
  PACKET_ALG,
  PACKET_ENC,
  REPORT_PACKET_CTY,
  type ReportPacket,
  reportPacketSchema,
} from "./packet.ts";

export type { AgentVerdict } from "./packet.ts";

/** The agent could not be reached, timed out or failed (5xx): try again later (the job retries). */
export class AgentUnavailableError extends Error {
  override name = "AgentUnavailableError";
}

/** The agent refused the request (4xx other than a key change): retrying the same call will not help. */
export class AgentRequestError extends Error {
  override name = "AgentRequestError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export type AgentEndpoint = { url: string; token: string };

/** Bounds on every call to the agent. */
export const AGENT_TIMEOUTS = { publicKeyMs: 5_000, analyzeMs: 15_000, feedbackMs: 15_000 };

const ENDPOINT = Symbol.for("stu.moderation.agentEndpoint");
type WithEndpoint = typeof globalThis & { [ENDPOINT]?: AgentEndpoint | null };

/**
 * Where the agent answers now. agent-process.ts sets it each time its child is ready (the port is
 * new after a restart); kept on globalThis because Next's bundle and server/ load separate copies
 * of this module into one process.
 */
export function setAgentEndpoint(endpoint: AgentEndpoint | null): void {
  (globalThis as WithEndpoint)[ENDPOINT] = endpoint;
}

export function agentEndpoint(): AgentEndpoint {
  const current = (globalThis as WithEndpoint)[ENDPOINT];
  if (current) return current;
  const { agentUrl, agentToken } = getConfig().moderation;
  if (agentUrl && agentToken) return { url: agentUrl, token: agentToken };
  throw new AgentUnavailableError("The moderation agent is not running.");
}

const publicKeySchema = z.object({
  kid: z.string().min(1),
  alg: z.literal(PACKET_ALG),
  enc: z.literal(PACKET_ENC),
  jwk: z.looseObject({ kty: z.literal("EC"), crv: z.literal("P-256"), x: z.string(), y: z.string() }),
});

type AgentKey = { kid: string; key: CryptoKey };
const keys = new Map<string, Promise<AgentKey>>();

async function call(url: string, init: RequestInit, timeoutMs: number): Promise<Response> {
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    if (res.status >= 500) {
      throw new AgentUnavailableError(`The moderation agent answered ${res.status} (${await res.text()})`);
    }
    return res;
  } catch (error) {
    if (error instanceof AgentUnavailableError) throw error;
    const cause = (error as Error).name === "TimeoutError" ? `no answer within ${timeoutMs} ms` : error;
    throw new AgentUnavailableError(`The moderation agent cannot be reached at ${url}: ${cause}`);
  }
}

async function fetchKey(url: string): Promise<AgentKey> {
  const res = await call(`${url}/public-key`, {}, AGENT_TIMEOUTS.publicKeyMs);
  const parsed = publicKeySchema.safeParse(await res.json().catch(() => null));
  if (!res.ok || !parsed.success)
    throw new Error(`The moderation agent's GET /public-key answered ${res.status}`);
  return { kid: parsed.data.kid, key: (await importJWK(parsed.data.jwk as JWK, PACKET_ALG)) as CryptoKey };
}

/** The agent's public key, fetched once per agent URL (again after forgetKey). */
function agentKey(url: string): Promise<AgentKey> {
  let key = keys.get(url);
  if (!key) {
    key = fetchKey(url);
    keys.set(url, key);
    key.catch(() => keys.delete(url));
  }
  return key;
}

/** A compact JWE of `payload` for the holder of `key` (ECDH-ES, A256GCM, with kid and cty). */
export async function sealPacket(payload: unknown, key: AgentKey, contentType: string): Promise<string> {
  return new CompactEncrypt(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: PACKET_ALG, enc: PACKET_ENC, kid: key.kid, cty: contentType })
    .encrypt(key.key);
}

async function refusal(res: Response): Promise<AgentRequestError> {
  const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
  return new AgentRequestError(
    res.status,
    body?.error?.code ?? "unknown",
    `The moderation agent refused the packet: ${res.status} ${body?.error?.code ?? ""} ${body?.error?.message ?? ""}`.trim(),
  );
}

/**
 * Seals `payload` and posts it to `path`. A 400 undecryptable_packet means the agent's key changed
 * (a new data directory): the key is fetched again and the same packet, sealed anew, sent once more.
 */
async function post(
  path: string,
  payload: unknown,
  contentType: string,
  timeoutMs: number,
): Promise<Response> {
  const { url, token } = agentEndpoint();
  for (let attempt = 1; ; attempt++) {
    const key = await agentKey(url);
    const res = await call(
      `${url}${path}`,
      {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ packet: await sealPacket(payload, key, contentType) }),
      },
      timeoutMs,
    );
    if (res.ok) return res;
    const error = await refusal(res);
    if (error.code === "undecryptable_packet" && attempt === 1) {
      keys.delete(url);
      continue;
    }
    throw error;
  }
}

/**
 * Has the agent judge a report. Build the packet with createReportPacket for each attempt (a fresh
 * packet_id): the agent answers 409 to a packet it has already seen.
 */
export async function analyzePacket(packet: ReportPacket): Promise<AgentVerdict> {
  const valid = reportPacketSchema.parse(packet);
  const res = await post("/analyze", valid, REPORT_PACKET_CTY, AGENT_TIMEOUTS.analyzeMs);
  const verdict = agentVerdictSchema.safeParse(await res.json().catch(() => null));
  if (!verdict.success) throw new Error("The moderation agent's answer to POST /analyze is malformed");
  return verdict.data;
}

/** Teaches the agent from admins' resolutions (label `ok` for no violation, else the reason). */
export async function sendFeedback(examples: FeedbackExample[]): Promise<void> {
  if (examples.length === 0) return;
  const valid = z.array(feedbackExampleSchema).parse(examples);
  // The agent takes at most 100 examples per packet.
  for (let i = 0; i < valid.length; i += 100) {
    await post(
      "/feedback",
      createFeedbackPacket(valid.slice(i, i + 100)),
      FEEDBACK_PACKET_CTY,
      AGENT_TIMEOUTS.feedbackMs,
    );
  }
}
