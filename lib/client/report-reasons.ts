import type { ReportReason } from "./safety-types.ts";

/** How each report reason reads to a person reporting (and to an admin filtering the queue). */
export const REASON_TEXT: Record<ReportReason, { label: string; description: string }> = {
  spam: { label: "Spam", description: "Ads, scams, links or the same text sent again and again." },
  harassment: { label: "Harassment", description: "Insults, bullying or threats aimed at someone." },
  hate: { label: "Hate", description: "Attacks on people for who they are: origin, religion, gender…" },
  sexual: { label: "Sexual content", description: "Nudity or sexual messages nobody asked for." },
  violence: { label: "Violence", description: "Threats of violence, or violent content." },
  self_harm: { label: "Self-harm", description: "Someone may hurt themselves or encourages it." },
  illegal: { label: "Illegal", description: "Selling or doing something against the law." },
  other: { label: "Something else", description: "Tell us in the comment what is wrong." },
};

export function reasonLabel(reason: string): string {
  return REASON_TEXT[reason as ReportReason]?.label ?? reason;
}
