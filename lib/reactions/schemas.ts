import { text } from "../http/text.ts";

/** Distinct emoji one message may carry, and emoji one person may put on one message. */
export const MAX_EMOJI_PER_MESSAGE = 20;
export const MAX_EMOJI_PER_PERSON = 10;

// One RGI emoji (with its skin tone, ZWJ family, flag or keycap), as Unicode's list names them; the v
// flag is built at run time because TypeScript's target predates it.
const ONE_EMOJI = new RegExp("^\\p{RGI_Emoji}$", String("v"));

/** The longest RGI emoji sequence is a ZWJ family of about 35 UTF-16 units; cap well above, cheaply. */
export const emojiSchema = text()
  .min(1, "is required")
  .max(64, "must be one emoji")
  .refine((e) => ONE_EMOJI.test(e), "must be exactly one emoji");

/** A path segment as routed: decoded once already, but a client that encoded twice still means one emoji. */
export function emojiFromPath(segment: unknown): unknown {
  if (typeof segment !== "string" || !segment.includes("%")) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
