const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

/** "just now", "5 minutes ago", "yesterday" – how long ago an ISO time was. */
export function relativeTime(iso: string, now = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const format = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return "just now";
}

/** Presence of someone offline: "last seen just now", "last seen 5 minutes ago", "last seen yesterday". */
export function lastSeen(iso: string | null, now = Date.now()): string {
  if (!iso) return "last seen a long time ago";
  // A clock a little ahead of ours must not read "last seen in 2 minutes".
  return `last seen ${relativeTime(iso, Math.max(now, Date.parse(iso)))}`;
}
