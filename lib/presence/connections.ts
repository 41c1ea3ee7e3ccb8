const COUNTS = Symbol.for("stu.presence.connections");
type WithCounts = typeof globalThis & { [COUNTS]?: Map<number, number> };

// Sockets per user on this instance; "online" means at least one. Shared across instances
// through the bus when presence events arrive (chats/real-time issue).
function counts(): Map<number, number> {
  const g = globalThis as WithCounts;
  g[COUNTS] ??= new Map();
  return g[COUNTS];
}

/** Returns true when this connection made the user go online. */
export function connectionOpened(userId: number): boolean {
  const n = (counts().get(userId) ?? 0) + 1;
  counts().set(userId, n);
  return n === 1;
}

/** Returns true when this was the user's last connection. */
export function connectionClosed(userId: number): boolean {
  const n = (counts().get(userId) ?? 1) - 1;
  if (n <= 0) counts().delete(userId);
  else counts().set(userId, n);
  return n <= 0;
}

export function isOnline(userId: number): boolean {
  return (counts().get(userId) ?? 0) > 0;
}
