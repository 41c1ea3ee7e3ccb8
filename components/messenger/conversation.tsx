"use client";

import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useMemo, useRef, useState } from "react";
import { CallBanner } from "@/components/calls/call-banner.tsx";
import { ReportDialog, type ReportSubject } from "@/components/safety/report-dialog.tsx";
import { ApiError, api } from "@/lib/client/api.ts";
import {
  findMessage,
  type MessagePages,
  messagesKey,
  removeMessage,
  upsertMessage,
} from "@/lib/client/cache.ts";
import { useChatState } from "@/lib/client/chat-state.ts";
import { applyPinEvent, setPinned } from "@/lib/client/pins.ts";
import { useChat } from "@/lib/client/queries.ts";
import { useJumpTarget } from "@/lib/client/search.ts";
import { useMessenger } from "@/lib/client/store.ts";
import type { Chat, Me, Member, Message } from "@/lib/client/types.ts";
import { useUploads } from "@/lib/client/use-uploads.ts";
import { ChatInfo } from "./chat-info.tsx";
import { ChatSearchBar } from "./chat-search-bar.tsx";
import { Composer } from "./composer.tsx";
import { ConversationHeader } from "./conversation-header.tsx";
import { DeleteMessagesDialog } from "./delete-messages-dialog.tsx";
import { ForwardDialog } from "./forward-dialog.tsx";
import { MessageList } from "./message-list.tsx";
import { useMessengerContext } from "./messenger-provider.tsx";
import { PinnedBar } from "./pinned-bar.tsx";
import { SelectionBar } from "./selection-bar.tsx";

export function Conversation({ chatId }: { chatId: number }) {
  const { chat, isPending } = useChat(chatId);
  if (!chat) {
    return (
      <div className="grid flex-1 place-items-center p-6 text-center text-slate-500">
        {isPending ? (
          "Loading…"
        ) : (
          <div data-testid="chat-not-found">
            <p>This chat does not exist or you are not a member.</p>
            <Link href="/" className="btn-secondary mt-4">
              Back to chats
            </Link>
          </div>
        )}
      </div>
    );
  }
  return <OpenChat key={chat.id} chat={chat} />;
}

/** Marks what is on screen read while the tab is visible, and tells the provider which chat is open. */
function useReading(chat: Chat, me: Me) {
  const { realtime, activeChat } = useMessengerContext();
  const qc = useQueryClient();

  useEffect(() => {
    activeChat.current = chat.id;
    return () => {
      activeChat.current = null;
    };
  }, [chat.id, activeChat]);

  const last = chat.last_message;
  const lastFromOthers = last && last.sender_id !== me.id ? last.id : 0;
  useEffect(() => {
    function markRead() {
      if (document.visibilityState !== "visible") return;
      const pages = qc.getQueryData<MessagePages>(messagesKey(chat.id));
      const newest = pages?.pages[0]?.find((m) => m.sender_id !== me.id)?.id ?? 0;
      const target = Math.max(newest, lastFromOthers);
      if (target > 0) realtime.read(chat.id, target);
    }
    markRead();
    document.addEventListener("visibilitychange", markRead);
    return () => document.removeEventListener("visibilitychange", markRead);
  }, [chat.id, lastFromOthers, me.id, qc, realtime]);

  // Opening a chat marked unread by hand clears the mark, as in Telegram.
  const changeState = useChatState();
  useEffect(() => {
    if (chat.marked_unread) changeState(chat.id, { kind: "unread", on: false }).catch(() => {});
  }, [chat.id, chat.marked_unread, changeState]);
}

const NO_MEMBERS: Member[] = [];

