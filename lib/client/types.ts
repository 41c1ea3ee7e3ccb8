import type { AttachmentView } from "../media/attachment-view.ts";

/** The API's shapes as the web app reads them (see CONTRACT.md). */
export type Role = "owner" | "admin" | "member";

export type Me = {
  id: number;
  email: string;
  username: string;
  display_name: string;
  avatar_url: string | null;
  device_id: number;
  /** The platform role (not a chat role): admins get the admin console. */
  role: "user" | "admin";
};

export type UserSummary = {
  id: number;
  username: string;
  display_name: string;
  avatar_url: string | null;
};

export type PublicUser = {
  id: number;
  username: string;
  display_name: string;
  avatar_url: string | null;
  online: boolean;
  last_seen_at: string | null;
  /** A deleted account ("Deleted account"): a dialog with it takes no new messages. */
  deleted?: boolean;
};

export type Member = PublicUser & { role: Role };

// Type-only: the server's view is the wire shape, and nothing of the server is bundled.
export type Attachment = AttachmentView;

/** How a call ended (the server's end_reason). */
export type CallOutcome =
  | "completed"
  | "missed"
  | "declined"
  | "busy"
  | "cancelled"
  | "connection_lost"
  | "failed";

/** The call a history entry stands for (a message with `call` is a call entry, not a bubble). */
export type CallEntry = {
  id: number;
  call_id: string;
  kind: "voice" | "video";
  group: boolean;
  outcome: CallOutcome;
  caller_id: number;
  started_at: string;
  answered_at: string | null;
  ended_at: string | null;
  duration_seconds: number | null;
};

/** One emoji on a message: how many people put it there, and whether I am one of them. */
export type Reaction = { emoji: string; count: number; me: boolean };

/** The card of a message's first link, fetched by the server (its image is served by stu). */
export type LinkPreview = {
  url: string;
  title: string | null;
  description: string | null;
  site_name: string | null;
  image: { url: string; width: number; height: number } | null;
};

export type Message = {
  id: number;
  chat_id: number;
  sender_id: number;
  text: string;
  attachments: Attachment[];
  reply_to_id: number | null;
  temp_id: string | null;
  created_at: string;
  edited_at: string | null;
  deleted_at: string | null;
  /** Set when moderation removed the message: a tombstone for everyone in the chat (text and files gone). */
  moderated_at?: string | null;
  status: "sent" | "delivered" | "read";
  /** Set on a call's history entry; its text is the server's wording ("Missed voice call"). */
  call: CallEntry | null;
  /** In the order each emoji first appeared; absent from a server older than reactions. */
  reactions?: Reaction[];
  /** Arrives after the message (a `link_preview` frame); absent from a server older than previews. */
  link_preview?: LinkPreview | null;
  pinned?: boolean;
  /** A forward: its original author (a forward of a forward keeps the first one). */
  forwarded_from?: ForwardedFrom | null;
};

export type ForwardedFrom = {
  user_id: number | null;
  display_name: string;
  message_id: number | null;
  chat_id: number | null;
};

/** GET /v1/chats/{id}/pins: newest pin first. */
export type Pin = {
  chat_id: number;
  message_id: number;
  pinned: true;
  pinned_by: number | null;
  pinned_at: string;
  message: Message;
};

export type Chat = {
  id: number;
  type: "dialog" | "group";
  title: string;
  avatar_url?: string | null;
  members: Member[];
  created_at: string;
  last_activity_at: string;
  last_message: Message | null;
  unread_count: number;
  /** Unread messages that @mention me (absent from a server older than mentions). */
  unread_mentions?: number;
  role: Role;
  last_read_id: number;
  /** The latest pin; absent from a server older than pins. */
  pinned_message_id?: number | null;
} & ChatState;

/** How this member alone sees a chat (absent from a server older than chat state). */
export type ChatState = {
  muted?: boolean;
  muted_until?: string | null;
  archived?: boolean;
  pinned?: boolean;
  pinned_at?: string | null;
  marked_unread?: boolean;
};

/** A file the sender has uploaded, shown in their pending bubble before the server confirms the message. */
export type LocalAttachment = Pick<Attachment, "id" | "filename" | "content_type" | "size"> & {
  preview_url?: string;
};

/** A message typed here that the server has not acknowledged yet. */
export type PendingMessage = {
  temp_id: string;
  chat_id: number;
  text: string;
  attachments: LocalAttachment[];
  reply_to_id: number | null;
  created_at: string;
  state: "sending" | "failed";
  error?: string;
};
