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
  /** Every target took the forward (in the order they were sent to); the dialog then closes. */
  onForwarded(targets: Chat[], count: number): void;
};

/**
 * "Forward to…": the user's chats, searchable by name. A click on a chat forwards to it at once; the
 * boxes pick several chats, forwarded to with one button.
 */
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

const failureText = (e: unknown) => (e instanceof ApiError ? e.message : "Could not forward. Try again.");

function ChatChooser({
  request,
  me,
  onClose,
  onForwarded,
}: Props & { request: NonNullable<Props["request"]> }) {
  const qc = useQueryClient();
  const chats = useChats();
  const [query, setQuery] = useState("");
  const [picked, setPicked] = useState<number[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // One temp_id per opened dialog and target: a retry after a lost answer stores nothing twice.
  const [tempId] = useState(() => `fwd-${crypto.randomUUID()}`);
  const q = query.trim().toLowerCase();
  const all = chats.data ?? [];
  const shown = all.filter((c) => !q || c.title.toLowerCase().includes(q));

  const toggle = (id: number) =>
    setPicked((ids) => (ids.includes(id) ? ids.filter((i) => i !== id) : [...ids, id]));

  async function forwardTo(targets: Chat[]) {
    setBusy(true);
    setError(null);
    const done: Chat[] = [];
    const failed: string[] = [];
    let count = 0;
    for (const target of targets) {
      try {
        const { messages } = await api<{ messages: Message[] }>(`/v1/chats/${target.id}/messages/forward`, {
          method: "POST",
          body: {
            from_chat_id: request.fromChatId,
            message_ids: request.messageIds,
            temp_id: `${tempId}-${target.id}`,
          },
        });
        for (const m of messages) upsertMessage(qc, m);
        done.push(target);
        count = messages.length;
      } catch (e) {
        failed.push(targets.length > 1 ? `${target.title}: ${failureText(e)}` : failureText(e));
      }
    }
    setBusy(false);
    if (!failed.length) {
      onForwarded(done, count);
      onClose();
      return;
    }
    // What went stays sent; what did not stays picked, to try again.
    setPicked((ids) => ids.filter((id) => !done.some((d) => d.id === id)));
    const sent = done.length ? `Forwarded to ${done.map((d) => d.title).join(", ")}. ` : "";
    setError(`${sent}${targets.length > 1 ? "Not forwarded to " : ""}${failed.join("; ")}`);
  }

  const pickedChats = picked.map((id) => all.find((c) => c.id === id)).filter((c): c is Chat => !!c);
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
            <li key={c.id} className="flex items-center gap-1">
              <button
                type="button"
                disabled={busy}
                data-testid="forward-target"
                data-chat-id={c.id}
                onClick={() => void forwardTo([c])}
                className="flex min-w-0 flex-1 items-center gap-3 rounded-xl px-2 py-2 text-left hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600 disabled:opacity-60 dark:hover:bg-slate-800"
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
              {/* A whole 44 px square answers a tap, not only the box. */}
              <label className="grid h-11 w-11 shrink-0 cursor-pointer place-items-center rounded-xl hover:bg-slate-100 dark:hover:bg-slate-800">
                <input
                  type="checkbox"
                  data-testid="forward-pick"
                  aria-label={`Pick ${c.title}`}
                  checked={picked.includes(c.id)}
                  disabled={busy}
                  onChange={() => toggle(c.id)}
                  className="h-5 w-5 rounded border-slate-300 accent-indigo-600"
                />
              </label>
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
      <div className="mt-4 flex justify-end gap-2">
        <button type="button" onClick={onClose} className="btn-secondary">
          Cancel
        </button>
        {pickedChats.length ? (
          <button
            type="button"
            disabled={busy}
            data-testid="forward-send"
            onClick={() => void forwardTo(pickedChats)}
            className="btn-primary"
          >
            {busy
              ? "Forwarding…"
              : `Forward to ${pickedChats.length === 1 ? pickedChats[0]!.title : `${pickedChats.length} chats`}`}
          </button>
        ) : null}
      </div>
    </div>
  );
}
