/**
 * Whether the text mentions the user: `@username`, any case, not inside a longer word or address
 * (`@ann` does not mention `annie`, `bob@ann.org` does not mention `ann`). Stands in until mentions land.
 */
export function isMentioned(text: string, username: string): boolean {
  if (!username) return false;
  const escaped = username.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?<![\\p{L}\\p{N}_@.])@${escaped}(?![\\p{L}\\p{N}_])`, "iu").test(text);
}
