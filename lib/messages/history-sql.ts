import type { CallEntryFields } from "../calls/call-view.ts";
import { LINK_PREVIEW_COLUMN, type LinkPreviewFields } from "../link-previews/view.ts";
import type { AttachmentFields } from "../media/attachment-view.ts";
import type { ReactionView } from "../reactions/summary.ts";
import type { MessageFields, MessageStatus } from "./serialize.ts";

/**
 * One history page in one round trip: the reader's membership, the page (without the senders the
 * reader blocked), each message's status, attachments, call entry and reactions.
 *
 * - Membership: the page is joined to the reader's chat_members row, so a non-member gets no row at
 *   all and a member with an empty page gets one row of NULLs.
 * - Status, as messageStatus() in serialize.ts: "read" when any member but the sender has read up to
 *   the message, else "delivered" likewise, else "sent". The highest mark among the others is the
 *   highest of the chat's two highest marks that is not the sender's, so a big group costs one small
 *   sort rather than members × messages.
 * - Reactions: per message, grouped by emoji on the (message_id, …) primary key, in the order each
 *   emoji first appeared, with `me` for the reader; a message without any costs one index probe.
 * - Link preview: the one row its link_preview_id points at, by primary key.
 * - Blocked senders: an array computed once (an InitPlan), then a plain filter on the index scan of
 *   (chat_id, id), which keeps pages full as the Prisma query did.
 * - Deleted for the reader alone ("delete for me"): one probe of message_hides' (user_id, message_id)
 *   key per row, in the same filter. A scalar subquery, not NOT EXISTS: the planner turns NOT EXISTS
 *   into an anti join, and with a few thousand hidden messages its custom plans read the whole chat
 *   (seconds for a 100,000-message chat). `pinned`: one probe of message_pins' key.
 */
function pageStatement(name: string, bound: "<" | ">", order: "DESC" | "ASC") {
  return {
    name,
    text: `
WITH me AS (
  SELECT 1 FROM chat_members WHERE chat_id = $1 AND user_id = $2
), read_marks AS MATERIALIZED (
  SELECT user_id, last_read_id AS mark FROM chat_members WHERE chat_id = $1
  ORDER BY last_read_id DESC LIMIT 2
), delivered_marks AS MATERIALIZED (
  SELECT user_id, last_delivered_id AS mark FROM chat_members WHERE chat_id = $1
  ORDER BY last_delivered_id DESC LIMIT 2
), page AS (
  SELECT m.* FROM messages m
  WHERE m.chat_id = $1 AND m.id ${bound} $3::bigint
    AND m.sender_id <> ALL (ARRAY(SELECT blocked_id FROM user_blocks WHERE blocker_id = $2))
    AND (SELECT count(*) FROM message_hides h WHERE h.user_id = $2 AND h.message_id = m.id) = 0
  ORDER BY m.id ${order}
  LIMIT $4
)
SELECT p.id, p.sender_id, p.text, p.reply_to_id, p.temp_id,
       p.created_at, p.edited_at, p.deleted_at, p.moderated_at,
       CASE
         WHEN (SELECT max(mark) FROM read_marks r WHERE r.user_id <> p.sender_id) >= p.id THEN 'read'
         WHEN (SELECT max(mark) FROM delivered_marks r WHERE r.user_id <> p.sender_id) >= p.id THEN 'delivered'
         ELSE 'sent'
       END AS status,
       (SELECT json_agg(json_build_object(
                 'id', a.id, 'filename', a.filename, 'contentType', a.content_type, 'size', a.size,
                 'width', a.width, 'height', a.height, 'thumbnailKey', a.thumbnail_key) ORDER BY a.id)
          FROM attachments a WHERE a.message_id = p.id) AS attachments,
       (SELECT json_agg(json_build_object('emoji', r.emoji, 'count', r.count, 'me', r.me)
                 ORDER BY r.first, r.emoji COLLATE "C")
          FROM (SELECT emoji, count(*)::int AS count, bool_or(user_id = $2) AS me, min(created_at) AS first
                  FROM message_reactions WHERE message_id = p.id GROUP BY emoji) r) AS reactions,
       CASE WHEN c.id IS NOT NULL THEN json_build_object(
         'id', c.id, 'callId', c.call_id, 'kind', c.kind, 'isGroup', c.is_group, 'endReason', c.end_reason,
         'callerId', c.caller_id, 'startedAt', c.started_at, 'answeredAt', c.answered_at, 'endedAt', c.ended_at)
       END AS call,
       p.forwarded_from_user_id, p.forwarded_from_name, p.forwarded_from_message_id, p.forwarded_from_chat_id,
       EXISTS (SELECT 1 FROM message_pins pin WHERE pin.message_id = p.id) AS pinned,
       ${LINK_PREVIEW_COLUMN}
FROM me
LEFT JOIN page p ON true
LEFT JOIN calls c ON c.id = p.call_id
LEFT JOIN link_previews lp ON lp.id = p.link_preview_id
ORDER BY p.id ${order}`,
  };
}

