/**
 * `@username` as people type it: not part of a word or an e-mail address, any case. The same rule
 * runs in the browser (notifications, the chat list's @ marker), in push, and in SQL (unread mentions).
 */
const MENTION = /(?<![\p{L}\p{N}_@.])@([a-z][a-z0-9_]{2,31})(?![\p{L}\p{N}_])/giu;

/** A fresh copy of the rule (a global regex keeps state between uses). */
export const mentionPattern = () => new RegExp(MENTION.source, MENTION.flags);

/** The usernames a text mentions, lower case, each once. */
export function mentionedUsernames(text: string): string[] {
  return [...new Set([...text.matchAll(MENTION)].map((m) => m[1]!.toLowerCase()))];
}

export function isMentioned(text: string, username: string): boolean {
  return mentionedUsernames(text).includes(username.toLowerCase());
}

/**
 * The same rule as a PostgreSQL regular expression for `text ~* pattern`, built from a username
 * column in SQL: `'(^|[^[:alnum:]_@.])@' || u.username || '([^[:alnum:]_]|$)'`. Usernames are letters,
 * digits and underscores only, so they need no escaping.
 */
export const SQL_MENTION_BEFORE = "(^|[^[:alnum:]_@.])@";
export const SQL_MENTION_AFTER = "([^[:alnum:]_]|$)";
