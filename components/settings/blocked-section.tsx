"use client";

import { useState } from "react";
import { Avatar } from "@/components/avatar.tsx";
import { ApiError } from "@/lib/client/api.ts";
import { relativeTime } from "@/lib/client/relative-time.ts";
import { useBlocks, useSetBlocked } from "@/lib/client/safety.ts";
import { FormAlert } from "../form-alert.tsx";

/** The people this account blocked, each with Unblock. */
export function BlockedSection() {
  const blocks = useBlocks();
  const setBlocked = useSetBlocked();
  const [busy, setBusy] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function unblock(userId: number) {
    setBusy(userId);
    setError(null);
    try {
      await setBlocked(userId, false);
    } catch (e) {
      setError(e instanceof ApiError ? e.body.message : "Could not unblock. Try again.");
    } finally {
      setBusy(null);
    }
  }

  if (blocks.isPending) {
    return (
      <p className="text-sm text-slate-500" role="status">
        Loading…
      </p>
    );
  }
  if (blocks.isError) {
    return (
      <div className="space-y-3">
        <FormAlert>Could not load the people you blocked.</FormAlert>
        <button type="button" onClick={() => blocks.refetch()} className="btn-secondary">
          Try again
        </button>
      </div>
    );
  }
  if (!blocks.data.length) {
    return (
      <p className="text-sm text-slate-500 dark:text-slate-400" data-testid="blocked-empty">
        You have not blocked anyone.
      </p>
    );
  }
  return (
    <div className="space-y-3">
      {error ? <FormAlert>{error}</FormAlert> : null}
      <ul className="divide-y divide-slate-200 dark:divide-slate-800" aria-label="Blocked people">
        {blocks.data.map(({ user, blocked_at }) => {
          const name = user.display_name || user.username;
          return (
            <li
              key={user.id}
              data-testid="blocked-row"
              data-username={user.username}
              className="flex items-center gap-3 py-3 first:pt-0 last:pb-0"
            >
              <Avatar name={name} seed={user.id} url={user.avatar_url} size="sm" />
              <div className="min-w-0 flex-1">
                <p className="truncate text-sm font-medium">{name}</p>
                <p className="truncate text-xs text-slate-500 dark:text-slate-400">
                  @{user.username} · blocked {relativeTime(blocked_at)}
                </p>
              </div>
              <button
                type="button"
                className="btn-secondary shrink-0"
                disabled={busy === user.id}
                onClick={() => void unblock(user.id)}
                aria-label={`Unblock ${name}`}
                data-testid="unblock"
              >
                {busy === user.id ? "Unblocking…" : "Unblock"}
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
