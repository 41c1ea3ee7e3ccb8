import { appendFileSync, readFileSync } from "node:fs";
import path from "node:path";
import { type FeedbackExample, feedbackExampleSchema } from "../../lib/moderation/packet.ts";

export type Example = FeedbackExample;

/** The labelled seed set shipped with the agent (the held-out set beside it is never trained on). */
export const SEED_FILE = path.resolve(import.meta.dirname, "../data/train.jsonl");
const FEEDBACK_FILE = "feedback.jsonl";

/** Labelled lines of a JSON Lines file ({"text","label"} each); a malformed line is an error. */
export function readExamples(file: string): Example[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const examples: Example[] = [];
  text.split("\n").forEach((line, index) => {
    if (!line.trim()) return;
    const parsed = feedbackExampleSchema.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`${file}:${index + 1}: not a {text, label} example`);
    examples.push(parsed.data);
  });
  return examples;
}

/** The examples admins' resolutions taught, kept in the data directory across restarts. */
export function readFeedback(dataDir: string): Example[] {
  return readExamples(path.join(dataDir, FEEDBACK_FILE));
}

export function appendFeedback(dataDir: string, examples: Example[]): void {
  const lines = examples.map((e) => `${JSON.stringify({ text: e.text, label: e.label })}\n`).join("");
  appendFileSync(path.join(dataDir, FEEDBACK_FILE), lines, { mode: 0o600 });
}
