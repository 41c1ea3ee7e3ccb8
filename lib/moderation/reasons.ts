// No imports: the web app's bundle takes the list from here, the server and the agent through packet.ts.

/** Why someone reports a message or a person. */
export const REPORT_REASONS = [
  "spam",
  "harassment",
  "hate",
  "sexual",
  "violence",
  "self_harm",
  "illegal",
  "other",
] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];
