import type { ReactNode } from "react";
import { Avatar } from "@/components/avatar.tsx";
import type { UserSummary } from "@/lib/client/types.ts";

/** A person in the console: picture, name and @username, optionally a click to open them in People. */
export function PersonChip({
  person,
  extra,
  onOpen,
}: {
  person: UserSummary;
  extra?: ReactNode;
  onOpen?(id: number): void;
}) {
  const name = person.display_name || person.username;
  const inner = (
    <>
      <Avatar name={name} seed={person.id} url={person.avatar_url} size="sm" />
      <span className="min-w-0 text-left">
        <span className="block truncate text-sm font-medium">{name}</span>
        <span className="block truncate text-xs text-slate-500 dark:text-slate-400">@{person.username}</span>
      </span>
      {extra}
    </>
  );
  return onOpen ? (
    <button
      type="button"
      onClick={() => onOpen(person.id)}
      className="flex min-w-0 items-center gap-2 rounded-lg p-1 -m-1 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600 dark:hover:bg-slate-800"
      title={`Open ${name} in People`}
    >
      {inner}
    </button>
  ) : (
    <span className="flex min-w-0 items-center gap-2">{inner}</span>
  );
}
