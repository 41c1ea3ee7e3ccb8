import type { Member } from "./types.ts";

/** The `@word` being typed just before the caret, with where it starts; null when there is none. */
export function mentionQueryAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const match = /(^|[\s([{"'])@([a-z0-9_]{0,32})$/i.exec(before);
  if (!match) return null;
  return { start: before.length - match[2]!.length - 1, query: match[2]!.toLowerCase() };
}

const MAX_SUGGESTIONS = 6;

/** Members whose username or any word of whose name starts with the query, usernames first. */
export function mentionSuggestions(members: Member[], query: string): Member[] {
  const byUsername = members.filter((m) => m.username.startsWith(query));
  const byName = members.filter(
    (m) =>
      !byUsername.includes(m) &&
      m.display_name
        .toLowerCase()
        .split(/\s+/)
        .some((word) => word.startsWith(query)),
  );
  return [...byUsername, ...byName].slice(0, MAX_SUGGESTIONS);
}

/** The text with the `@query` at `start` replaced by the full mention and a space; where the caret goes. */
export function insertMention(
  text: string,
  caret: number,
  start: number,
  username: string,
): { text: string; caret: number } {
  const mention = `@${username} `;
  const after = text.slice(caret).replace(/^\S*/, "").replace(/^ /, "");
  return { text: text.slice(0, start) + mention + after, caret: start + mention.length };
}
