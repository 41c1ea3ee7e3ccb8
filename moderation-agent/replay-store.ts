import { appendFileSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";

export type ReplayStore = {
  /** Records `packetId` until `expiresAt`; false when it was already seen (a replay). */
  claim(packetId: string, expiresAt: number, now?: number): boolean;
};

const FILE = "seen-packets.jsonl";

/**
 * Packet ids the agent has accepted, each kept until its packet's expiry: after that the packet is
 * refused as expired anyway. Appended to a file before the answer goes out, so a restart does not
 * reopen the window; expired lines are dropped at start-up and every
 * 1000 packets.
 */
export function openReplayStore(dataDir: string, now = Date.now()): ReplayStore {
  const file = path.join(dataDir, FILE);
  const seen = new Map<string, number>();
  let text = "";
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  for (const line of text.split("\n")) {
    if (!line) continue;
    try {
      const { id, exp } = JSON.parse(line) as { id: string; exp: number };
      if (exp > now) seen.set(id, exp);
    } catch {
      // A line cut short by a crash mid-write; the packet it named was never answered.
    }
  }
  // Drops the expired ids from memory and from the file (written aside, then renamed into place).
  const compact = (at: number) => {
    for (const [id, exp] of seen) if (exp <= at) seen.delete(id);
    const lines = [...seen].map(([id, exp]) => `${JSON.stringify({ id, exp })}\n`).join("");
    writeFileSync(`${file}.tmp`, lines, { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
  };
  compact(now);
  let claims = 0;

  return {
    claim(packetId, expiresAt, at = Date.now()) {
      if ((seen.get(packetId) ?? 0) > at) return false;
      if (++claims % 1000 === 0) compact(at);
      appendFileSync(file, `${JSON.stringify({ id: packetId, exp: expiresAt })}\n`, { mode: 0o600 });
      seen.set(packetId, expiresAt);
      return true;
    },
  };
}
