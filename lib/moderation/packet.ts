// Shared by stu and the moderation agent (moderation-agent/ imports it): zod only, nothing that
// touches the database, so the agent never loads stu's data layer.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { REPORT_REASONS, type ReportReason } from "./reasons.ts";

/** The JWE header values of a sealed packet; the agent accepts nothing else. */
export const PACKET_ALG = "ECDH-ES";
export const PACKET_ENC = "A256GCM";
export const REPORT_PACKET_CTY = "stu-report-packet+json";
export const FEEDBACK_PACKET_CTY = "stu-feedback-packet+json";

/** Longest allowed time between a packet's issue and its expiry. */
export const MAX_PACKET_LIFETIME_MS = 10 * 60 * 1000;
/** Lifetime createReportPacket and createFeedbackPacket give a packet. */
export const PACKET_LIFETIME_MS = 5 * 60 * 1000;

export { REPORT_REASONS, type ReportReason };

/** What an admin's resolution teaches the agent: `ok` (no violation) or a report reason. */
export const FEEDBACK_LABELS = ["ok", ...REPORT_REASONS] as const;
export type FeedbackLabel = (typeof FEEDBACK_LABELS)[number];

// Generous bounds: stu's own limit is 4096 characters, a future client-sealed packet may differ.
const MAX_TEXT = 16_384;

const id = z.number().int().positive();
const time = z.iso.datetime({ offset: true });

const envelope = {
  v: z.literal(1),
  packet_id: z.uuid(),
  issued_at: time,
  expires_at: time,
};

function lifetimeIsBounded(p: { issued_at: string; expires_at: string }, ctx: z.RefinementCtx): void {
  const lifetime = Date.parse(p.expires_at) - Date.parse(p.issued_at);
  if (lifetime <= 0 || lifetime > MAX_PACKET_LIFETIME_MS) {
    ctx.addIssue({
      code: "custom",
      path: ["expires_at"],
      message: "must be after issued_at and at most 10 minutes after it",
    });
  }
}

const contextMessage = z.object({
  id,
  sender_id: id,
  text: z.string().max(MAX_TEXT),
  created_at: time,
});

export const reportPacketSchema = z
  .object({
    ...envelope,
    report: z.object({
      id,
      reason: z.enum(REPORT_REASONS),
      comment: z.string().max(1000).nullable(),
      created_at: time,
      reporter_id: id,
    }),
    target: z.object({
      type: z.enum(["message", "user"]),
      user_id: id,
      message_id: id.nullable(),
      chat_id: id.nullable(),
      chat_type: z.enum(["dialog", "group"]).nullable(),
    }),
    message: z
      .object({
        id,
        sender_id: id,
        text: z.string().max(MAX_TEXT),
        created_at: time,
        attachments: z
          .array(z.object({ filename: z.string().max(255), content_type: z.string().max(255) }))
          .max(20),
      })
      .nullable(),
    context: z.array(contextMessage).max(5),
    author: z.object({
      id,
      account_created_at: time,
      messages_last_hour: z.number().int().min(0),
      chats_last_hour: z.number().int().min(0),
      same_text_chats_24h: z.number().int().min(0),
      mentions_in_message: z.number().int().min(0),
    }),
  })
  .superRefine((p, ctx) => {
    lifetimeIsBounded(p, ctx);
    if (p.target.type === "message" && (p.message === null || p.target.message_id !== p.message.id)) {
      ctx.addIssue({
        code: "custom",
        path: ["message"],
        message: "a message report carries the reported message, with target.message_id its id",
      });
    }
  });

export type ReportPacket = z.infer<typeof reportPacketSchema>;

export const feedbackExampleSchema = z.object({
  text: z.string().min(1).max(MAX_TEXT),
  label: z.enum(FEEDBACK_LABELS),
});
export type FeedbackExample = z.infer<typeof feedbackExampleSchema>;

export const feedbackPacketSchema = z
  .object({ ...envelope, examples: z.array(feedbackExampleSchema).min(1).max(100) })
  .superRefine(lifetimeIsBounded);

export type FeedbackPacket = z.infer<typeof feedbackPacketSchema>;

/** The parts of a ReportPacket that describe the report (everything but the envelope). */
export type ReportPacketBody = Omit<ReportPacket, "v" | "packet_id" | "issued_at" | "expires_at">;

function newEnvelope(now: Date) {
  return {
    v: 1 as const,
    packet_id: randomUUID(),
    issued_at: now.toISOString(),
    expires_at: new Date(now.getTime() + PACKET_LIFETIME_MS).toISOString(),
  };
}

/**
 * A new packet for `body`: a fresh packet_id and a 5-minute lifetime. Build one per attempt — the
 * agent refuses a packet_id it has seen (409), even when the earlier answer never arrived.
 */
export function createReportPacket(body: ReportPacketBody, now = new Date()): ReportPacket {
  return { ...newEnvelope(now), ...body };
}

export function createFeedbackPacket(examples: FeedbackExample[], now = new Date()): FeedbackPacket {
  return { ...newEnvelope(now), examples };
}

export const VERDICTS = ["allow", "review", "block"] as const;
export type Verdict = (typeof VERDICTS)[number];

/** The agent's answer to POST /analyze. */
export const agentVerdictSchema = z.object({
  packet_id: z.uuid(),
  verdict: z.enum(VERDICTS),
  score: z.number().min(0).max(1),
  labels: z.array(z.string()),
  reasons: z.array(z.string()),
  model_version: z.string(),
});
export type AgentVerdict = z.infer<typeof agentVerdictSchema>;
