"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Avatar } from "@/components/avatar.tsx";
import { AvatarPicker } from "@/components/avatar-picker.tsx";
import { ConfirmDialog } from "@/components/confirm-dialog.tsx";
import { CloseIcon } from "@/components/icons.tsx";
import { PersonActions } from "@/components/safety/person-actions.tsx";
import { ApiError, api } from "@/lib/client/api.ts";
import { setChats, updateChat } from "@/lib/client/cache.ts";
import { usePresence } from "@/lib/client/hooks.ts";
import { useUserSearch } from "@/lib/client/queries.ts";
import { lastSeen } from "@/lib/client/relative-time.ts";
import type { Chat, Me, Member } from "@/lib/client/types.ts";
import { SharedMedia } from "./shared-media.tsx";

const ROLE_LABEL = { owner: "owner", admin: "admin", member: "" } as const;

type Props = { chat: Chat; me: Me; onClose(): void };

/** Who is in the chat, what was shared in it and, for groups, renaming, adding, removing, roles and leaving. */
export function ChatInfo({ chat, me, onClose }: Props) {
  const qc = useQueryClient();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<{
    title: string;
    body: string;
    label: string;
    run(): Promise<void>;
  } | null>(null);
  const isAdmin = chat.type === "group" && chat.role !== "member";

  async function attempt(run: () => Promise<void>) {
    setError(null);
    try {
      await run();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "Something went wrong.");
    }
  }

  const other = chat.type === "dialog" ? chat.members.find((m) => m.id !== me.id) : undefined;
  const members = [...chat.members].sort(
    (a, b) => ["owner", "admin", "member"].indexOf(a.role) - ["owner", "admin", "member"].indexOf(b.role),
  );

  return (
    <aside
      aria-label="Chat info"
      data-testid="chat-info"
      className="absolute inset-0 z-20 flex flex-col overflow-y-auto bg-white dark:bg-slate-900 lg:static lg:w-80 lg:shrink-0 lg:border-l lg:border-slate-200 lg:dark:border-slate-800"
    >
      <header className="flex items-center gap-2 border-b border-slate-200 px-4 py-3 dark:border-slate-800">
        <h2 className="flex-1 font-semibold">{chat.type === "group" ? "Group info" : "Info"}</h2>
        <button type="button" className="icon-btn" aria-label="Close info" onClick={onClose}>
          <CloseIcon />
        </button>
      </header>
      <div className="flex flex-col items-center px-4 py-5 text-center">
        {isAdmin ? (
          <AvatarPicker
            name={chat.title}
            seed={chat.id}
            url={chat.avatar_url ?? null}
            testId="group-avatar-input"
            onUploaded={async (id) => {
              const updated = await api<{ avatar_url: string | null }>(`/v1/chats/${chat.id}`, {
                method: "PATCH",
                body: { avatar_id: id },
              });
              updateChat(qc, chat.id, (c) => ({ ...c, avatar_url: updated.avatar_url }));
              return updated.avatar_url;
            }}
          />
        ) : (
          <Avatar
            name={chat.title}
            seed={other?.id ?? chat.id}
            size="lg"
            url={other ? other.avatar_url : chat.avatar_url}
          />
        )}
        {isAdmin ? (
          <RenameForm chat={chat} onError={setError} />
        ) : (
          <p className="mt-3 text-lg font-semibold">{chat.title}</p>
        )}
        {chat.type === "group" ? (
          <p className="text-sm text-slate-500">{chat.members.length} members</p>
        ) : null}
        {other && other.id !== me.id ? (
          <div className="mt-4">
            <PersonActions person={other} variant="buttons" onError={setError} />
          </div>
        ) : null}
      </div>
      {error ? (
        <p
          role="alert"
          className="mx-4 mb-2 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300"
        >
          {error}
        </p>
      ) : null}
      {isAdmin ? <AddMembers chat={chat} onError={setError} /> : null}
      <ul className="px-2 pb-4" aria-label="Members" data-testid="member-list">
        {members.map((m) => (
          <MemberRow
            key={m.id}
            member={m}
            me={me}
            chat={chat}
            onError={setError}
            onRole={(role) =>
              attempt(async () => {
                await api(`/v1/chats/${chat.id}/members/${m.id}`, { method: "PATCH", body: { role } });
              })
            }
            onRemove={() =>
              setConfirm({
                title: "Remove member",
                body: `Remove ${m.display_name || m.username} from ${chat.title}?`,
                label: "Remove",
                run: async () => {
                  await api(`/v1/chats/${chat.id}/members/${m.id}`, { method: "DELETE" });
                  updateChat(qc, chat.id, (c) => ({ ...c, members: c.members.filter((x) => x.id !== m.id) }));
                },
              })
            }
          />
        ))}
      </ul>
      <SharedMedia chatId={chat.id} />
      {chat.type === "group" ? (
        <div className="mt-auto border-t border-slate-200 p-4 dark:border-slate-800">
          <button
            type="button"
            data-testid="leave-group"
            className="w-full rounded-lg px-4 py-2 text-sm font-medium text-red-600 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-red-600 dark:hover:bg-red-950"
            onClick={() =>
              setConfirm({
                title: "Leave group",
                body: `Leave ${chat.title}? You will stop receiving its messages.`,
                label: "Leave",
                run: async () => {
                  await api(`/v1/chats/${chat.id}/members/${me.id}`, { method: "DELETE" });
                  setChats(qc, (chats) => chats.filter((c) => c.id !== chat.id));
                  router.replace("/");
                },
              })
            }
          >
            Leave group
          </button>
        </div>
      ) : null}
      <ConfirmDialog
        open={confirm !== null}
        title={confirm?.title ?? ""}
        body={confirm?.body ?? ""}
        confirmLabel={confirm?.label ?? "OK"}
        onConfirm={() => confirm && void attempt(confirm.run)}
        onClose={() => setConfirm(null)}
      />
    </aside>
  );
}

