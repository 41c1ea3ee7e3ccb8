const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
// Stats days are UTC calendar days ("2025-03-14"): read and shown in UTC so a day never shifts.
const day = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", timeZone: "UTC" });
const longDay = new Intl.DateTimeFormat(undefined, { dateStyle: "full", timeZone: "UTC" });

export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso));
}

export function formatDay(date: string): string {
  return day.format(new Date(`${date}T00:00:00Z`));
}

export function formatLongDay(date: string): string {
  return longDay.format(new Date(`${date}T00:00:00Z`));
}

export function formatBytes(bytes: number): string {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

export function formatCount(n: number): string {
  return new Intl.NumberFormat().format(n);
}

/** The audit log's and verdicts' action names, as an admin reads them. */
const ACTIONS: Record<string, string> = {
  ban_user: "Banned",
  unban_user: "Unbanned",
  delete_message: "Removed a message",
  remove_message: "Removed a message",
  warn_user: "Warned",
  grant_admin: "Made admin",
  revoke_admin: "Revoked admin",
  dismiss: "Dismissed",
  verdict: "Verdict",
};

export function actionLabel(action: string): string {
  return ACTIONS[action] ?? action.replaceAll("_", " ");
}
