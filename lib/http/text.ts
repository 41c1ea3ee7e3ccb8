import { z } from "zod";

export const INVALID_TEXT = "invalid_text";

/** PostgreSQL cannot store U+0000, and a lone surrogate would be stored as U+FFFD: refuse both. */
export function textProblem(value: string): string | undefined {
  if (value.includes("\0")) return "must not contain the NUL character (U+0000)";
  // With the u flag a surrogate pair is one code point, so this matches only a lone surrogate.
  if (/[\uD800-\uDFFF]/u.test(value))
    return "must be well-formed Unicode text (it contains a lone surrogate)";
  return undefined;
}

/**
 * The one string schema for text that comes in from a client (REST bodies and queries, socket frames):
 * malformed text is refused with 422 invalid_text before any other check, and never altered.
 */
export function text() {
  return z.string().check((ctx) => {
    const problem = textProblem(ctx.value);
    if (problem)
      ctx.issues.push({
        code: "custom",
        message: problem,
        input: ctx.value,
        params: { code: INVALID_TEXT },
        abort: true,
      });
  });
}