function MemberRow({
  member,
  me,
  chat,
  onRole,
  onRemove,
  onError,
}: {
  member: Member;
  me: Me;
  chat: Chat;
  onRole(role: "admin" | "member"): void;
  onRemove(): void;
  onError(message: string | null): void;
}) {
  const presence = usePresence(member);
  const isMe = member.id === me.id;
  const canRemove =
    chat.type === "group" &&
    !isMe &&
    chat.role !== "member" &&
    (member.role === "member" || chat.role === "owner");
  const canPromote = chat.type === "group" && !isMe && chat.role === "owner" && member.role !== "owner";
  // In a dialog the other person's Block and Report stand under their profile at the top.
  const safety = chat.type === "group" && !isMe;
  return (
    <li
      className="flex items-center gap-3 rounded-lg px-2 py-2"
      data-testid="member-row"
      data-username={member.username}
    >
      <Avatar
        name={member.display_name || member.username}
        seed={member.id}
        url={member.avatar_url}
        size="sm"
        online={presence.online}
      />
      <span className="min-w-0 flex-1">
        <span className="flex items-center gap-2">
          <span className="truncate text-sm font-medium">
            {member.display_name || member.username}
            {isMe ? <span className="text-slate-500"> (you)</span> : null}
          </span>
          {ROLE_LABEL[member.role] ? (
            <span
              className="shrink-0 rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-600 dark:bg-slate-800 dark:text-slate-300"
              data-testid="member-role"
            >
              {ROLE_LABEL[member.role]}
            </span>
          ) : null}
        </span>
        <span className="block truncate text-xs text-slate-500">
          {isMe || presence.online ? "online" : lastSeen(presence.last_seen_at)}
        </span>
        {canPromote || canRemove || safety ? (
          <span className="mt-1 flex flex-wrap gap-x-3 gap-y-1">
            {canPromote ? (
              <button
                type="button"
                className="text-xs text-indigo-600 hover:underline dark:text-indigo-300"
                onClick={() => onRole(member.role === "admin" ? "member" : "admin")}
              >
                {member.role === "admin" ? "Dismiss admin" : "Make admin"}
              </button>
            ) : null}
            {canRemove ? (
              <button
                type="button"
                className="text-xs text-red-600 hover:underline"
                data-testid="member-remove"
                aria-label={`Remove ${member.display_name || member.username}`}
                onClick={onRemove}
              >
                Remove
              </button>
            ) : null}
            {safety ? <PersonActions person={member} variant="links" onError={onError} /> : null}
          </span>
        ) : null}
      </span>
    </li>
  );
}

function RenameForm({ chat, onError }: { chat: Chat; onError(message: string | null): void }) {
  const qc = useQueryClient();
  const [title, setTitle] = useState(chat.title);
  return (
    <form
      className="mt-3 flex w-full gap-2"
      onSubmit={async (e) => {
        e.preventDefault();
        onError(null);
        try {
          await api(`/v1/chats/${chat.id}`, { method: "PATCH", body: { title } });
          updateChat(qc, chat.id, (c) => ({ ...c, title: title.trim() }));
        } catch (err) {
          onError(err instanceof ApiError ? err.message : "Could not rename the group.");
        }
      }}
    >
      <label className="min-w-0 flex-1">
        <span className="sr-only">Group name</span>
        <input
          className="input text-center"
          value={title}
          maxLength={128}
          onChange={(e) => setTitle(e.target.value)}
          data-testid="rename-input"
        />
      </label>
      {title.trim() && title.trim() !== chat.title ? (
        <button type="submit" className="btn-primary" data-testid="rename-save">
          Save
        </button>
      ) : null}
    </form>
  );
}

function AddMembers({ chat, onError }: { chat: Chat; onError(message: string | null): void }) {
  const [query, setQuery] = useState("");
  const results = useUserSearch(query);
  const candidates = (results.data ?? []).filter((u) => !chat.members.some((m) => m.id === u.id));
  return (
    <div className="px-4 pb-2">
      <label className="block">
        <span className="text-sm font-medium">Add people</span>
        <input
          className="input mt-1"
          type="search"
          placeholder="Search people"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          data-testid="add-member-input"
        />
      </label>
      {query.trim() ? (
        <ul className="mt-1">
          {candidates.length === 0 && results.isSuccess ? (
            <li className="px-2 py-2 text-sm text-slate-500">Nobody to add.</li>
          ) : null}
          {candidates.map((u) => (
            <li key={u.id}>
              <button
                type="button"
                data-testid="add-member-result"
                className="flex w-full items-center gap-3 rounded-lg px-2 py-1.5 text-left hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600 dark:hover:bg-slate-800"
                onClick={async () => {
                  onError(null);
                  try {
                    await api(`/v1/chats/${chat.id}/members`, { body: { user_ids: [u.id] } });
                    setQuery("");
                  } catch (e) {
                    onError(e instanceof ApiError ? e.message : "Could not add them.");
                  }
                }}
              >
                <Avatar name={u.display_name || u.username} seed={u.id} url={u.avatar_url} size="sm" />
                <span className="min-w-0 flex-1 truncate text-sm">{u.display_name || u.username}</span>
                <span className="text-xs text-indigo-600">Add</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
