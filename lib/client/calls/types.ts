import * as z from "zod/mini";

/**
 * The calls API as the web app reads it (issue 11 design). Frames from the server are parsed here:
 * a signal's body is written by another person's browser and relayed as it came, so it is checked
 * like any other input before it reaches an RTCPeerConnection.
 */

export type CallKind = "voice" | "video";

const participant = z.object({
  user_id: z.number(),
  state: z.enum(["ringing", "joined", "left", "declined", "missed"]),
  joined_at: z.nullable(z.string()),
  left_at: z.nullable(z.string()),
});

export const callView = z.object({
  id: z.number(),
  call_id: z.string(),
  chat_id: z.number(),
  conversation_id: z.number(),
  kind: z.enum(["voice", "video"]),
  group: z.boolean(),
  state: z.enum(["ringing", "active", "ended"]),
  caller_id: z.number(),
  started_at: z.string(),
  answered_at: z.nullable(z.string()),
  ended_at: z.nullable(z.string()),
  end_reason: z.nullable(z.string()),
  duration_seconds: z.nullable(z.number()),
  participants: z.array(participant),
  max_participants: z.number(),
});

/** The server's Call (REST and `call_update`). */
export type CallView = z.infer<typeof callView>;
export type CallParticipant = z.infer<typeof participant>;

const media = z.optional(z.enum(["voice", "video"]));

export const signal = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("offer"), sdp: z.string(), media, ice_restart: z.optional(z.boolean()) }),
  z.object({ kind: z.literal("answer"), sdp: z.string() }),
  z.object({
    kind: z.literal("ice"),
    candidate: z.nullable(
      z.object({
        candidate: z.optional(z.string()),
        sdpMid: z.optional(z.nullable(z.string())),
        sdpMLineIndex: z.optional(z.nullable(z.number())),
        usernameFragment: z.optional(z.nullable(z.string())),
      }),
    ),
  }),
  z.object({ kind: z.literal("hangup"), reason: z.optional(z.string()) }),
  z.object({ kind: z.literal("reject") }),
  z.object({ kind: z.literal("join"), media }),
  z.object({ kind: z.literal("media"), muted: z.boolean(), camera: z.boolean(), screen: z.boolean() }),
]);

export type Signal = z.infer<typeof signal>;

const callId = z.pipe(
  z.union([z.string(), z.number()]),
  z.transform((id) => String(id)),
);

export const callUpdateFrame = z.object({
  type: z.literal("call_update"),
  conversation_id: z.number(),
  call: callView,
});

export const callSignalFrame = z.object({
  type: z.literal("call_signal"),
  conversation_id: z.number(),
  call_id: callId,
  from_user_id: z.number(),
  from_device_id: z.optional(z.nullable(z.number())),
  signal,
});

export const callErrorFrame = z.object({
  type: z.literal("error"),
  code: z.string(),
  message: z.optional(z.string()),
  call_id: callId,
});

export type CallSignalFrame = z.infer<typeof callSignalFrame>;
export type CallErrorFrame = z.infer<typeof callErrorFrame>;

export const iceConfig = z.object({
  ice_servers: z.array(
    z.object({
      urls: z.array(z.string()),
      username: z.optional(z.string()),
      credential: z.optional(z.string()),
    }),
  ),
  ttl: z.number(),
  expires_at: z.optional(z.nullable(z.string())),
  ice_transport_policy: z.enum(["all", "relay"]),
});

export type IceConfig = z.infer<typeof iceConfig>;
