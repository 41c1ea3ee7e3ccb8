import { z } from "zod";
import { AppError } from "../http/app-error.ts";

const sdp = z.string().min(1).max(60_000);
const media = z.enum(["voice", "video"]);

/** The signal kinds and what each must carry; other fields ride along to the peer as they are. */
const signalSchema = z.discriminatedUnion("kind", [
  z.looseObject({
    kind: z.literal("offer"),
    sdp,
    media: media.optional(),
    ice_restart: z.boolean().optional(),
  }),
  z.looseObject({ kind: z.literal("answer"), sdp }),
  // RTCIceCandidateInit, or its candidate line alone (with sdpMid beside it), or null at the end.
  z.looseObject({
    kind: z.literal("ice"),
    candidate: z.union([z.string().max(10_000), z.looseObject({})]).nullable(),
  }),
  z.looseObject({ kind: z.literal("hangup") }),
  z.looseObject({ kind: z.literal("reject") }),
  z.looseObject({ kind: z.literal("join"), media: media.optional() }),
  z.looseObject({ kind: z.literal("media"), muted: z.boolean(), camera: z.boolean(), screen: z.boolean() }),
]);

export type Signal = z.infer<typeof signalSchema>;
export type SignalKind = Signal["kind"];

export function invalidFrame(message: string): AppError {
  return new AppError("invalid_frame", 422, message);
}

export function parseSignal(raw: unknown): Signal {
  const parsed = signalSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? `signal.${issue.path.join(".")}` : "signal";
  throw invalidFrame(`${where}: ${issue?.message ?? "is not a call signal"}`);
}

/** What a dialog offer is about: its `media`, else video when the SDP sends or receives video. */
export function offerKind(signal: Extract<Signal, { kind: "offer" }>): "voice" | "video" {
  if (signal.media) return signal.media;
  const sections = signal.sdp.split(/\r?\nm=/).slice(1);
  const video = sections.some((s) => /^video [1-9]/.test(s) && !/^a=inactive\s*$/m.test(s));
  return video ? "video" : "voice";
}
