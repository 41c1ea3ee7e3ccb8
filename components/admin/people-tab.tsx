"use client";

import { useState } from "react";
import { Avatar } from "@/components/avatar.tsx";
import { FormAlert } from "@/components/form-alert.tsx";
import { SearchIcon } from "@/components/icons.tsx";
import { type UserFilter, useAdminUsers } from "@/lib/client/admin.ts";
import type { AdminUser } from "@/lib/client/admin-types.ts";
import { Badge } from "./badges.tsx";
import { LoadMore } from "./load-more.tsx";
import { PersonDetail } from "./person-detail.tsx";

const FILTERS: Array<{ value: UserFilter["filter"]; label: string }> = [
  { value: "all", label: "Everyone" },
  { value: "banned", label: "Banned" },
  { value: "admins", label: "Admins" },
];

type Props = { meId: number; selected: number | null; onSelect(id: number | null): void };

/** Everyone on the server: search, filter, and one person's record and actions beside the list. */
export function PeopleTab({ meId, selected, onSelect }: Props) {
  const [filter, setFilter] = useState<UserFilter>({ query: "", filter: "all" });
  const users = useAdminUsers(filter);
  const list = users.data?.pages.flatMap((p) => p.users) ?? [];

  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,22rem)_minmax(0,1fr)]" data-testid="admin-people">
      {/* On a phone the list and one person are separate screens, as in the messenger. */}
      <section
        className={`min-w-0 space-y-3 ${selected !== null ? "hidden lg:block" : ""}`}
        aria-label="People"
      >
        <label className="relative block">
          <span className="sr-only">Search people</span>
          <span className="pointer-events-none absolute inset-y-0 left-3 grid place-items-center text-slate-400">
            <SearchIcon />
          </span>
          <input
            type="search"
            className="input pl-10"
            placeholder="Name, @username or e-mail"
            value={filter.query}
            onChange={(e) => setFilter((f) => ({ ...f, query: e.target.value }))}
            data-testid="people-search"
          />
        </label>
        <fieldset className="flex gap-1 rounded-lg bg-slate-100 p-1 dark:bg-slate-800/70">
          <legend className="sr-only">Show</legend>
          {FILTERS.map((f) => (
            <label
              key={f.value}
              className="flex-1 cursor-pointer rounded-md px-2 py-1 text-center text-sm font-medium text-slate-600 has-[:checked]:bg-white has-[:checked]:text-slate-900 has-[:checked]:shadow-sm has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-indigo-500 dark:text-slate-300 dark:has-[:checked]:bg-slate-950 dark:has-[:checked]:text-slate-100"
            >
              <input
                type="radio"
                name="people-filter"
                className="sr-only"
                checked={filter.filter === f.value}
                onChange={() => setFilter((x) => ({ ...x, filter: f.value }))}
                data-testid={`people-filter-${f.value}`}
              />
              {f.label}
            </label>
          ))}
        </fieldset>
        {users.isPending ? (
          <p className="text-sm text-slate-500" role="status">
            Loading people…
          </p>
        ) : users.isError ? (
          <FormAlert>Could not load people. {users.error.message}</FormAlert>
        ) : list.length === 0 ? (
          <p className="py-6 text-center text-sm text-slate-500 dark:text-slate-400">Nobody matches.</p>
        ) : (
          <>
            <ul className="divide-y divide-slate-200 overflow-hidden rounded-xl border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
              {list.map((user) => (
                <PersonRow
                  key={user.id}
                  user={user}
                  me={user.id === meId}
                  active={user.id === selected}
                  onClick={() => onSelect(user.id)}
                />
              ))}
            </ul>
            <LoadMore
              hasMore={users.hasNextPage}
              loading={users.isFetchingNextPage}
              onMore={() => void users.fetchNextPage()}
            />
          </>
        )}
      </section>
      <section className={`min-w-0 ${selected === null ? "hidden lg:block" : ""}`} aria-label="Person">
        {selected === null ? (
          <p className="rounded-xl border border-dashed border-slate-300 px-4 py-16 text-center text-sm text-slate-500 dark:border-slate-700 dark:text-slate-400">
            Choose someone to see their record.
          </p>
        ) : (
          <PersonDetail key={selected} id={selected} meId={meId} onBack={() => onSelect(null)} />
        )}
      </section>
    </div>
  );
}

function PersonRow({
  user,
  me,
  active,
  onClick,
}: {
  user: AdminUser;
  me: boolean;
  active: boolean;
  onClick(): void;
}) {
  const name = user.display_name || user.username;
  return (
    <li>
      <button
        type="button"
        onClick={onClick}
        data-testid="admin-person-row"
        data-username={user.username}
        aria-current={active || undefined}
        className={`flex w-full items-center gap-3 px-3 py-2.5 text-left hover:bg-slate-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-600 dark:hover:bg-slate-800 ${
          active ? "bg-indigo-50 dark:bg-indigo-950/60" : ""
        }`}
      >
        <Avatar name={name} seed={user.id} url={user.avatar_url} size="sm" online={user.online} />
        <span className="min-w-0 flex-1">
          <span className="flex items-center gap-1.5">
            <span className="truncate text-sm font-medium">{name}</span>
            {me ? <span className="shrink-0 text-xs text-slate-500">(you)</span> : null}
          </span>
          <span className="block truncate text-xs text-slate-500 dark:text-slate-400">
            @{user.username} · {user.email}
          </span>
        </span>
        <span className="flex shrink-0 flex-col items-end gap-1">
          {user.role === "admin" ? <Badge tone="indigo">admin</Badge> : null}
          {user.banned_at ? (
            <Badge tone="red" testId="person-banned">
              banned
            </Badge>
          ) : null}
          {user.open_reports_count ? <Badge tone="amber">{user.open_reports_count} open</Badge> : null}
        </span>
      </button>
    </li>
  );
}
