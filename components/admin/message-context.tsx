import { formatDateTime } from "@/lib/client/admin-format.ts";
import type { AdminMessage } from "@/lib/client/admin-types.ts";
import { Badge } from "./badges.tsx";

/** The reported message under the few that came before it in the chat, as the reporter saw them. */
export function MessageContext({ context, message }: { context: AdminMessage[]; message: AdminMessage }) {
  return (
    <ol className="space-y-1.5" aria-label="The message in its context" data-testid="report-context">
      {context.map((m) => (
        <Line key={m.id} message={m} reported={false} />
      ))}
      <Line message={message} reported />
    </ol>
  );
}

function Line({ message, reported }: { message: AdminMessage; reported: boolean }) {
  const sender = message.sender?.display_name || message.sender?.username || "Unknown";
  return (
    <li
      data-testid={reported ? "reported-message" : "context-message"}
      className={`rounded-lg px-3 py-2 text-sm ${
        reported
          ? "bg-red-50 ring-1 ring-red-300 dark:bg-red-950/50 dark:ring-red-800"
          : "bg-slate-50 text-slate-600 dark:bg-slate-800/60 dark:text-slate-300"
      }`}
    >
      <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-500 dark:text-slate-400">
        <span className="font-semibold text-slate-700 dark:text-slate-200">{sender}</span>
        <time dateTime={message.created_at}>{formatDateTime(message.created_at)}</time>
        {message.edited_at ? <span>edited</span> : null}
        {message.moderated_at ? <Badge tone="red">Removed by moderation</Badge> : null}
        {message.deleted_at ? <Badge>Deleted by sender</Badge> : null}
      </p>
      {message.text ? (
        <p className="mt-0.5 whitespace-pre-wrap [overflow-wrap:anywhere]" data-testid="admin-message-text">
          {message.text}
        </p>
      ) : null}
      {message.attachments.length ? (
        <p className="mt-0.5 text-xs text-slate-500 [overflow-wrap:anywhere] dark:text-slate-400">
          📎 {message.attachments.map((a) => a.filename).join(", ")}
        </p>
      ) : null}
    </li>
  );
}
