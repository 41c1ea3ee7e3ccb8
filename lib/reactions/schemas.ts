import { text } from "../http/text.ts";

/** Distinct emoji one message may carry, and emoji one person may put on one message. */
export const MAX_EMOJI_PER_MESSAGE = 20;
export const MAX_EMOJI_PER_PERSON = 10;

// One RGI emoji (with its skin tone, ZWJ family, flag or keycap), as Unicode's list names them; the v
// flag is built at run time because TypeScript's target predates it.
const ONE_EMOJI = new RegExp("^\\p{RGI_Emoji}$", String("v"));

const VS16 = "\uFE0F";
const ZWJ = "\u200D";

/**
 * The emoji in its fully-qualified form, as Unicode's RGI list spells it, or null when it is not
 * exactly one emoji. Keyboards and older clients often drop or add the variation selector (❤ for
 * ❤️, 🏳‍🌈 for 🏳️‍🌈, 👍️ for 👍); each part of a ZWJ sequence is qualified as it would be alone,
 * so both spellings count as one reaction.
 */
export function qualifiedEmoji(e: string): string | null {
  if (ONE_EMOJI.test(e)) return e;
  const bare = e.replaceAll(VS16, "");
  if (ONE_EMOJI.test(bare)) return bare;
  const parts = bare.split(ZWJ).map((p) => (!ONE_EMOJI.test(p) && ONE_EMOJI.test(p + VS16) ? p + VS16 : p));
  const qualified = parts.join(ZWJ);
  return ONE_EMOJI.test(qualified) ? qualified : null;
}

/** The longest RGI emoji sequence is a ZWJ family of about 35 UTF-16 units; cap well above, cheaply. */
export const emojiSchema = text()
  .min(1, "is required")
  .max(64, "must be one emoji")
  .transform((e, ctx) => {
    const qualified = qualifiedEmoji(e);
    if (qualified === null) ctx.addIssue({ code: "custom", message: "must be exactly one emoji" });
    return qualified ?? e;
  });

/** A path segment as routed: decoded once already, but a client that encoded twice still means one emoji. */
export function emojiFromPath(segment: unknown): unknown {
  if (typeof segment !== "string" || !segment.includes("%")) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
