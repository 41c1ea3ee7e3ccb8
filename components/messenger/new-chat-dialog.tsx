"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Avatar } from "@/components/avatar.tsx";
import { Modal } from "@/components/modal.tsx";
import { ApiError, api } from "@/lib/client/api.ts";
import { setChats } from "@/lib/client/cache.ts";
import { useUserSearch } from "@/lib/client/queries.ts";
import type { Chat, PublicUser } from "@/lib/client/types.ts";

type Props = { mode: "dialog" | "group" | null; onClose(): void };

/** Start a dialog with one person, or name a group and pick its members. */
export function NewChatDialog({ mode, onClose }: Props) {
  return (
    <Modal
      title={mode === "group" ? "New group" : "New message"}
      open={mode !== null}
      onClose={onClose}
      testId="new-chat-dialog"
    >
      {mode ? <NewChatForm key={mode} mode={mode} onClose={onClose} /> : null}
    </Modal>
  );
}

function NewChatForm({ mode, onClose }: { mode: "dialog" | "group"; onClose(): void }) {
  const router = useRouter();
  const qc = useQueryClient();
  const [query, setQuery] = useState("");
  const [title, setTitle] = useState("");
  const [picked, setPicked] = useState<PublicUser[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const results = useUserSearch(query);

  async function open(request: Promise<Chat>) {
    setBusy(true);
    setError(null);
    try {
      const chat = await request;
      setChats(qc, (chats) => [chat, ...chats.filter((c) => c.id !== chat.id)]);
      onClose();
      router.push(`/c/${chat.id}`);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "Something went wrong.");
    } finally {
      setBusy(false);
    }
  }

  function choose(user: PublicUser) {
    if (mode === "dialog") {
      void open(api<Chat>("/v1/dialogs", { body: { user_id: user.id } }));
      return;
    }
    setPicked((p) => (p.some((x) => x.id === user.id) ? p.filter((x) => x.id !== user.id) : [...p, user]));
  }

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (mode === "group") {
          void open(
            api<Chat>("/v1/chats", {
              body: { type: "group", title: title.trim(), members: picked.map((u) => u.id) },
            }),
          );
        }
      }}
    >
      {mode === "group" ? (
        <label className="mb-3 block">
          <span className="text-sm font-medium">Group name</span>
          <input
            className="input mt-1"
            data-testid="group-title-input"
            value={title}
            maxLength={128}
            required
            onChange={(e) => setTitle(e.target.value)}
          />
        </label>
      ) : null}
      <label className="block">
        <span className="text-sm font-medium">{mode === "group" ? "Add people" : "Find a person"}</span>
        <input
          className="input mt-1"
          data-testid="user-search-input"
          type="search"
          placeholder="Name, username or e-mail"
          value={query}
          // biome-ignore lint/a11y/noAutofocus: the dialog exists to search; focus belongs here.
          autoFocus={mode === "dialog"}
          onChange={(e) => setQuery(e.target.value)}
        />
      </label>
      {picked.length ? (
        <ul className="mt-3 flex flex-wrap gap-2" aria-label="Selected people">
          {picked.map((u) => (
            <li key={u.id}>
              <button
                type="button"
                onClick={() => choose(u)}
                className="rounded-full bg-indigo-100 px-3 py-1 text-sm text-indigo-800 hover:bg-indigo-200 dark:bg-indigo-950 dark:text-indigo-200"
                aria-label={`Remove ${u.display_name || u.username}`}
              >
                {u.display_name || u.username} ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <ul className="mt-3 max-h-64 overflow-y-auto" aria-label="People">
        {query.trim() && results.data?.length === 0 ? (
          <li className="px-2 py-3 text-sm text-slate-500">Nobody found.</li>
        ) : null}
        {results.data?.map((user) => {
          const selected = picked.some((p) => p.id === user.id);
          return (
            <li key={user.id}>
              <button
                type="button"
                data-testid="user-result"
                data-username={user.username}
                disabled={busy}
                aria-pressed={mode === "group" ? selected : undefined}
                onClick={() => choose(user)}
                className="flex w-full items-center gap-3 rounded-lg px-2 py-2 text-left hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600 dark:hover:bg-slate-800"
              >
                <Avatar
                  name={user.display_name || user.username}
                  seed={user.id}
                  url={user.avatar_url}
                  size="sm"
                />
                <span className="min-w-0 flex-1">
                  <span className="block truncate font-medium">{user.display_name || user.username}</span>
                  <span className="block truncate text-sm text-slate-500">@{user.username}</span>
                </span>
                {selected ? <span className="text-indigo-600">✓</span> : null}
              </button>
            </li>
          );
        })}
      </ul>
      {error ? (
        <p role="alert" className="mt-3 text-sm text-red-600">
          {error}
        </p>
      ) : null}
      <div className="mt-4 flex justify-end gap-2">
        <button type="button" className="btn-secondary" onClick={onClose}>
          Cancel
        </button>
        {mode === "group" ? (
          <button
            type="submit"
            className="btn-primary"
            data-testid="create-group"
            disabled={busy || !title.trim()}
          >
            Create group
          </button>
        ) : null}
      </div>
    </form>
  );
}