const NEWEST_FIRST = pageStatement("stu_history_before_v4", "<", "DESC");
const OLDEST_FIRST = pageStatement("stu_history_after_v4", ">", "ASC");
/** Above every int4 id: "before nothing" is the newest page. */
const NO_UPPER_BOUND = 2 ** 31;

/** A call entry as json_build_object gives it: timestamps as ISO strings. */
type CallJson = Omit<CallEntryFields, "startedAt" | "answeredAt" | "endedAt"> & {
  startedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
};

/**
 * A row, in the statement's column order (rowMode "array": pg builds no object per row). The id is
 * null in the one row of a member's empty page.
 */
export type HistoryRow = [
  id: number | null,
  senderId: number,
  text: string,
  replyToId: number | null,
  tempId: string | null,
  createdAt: Date,
  editedAt: Date | null,
  deletedAt: Date | null,
  moderatedAt: Date | null,
  status: MessageStatus,
  attachments: AttachmentFields[] | null,
  reactions: ReactionView[] | null,
  call: CallJson | null,
  forwardedFromUserId: number | null,
  forwardedFromName: string | null,
  forwardedFromMessageId: number | null,
  forwardedFromChatId: number | null,
  pinned: boolean,
  linkPreview: LinkPreviewFields | null,
];

export function historyStatement(
  chatId: number,
  readerId: number,
  query: { limit: number; beforeId?: number; afterId?: number },
) {
  return query.afterId !== undefined
    ? { ...OLDEST_FIRST, rowMode: "array", values: [chatId, readerId, query.afterId, query.limit] }
    : {
        ...NEWEST_FIRST,
        rowMode: "array",
        values: [chatId, readerId, query.beforeId ?? NO_UPPER_BOUND, query.limit],
      };
}

const date = (iso: string | null) => (iso === null ? null : new Date(iso));

/** A row of the page (id not null) as the columns toMessageView reads. */
export function messageFields(row: HistoryRow, chatId: number): MessageFields {
  const [
    id,
    senderId,
    text,
    replyToId,
    tempId,
    createdAt,
    editedAt,
    deletedAt,
    moderatedAt,
    ,
    ,
    ,
    call,
    forwardedFromUserId,
    forwardedFromName,
    forwardedFromMessageId,
    forwardedFromChatId,
    pinned,
    linkPreview,
  ] = row;
  return {
    id: id!,
    chatId,
    senderId,
    text,
    replyToId,
    tempId,
    createdAt,
    editedAt,
    deletedAt,
    moderatedAt,
    forwardedFromUserId,
    forwardedFromName,
    forwardedFromMessageId,
    forwardedFromChatId,
    pinned,
    linkPreview,
    call: call && {
      ...call,
      startedAt: new Date(call.startedAt),
      answeredAt: date(call.answeredAt),
      endedAt: date(call.endedAt),
    },
  };
}
