import { z } from "zod";
import { createReportPacket, FEEDBACK_LABELS, type ReportPacket } from "../../lib/moderation/packet.ts";
import { analyzePacket } from "./analyze.ts";
import type { TextClassifier } from "./classifier.ts";

/** A labelled line of a test set; `author` overrides the quiet, month-old default author. */
export const labelledSchema = z.object({
  text: z.string().min(1),
  label: z.enum(FEEDBACK_LABELS),
  author: z
    .object({
      account_age_hours: z.number().min(0).optional(),
      messages_last_hour: z.number().int().min(0).optional(),
      chats_last_hour: z.number().int().min(0).optional(),
      same_text_chats_24h: z.number().int().min(0).optional(),
      mentions_in_message: z.number().int().min(0).optional(),
    })
    .optional(),
});
export type Labelled = z.infer<typeof labelledSchema>;

export function parseLabelled(jsonl: string): Labelled[] {
  return jsonl
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => labelledSchema.parse(JSON.parse(l)));
}

/** The packet stu would send for a report of `line` as a message, with reason `other` (no hint). */
export function packetFor(line: Labelled, index: number, now: number): ReportPacket {
  const { account_age_hours = 24 * 30, ...activity } = line.author ?? {};
  return createReportPacket(
    {
      report: {
        id: index + 1,
        reason: "other",
        comment: null,
        created_at: new Date(now).toISOString(),
        reporter_id: 1,
      },
      target: { type: "message", user_id: 2, message_id: index + 1, chat_id: 1, chat_type: "group" },
      message: {
        id: index + 1,
        sender_id: 2,
        text: line.text,
        created_at: new Date(now).toISOString(),
        attachments: [],
      },
      context: [],
      author: {
        id: 2,
        account_created_at: new Date(now - account_age_hours * 3_600_000).toISOString(),
        messages_last_hour: 2,
        chats_last_hour: 1,
        same_text_chats_24h: 1,
        mentions_in_message: 0,
        ...activity,
      },
    },
    new Date(now),
  );
}

type Counts = { tp: number; fp: number; fn: number; tn: number };
const ratio = (a: number, b: number) => (b === 0 ? 1 : Math.round((a / b) * 1000) / 1000);

export type Metrics = {
  examples: number;
  /** "Flagged" (verdict review or block) against "labelled abusive" (label other than ok). */
  flagged: { precision: number; recall: number; f1: number } & Counts;
  /** Share of the abusive lines that are blocked outright, and of the clean lines that are. */
  blocked: { abusive: number; ok: number };
  /**
   * Per label: the share of its lines judged right (flagged, or for `ok` allowed), and the share
   * flagged with their own label first in the verdict (for `ok`: allowed).
   */
  per_label: Record<string, { examples: number; judged_right: number; right_label: number }>;
  /** Lines judged wrongly, for a person improving the rules or the seed set. */
  mistakes: Array<{ text: string; label: string; verdict: string; score: number; labels: string[] }>;
};

/** Runs the full analysis over labelled lines and measures it. */
export function evaluate(lines: Labelled[], classifier: TextClassifier, now = Date.now()): Metrics {
  const counts: Counts = { tp: 0, fp: 0, fn: 0, tn: 0 };
  const perLabel = new Map<string, { examples: number; flagged: number; top: number }>();
  const mistakes: Metrics["mistakes"] = [];
  let blockedAbusive = 0;
  let blockedOk = 0;
  lines.forEach((line, i) => {
    const result = analyzePacket(packetFor(line, i, now), classifier, now);
    const flagged = result.verdict !== "allow";
    const abusive = line.label !== "ok";
    if (flagged && abusive) counts.tp++;
    else if (flagged) counts.fp++;
    else if (abusive) counts.fn++;
    else counts.tn++;
    if (result.verdict === "block") abusive ? blockedAbusive++ : blockedOk++;
    if (flagged !== abusive) {
      mistakes.push({
        text: line.text,
        label: line.label,
        verdict: result.verdict,
        score: result.score,
        labels: result.labels,
      });
    }
    const l = perLabel.get(line.label) ?? { examples: 0, flagged: 0, top: 0 };
    l.examples++;
    if (flagged === abusive) l.flagged++;
    if (abusive ? flagged && result.labels[0] === line.label : !flagged) l.top++;
    perLabel.set(line.label, l);
  });
  const precision = ratio(counts.tp, counts.tp + counts.fp);
  const recall = ratio(counts.tp, counts.tp + counts.fn);
  const abusiveTotal = counts.tp + counts.fn;
  const okTotal = counts.tn + counts.fp;
  return {
    examples: lines.length,
    flagged: { precision, recall, f1: ratio(2 * precision * recall, precision + recall), ...counts },
    blocked: { abusive: ratio(blockedAbusive, abusiveTotal), ok: ratio(blockedOk, okTotal) },
    per_label: Object.fromEntries(
      [...perLabel].map(([label, l]) => [
        label,
        {
          examples: l.examples,
          judged_right: ratio(l.flagged, l.examples),
          right_label: ratio(l.top, l.examples),
        },
      ]),
    ),
    mistakes,
  };
}
