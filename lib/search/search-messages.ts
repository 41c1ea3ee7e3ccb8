import { requireMembership } from "../chats/membership.ts";
import { getPool } from "../db/client.ts";
import { attachmentsByMessage } from "../media/attachment-view.ts";
import { type MessageView, toMessageView } from "../messages/serialize.ts";
import { type Highlight, lexemesOf, partMatcher, snippetOf, wordMatcher } from "./highlights.ts";
import { likePattern, partialTerms } from "./partial-terms.ts";
import type { SearchQuery } from "./schemas.ts";
import { encodeSearchCursor } from "./search-cursor.ts";
import { type SearchRow, searchStatement } from "./search-sql.ts";

export type SearchResult = {
  message: MessageView;
  chat_id: number;
  chat_type: SearchRow["chat_type"];
  chat_title: string;
  snippet: string;
  highlights: Highlight[];
  /** "word": the words matched (full-text search); "partial": the typed text inside words. */
  match: "word" | "partial";
  rank: number;
};

export type SearchPage = { results: SearchResult[]; next_cursor: string | null };

/**
 * Messages matching `q` in the chats the user is a member of (or in one of them: 404 for a chat
 * they cannot see), newest first. See search-sql.ts for what is searched and in which order.
 */
export async function searchMessages(userId: number, input: SearchQuery): Promise<SearchPage> {
  if (input.chat_id !== undefined) await requireMembership(input.chat_id, userId);
  const terms = partialTerms(input.q);
  const { rows } = await getPool().query<SearchRow>(
    searchStatement({
      userId,
      chatId: input.chat_id ?? null,
      query: input.q,
      pattern: likePattern(terms),
      before: input.cursor ?? null,
      limit: input.limit + 1,
    }),
  );
  const page = rows.slice(0, input.limit);
  const attachments = await attachmentsByMessage(page.map((r) => r.id));
  const results = page.map((row): SearchResult => {
    const matchers = row.tier === 1 ? lexemesOf(row.tsquery).map(wordMatcher) : terms.map(partMatcher);
    const { snippet, highlights } = snippetOf(row.text, matchers);
    const message = toMessageView(
      {
        id: row.id,
        chatId: row.chat_id,
        senderId: row.sender_id,
        text: row.text,
        replyToId: row.reply_to_id,
        tempId: row.temp_id,
        createdAt: row.created_at,
        forwardedFromUserId: row.forwarded_from_user_id,
        forwardedFromName: row.forwarded_from_name,
        forwardedFromMessageId: row.forwarded_from_message_id,
        forwardedFromChatId: row.forwarded_from_chat_id,
        editedAt: row.edited_at,
        deletedAt: null,
        moderatedAt: null,
        pinned: row.pinned,
        linkPreview: row.link_preview,
      },
      row.status,
      attachments.get(row.id),
    );
    return {
      message,
      chat_id: row.chat_id,
      chat_type: row.chat_type,
      chat_title: row.chat_title,
      snippet,
      highlights,
      match: row.tier === 1 ? "word" : "partial",
      rank: row.rank,
    };
  });
  const last = page.at(-1);
  return {
    results,
    next_cursor: rows.length > input.limit && last ? encodeSearchCursor(last.id) : null,
  };
}
