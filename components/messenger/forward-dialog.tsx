"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Avatar } from "@/components/avatar.tsx";
import { Modal } from "@/components/modal.tsx";
import { ApiError, api } from "@/lib/client/api.ts";
import { upsertMessage } from "@/lib/client/cache.ts";
import { otherMember } from "@/lib/client/hooks.ts";
import { useChats } from "@/lib/client/queries.ts";
import type { Chat, Me, Message } from "@/lib/client/types.ts";

type Props = {
  /** The messages to forward (ids of one chat), or null when closed. */
  request: { fromChatId: number; messageIds: number[] } | null;
  me: Me;
  onClose(): void;
  onForwarded(target: Chat, count: number): void;
};

/** "Forward to…": the user's chats, searchable by name; one click forwards to that chat. */
export function ForwardDialog({ request, me, onClose, onForwarded }: Props) {
  const count = request?.messageIds.length ?? 0;
  return (
    <Modal
      title={count > 1 ? `Forward ${count} messages` : "Forward message"}
      open={request !== null}
      onClose={onClose}
      testId="forward-dialog"
    >
      {request ? <ChatChooser request={request} me={me} onClose={onClose} onForwarded={onForwarded} /> : null}
    </Modal>
  );
}

function ChatChooser({
  request,
  me,
  onClose,
  onForwarded,
}: Props & { request: NonNullable<Props["request"]> }) {
  const qc = useQueryClient();
  const chats = useChats();
  const [query, setQuery] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // One temp_id per opened dialog: a retry after a lost answer stores nothing twice.
  const [tempId] = useState(() => `fwd-${crypto.randomUUID()}`);
  const q = query.trim().toLowerCase();
  const shown = (chats.data ?? []).filter((c) => !q || c.title.toLowerCase().includes(q));

  async function forwardTo(target: Chat) {
    setBusy(true);
    setError(null);
    try {
      const { messages } = await api<{ messages: Message[] }>(`/v1/chats/${target.id}/messages/forward`, {
        method: "POST",
        body: { from_chat_id: request.fromChatId, message_ids: request.messageIds, temp_id: tempId },
      });
      for (const m of messages) upsertMessage(qc, m);
      onForwarded(target, messages.length);
      onClose();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "Could not forward. Try again.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <div>
      <label className="block">
        <span className="sr-only">Search chats</span>
        <input
          className="input"
          data-testid="forward-search"
          placeholder="Search chats"
          value={query}
          // biome-ignore lint/a11y/noAutofocus: the dialog opens to pick a chat by typing its name.
          autoFocus
          onChange={(e) => setQuery(e.target.value)}
        />
      </label>
      <ul className="mt-3 max-h-[50vh] overflow-y-auto" aria-label="Chats">
        {shown.map((c) => {
          const other = otherMember(c, me.id);
          return (
            <li key={c.id}>
              <button
                type="button"
                disabled={busy}
                data-testid="forward-target"
                data-chat-id={c.id}
                onClick={() => void forwardTo(c)}
                className="flex w-full items-center gap-3 rounded-xl px-2 py-2 text-left hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600 disabled:opacity-60 dark:hover:bg-slate-800"
              >
                <Avatar
                  name={c.title}
                  seed={other?.id ?? c.id}
                  url={other ? other.avatar_url : c.avatar_url}
                  size="sm"
                />
                <span className="min-w-0 flex-1 truncate font-medium">{c.title}</span>
                {c.type === "group" ? <span className="text-xs text-slate-500">group</span> : null}
              </button>
            </li>
          );
        })}
        {chats.isSuccess && !shown.length ? (
          <li className="px-2 py-4 text-center text-sm text-slate-500">No chat matches “{query}”.</li>
        ) : null}
      </ul>
      {error ? (
        <p role="alert" className="mt-3 text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : null}
      <div className="mt-4 flex justify-end">
        <button type="button" onClick={onClose} className="btn-secondary">
          Cancel
        </button>
      </div>
    </div>
  );
}
