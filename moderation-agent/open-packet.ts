import { compactDecrypt } from "jose";
import type { z } from "zod";
import { PACKET_ALG, PACKET_ENC } from "../lib/moderation/packet.ts";
import { AgentError } from "./agent-error.ts";
import type { AgentKeys } from "./keys.ts";
import type { ReplayStore } from "./replay-store.ts";

// A packet issued further in the future than this is refused: the sender's clock is wrong.
const CLOCK_SKEW_MS = 60_000;

const undecryptable = () =>
  new AgentError(400, "undecryptable_packet", "The packet cannot be decrypted with this agent's key.");

type Envelope = { packet_id: string; issued_at: string; expires_at: string };

/**
 * Decrypts a compact JWE sealed to the agent's key (ECDH-ES + A256GCM only, with the expected
 * content type), validates its plaintext and claims its packet id: refused as undecryptable (400),
 * invalid (422), expired (410) or replayed (409).
 */
export async function openPacket<S extends z.ZodType<Envelope>>(options: {
  jwe: string;
  keys: AgentKeys;
  schema: S;
  contentType: string;
  replays: ReplayStore;
  now?: number;
}): Promise<z.infer<S>> {
  const { keys, now = Date.now() } = options;
  let plaintext: Uint8Array;
  try {
    const result = await compactDecrypt(options.jwe, keys.privateKey, {
      keyManagementAlgorithms: [PACKET_ALG],
      contentEncryptionAlgorithms: [PACKET_ENC],
    });
    // A kid, when given, must be ours: a packet sealed to an older key says so here.
    if (result.protectedHeader.kid !== undefined && result.protectedHeader.kid !== keys.kid)
      throw undecryptable();
    if (result.protectedHeader.cty !== options.contentType) {
      throw new AgentError(
        422,
        "invalid_packet",
        `The packet's content type must be ${options.contentType}.`,
      );
    }
    plaintext = result.plaintext;
  } catch (error) {
    if (error instanceof AgentError) throw error;
    throw undecryptable();
  }

  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(plaintext));
  } catch {
    throw new AgentError(422, "invalid_packet", "The packet's plaintext is not JSON.");
  }
  const parsed = options.schema.safeParse(json);
  if (!parsed.success) {
    throw new AgentError(
      422,
      "invalid_packet",
      "The packet does not match its schema.",
      parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    );
  }
  const packet = parsed.data as z.infer<S>;
  const issuedAt = Date.parse(packet.issued_at);
  const expiresAt = Date.parse(packet.expires_at);
  if (issuedAt > now + CLOCK_SKEW_MS) {
    throw new AgentError(422, "invalid_packet", "The packet was issued in the future; check the clocks.");
  }
  if (expiresAt <= now) throw new AgentError(410, "packet_expired", "The packet has expired.");
  if (!options.replays.claim(packet.packet_id, expiresAt, now)) {
    throw new AgentError(409, "packet_replayed", "This packet has already been received.");
  }
  return packet;
}