function OpenChat({ chat }: { chat: Chat }) {
  const { me, realtime } = useMessengerContext();
  const qc = useQueryClient();
  const [infoOpen, setInfoOpen] = useState(false);
  const [deleting, setDeleting] = useState<Message[]>([]);
  const [selected, setSelected] = useState<Set<number> | null>(null);
  const [forwarding, setForwarding] = useState<number[] | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [reporting, setReporting] = useState<ReportSubject | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [scrollSignal, setScrollSignal] = useState(0);
  const [searching, setSearching] = useState(false);
  // The search hit in view: from the search bar, or picked in the chat list before opening the chat.
  const highlight = useJumpTarget((s) => (s.target?.chatId === chat.id ? s.target : null));
  const { jump, clear } = useJumpTarget.getState();
  const mounted = useRef(false);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      // Left the chat (not React trying the effect twice): opening it again starts at the bottom.
      setTimeout(() => mounted.current || clear(chat.id));
    };
  }, [chat.id, clear]);
  const uploads = useUploads();
  const [dragging, setDragging] = useState(false);
  const replyToId = useMessenger((s) => s.replyTo[chat.id] ?? null);
  const editingId = useMessenger((s) => s.editing[chat.id] ?? null);
  const { setReplyTo, setEditing } = useMessenger.getState();
  // The unread marker covers what was unread when the chat was opened, not what arrives while reading.
  const unread = useRef({
    after: chat.last_read_id,
    upTo: chat.unread_count > 0 ? (chat.last_message?.id ?? 0) : 0,
  }).current;
  useReading(chat, me);

  const membersById = useMemo(() => new Map(chat.members.map((m) => [m.id, m])), [chat.members]);
  const peerDeleted = chat.type === "dialog" && chat.members.some((m) => m.id !== me.id && m.deleted);
  const replyMessage = replyToId ? findMessage(qc, chat.id, replyToId) : undefined;
  const editing = editingId ? (findMessage(qc, chat.id, editingId) ?? null) : null;

  async function run(action: () => Promise<void>) {
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "Something went wrong. Try again.");
    }
  }

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), 3_000);
    return () => clearTimeout(timer);
  }, [notice]);

  const isAdmin = chat.type === "group" && chat.role !== "member";
  const selectedMessages = () => [...(selected ?? [])].flatMap((id) => findMessage(qc, chat.id, id) ?? []);

  function pin(message: Message, pinned: boolean) {
    void run(async () => {
      await setPinned(chat.id, message.id, pinned);
      applyPinEvent(qc, { conversation_id: chat.id, message_id: message.id, pinned });
    });
  }

  function remove(messages: Message[], scope: "me" | "everyone") {
    setSelected(null);
    void run(async () => {
      for (const target of messages) {
        await api(`/v1/chats/${chat.id}/messages/${target.id}?for=${scope}`, { method: "DELETE" });
        if (scope === "me") removeMessage(qc, chat.id, target.id);
        else
          upsertMessage(qc, { ...target, text: "", attachments: [], deleted_at: new Date().toISOString() });
      }
    });
  }

  function editLast() {
    const pages = qc.getQueryData<MessagePages>(messagesKey(chat.id));
    const last = pages?.pages.flat().find((m) => m.sender_id === me.id && !m.deleted_at);
    if (last) setEditing(chat.id, last.id);
  }

  return (
    <div className="relative flex min-h-0 flex-1">
      <section
        className="relative flex min-h-0 min-w-0 flex-1 flex-col"
        aria-label={chat.title}
        data-testid="conversation"
        data-chat-id={chat.id}
        onDragOver={(e) => {
          if (![...e.dataTransfer.types].includes("Files")) return;
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={(e) => {
          if (e.currentTarget === e.target) setDragging(false);
        }}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          uploads.add([...e.dataTransfer.files]);
        }}
      >
        {dragging ? (
          <div className="pointer-events-none absolute inset-2 z-30 grid place-items-center rounded-2xl border-2 border-dashed border-indigo-500 bg-indigo-50/90 text-lg font-medium text-indigo-700 dark:bg-indigo-950/90 dark:text-indigo-200">
            Drop files to send
          </div>
        ) : null}
        <ConversationHeader
          chat={chat}
          me={me}
          onInfo={() => setInfoOpen((v) => !v)}
          onSearch={() => setSearching((v) => !v)}
        />
        {searching ? (
          <ChatSearchBar
            chatId={chat.id}
            onShow={(messageId) => jump(chat.id, messageId)}
            onClose={() => {
              setSearching(false);
              clear(chat.id);
            }}
          />
        ) : null}
        <PinnedBar chat={chat} onJump={(id) => jump(chat.id, id, "flash")} onUnpin={(m) => pin(m, false)} />
        <CallBanner chat={chat} />
        <MessageList
          chat={chat}
          me={me}
          unread={unread}
          scrollSignal={scrollSignal}
          highlight={highlight}
          selected={selected}
          onToggleSelect={(id) =>
            setSelected((s) => {
              const next = new Set(s);
              if (!next.delete(id)) next.add(id);
              return next;
            })
          }
          actions={{
            onPin: pin,
            onForward: (m) => setForwarding([m.id]),
            onSelect: (m) => setSelected(new Set([m.id])),
            onReply: (m) => {
              setEditing(chat.id, null);
              setReplyTo(chat.id, m.id);
            },
            onEdit: (m) => {
              setReplyTo(chat.id, null);
              setEditing(chat.id, m.id);
            },
            onDelete: (m) => setDeleting([m]),
            onReport: (m) =>
              setReporting({
                target: { message_id: m.id },
                title: "Report message",
                excerpt: m.text || m.attachments.map((a) => a.filename).join(", ") || undefined,
              }),
            onRetry: (p) => realtime.retry(chat.id, p.temp_id),
            onDiscard: (p) => realtime.discard(chat.id, p.temp_id),
          }}
        />
        {error ? (
          <p
            role="alert"
            className="bg-red-50 px-4 py-2 text-center text-sm text-red-700 dark:bg-red-950 dark:text-red-300"
          >
            {error}
          </p>
        ) : null}
        {notice ? (
          <p
            role="status"
            data-testid="conversation-notice"
            className="bg-indigo-50 px-4 py-2 text-center text-sm text-indigo-800 dark:bg-indigo-950 dark:text-indigo-200"
          >
            {notice}
          </p>
        ) : null}
        {selected ? (
          <SelectionBar
            count={selected.size}
            onCancel={() => setSelected(null)}
            onForward={() => setForwarding([...selected])}
            onDelete={() => setDeleting(selectedMessages())}
          />
        ) : peerDeleted ? (
          <p
            data-testid="peer-deleted"
            className="border-t border-slate-200 px-4 py-4 text-center text-sm text-slate-500 dark:border-slate-800 dark:text-slate-400"
          >
            This account was deleted. You can read the messages, but not send new ones.
          </p>
        ) : (
          <Composer
            chatId={chat.id}
            replyTo={
              replyMessage ? { message: replyMessage, sender: membersById.get(replyMessage.sender_id) } : null
            }
            editing={editing}
            onTyping={(typing) => realtime.typing(chat.id, typing)}
            mentionable={chat.type === "group" ? chat.members.filter((m) => m.id !== me.id) : NO_MEMBERS}
            onEditLast={editLast}
            onCancel={() => {
              setReplyTo(chat.id, null);
              setEditing(chat.id, null);
            }}
            uploads={uploads}
            onSend={(text, attachments) => {
              realtime.send(chat.id, text, replyToId, attachments);
              setReplyTo(chat.id, null);
              setScrollSignal((n) => n + 1);
            }}
            onSaveEdit={(message, text) =>
              void run(async () => {
                const updated = await api<Message>(`/v1/chats/${chat.id}/messages/${message.id}`, {
                  method: "PATCH",
                  body: { text },
                });
                upsertMessage(qc, updated);
              })
            }
          />
        )}
      </section>
      {infoOpen ? <ChatInfo chat={chat} me={me} onClose={() => setInfoOpen(false)} /> : null}
      <ReportDialog subject={reporting} onClose={() => setReporting(null)} />
      <DeleteMessagesDialog
        count={deleting.length}
        forEveryone={
          deleting.length > 0 && deleting.every((m) => (m.sender_id === me.id || isAdmin) && !m.deleted_at)
        }
        onClose={() => setDeleting([])}
        onDelete={(scope) => remove(deleting, scope)}
      />
      <ForwardDialog
        request={forwarding ? { fromChatId: chat.id, messageIds: forwarding } : null}
        me={me}
        onClose={() => setForwarding(null)}
        onForwarded={(targets, count) => {
          setSelected(null);
          const to = targets.length === 1 ? targets[0]!.title : `${targets.length} chats`;
          setNotice(`Forwarded ${count > 1 ? `${count} messages` : "1 message"} to ${to}`);
        }}
      />
    </div>
  );
}
