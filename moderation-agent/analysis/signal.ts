/** Reason codes the agent puts in `labels`: the report reasons, plus profanity (swearing alone). */
export type Label =
  | "spam"
  | "harassment"
  | "hate"
  | "sexual"
  | "violence"
  | "self_harm"
  | "illegal"
  | "other"
  | "profanity";

/**
 * One piece of evidence: its label, how strongly it alone points at a violation (0..1), and a
 * sentence for the admin saying what was seen.
 */
export type Signal = { label: Label; weight: number; reason: string };
