/**
 * npx tsx bench/peer/ack-durability.ts — what ejabberd's XEP-0198 ack guarantees, tested: sends
 * 1:1 messages at a steady rate over 20 pairs and, the moment the Nth ack arrives, kills ejabberd
 * (SIGKILL to its own PID; its PostgreSQL keeps running). Then it counts, for every message acked
 * before the kill, the archive rows in PostgreSQL: the sender's copy (username = sender) and the
 * recipient's (username = recipient). Bounded: one kill per round, DURABILITY_ROUNDS rounds (3).
 */
import pg from "pg";
import { partnerOf } from "../lib/client.ts";
import { startEjabberd, userName } from "./ejabberd.ts";

const PAIRS = 20;
const RATE = 1000;
const KILL_AFTER_ACKS = [300, 1000, 2000];
const ROUNDS = Math.min(KILL_AFTER_ACKS.length, Number(process.env.DURABILITY_ROUNDS ?? 3));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (line: string) => console.log(`[durability] ${line}`);

type Round = {
  killAfter: number;
  sent: number;
  ackedBeforeKill: number;
  ackedWithSenderRow: number;
  ackedWithRecipientRow: number;
  ackedWithNoRow: number;
  unackedWithSenderRow: number;
  deliveredBeforeKill: number;
  deliveredWithoutRecipientRow: number;
};

async function round(killAfter: number): Promise<Round> {
  const system = await startEjabberd({ users: PAIRS * 2, groupSize: 50, groups: 0 });
  try {
    const acked = new Set<string>();
    const delivered = new Set<string>();
    const sender = new Map<string, number>();
    let killed = false;
    const clients = await system.clients({
      ack(id) {
        if (killed) return;
        acked.add(id);
        if (acked.size >= killAfter) {
          killed = true;
          process.kill(system.pids.server, "SIGKILL"); // at once, before anything else runs here
        }
      },
      deliver(id) {
        if (!killed) delivered.add(id);
      },
      fail() {},
    });
    const t0 = performance.now();
    let k = 0;
    while (!killed && performance.now() - t0 < 30_000) {
      while (!killed && t0 + (k * 1000) / RATE <= performance.now()) {
        const id = `dur-${k}`;
        const c = clients[k % clients.length]!;
        sender.set(id, c.index);
        c.send(id, { user: partnerOf(c.index) }, `bench ${id} lorem ipsum dolor sit amet`);
        k += 1;
      }
      await sleep(1);
    }
    await system.kill();
    const db = new pg.Client({ connectionString: system.databaseUrl });
    await db.connect();
    const { rows } = await db.query<{ id: string; username: string }>(
      "SELECT split_part(txt, ' ', 2) AS id, username FROM archive WHERE txt LIKE 'bench dur-%'",
    );
    await db.end();
    const has = new Set(rows.map((r) => `${r.id} ${r.username}`));
    const senderRow = (id: string) => has.has(`${id} ${userName(sender.get(id)!)}`);
    const recipientRow = (id: string) => has.has(`${id} ${userName(partnerOf(sender.get(id)!))}`);
    const ackedIds = [...acked];
    const result: Round = {
      killAfter,
      sent: k,
      ackedBeforeKill: acked.size,
      ackedWithSenderRow: ackedIds.filter(senderRow).length,
      ackedWithRecipientRow: ackedIds.filter(recipientRow).length,
      ackedWithNoRow: ackedIds.filter((id) => !senderRow(id) && !recipientRow(id)).length,
      unackedWithSenderRow: [...sender.keys()].filter((id) => !acked.has(id) && senderRow(id)).length,
      deliveredBeforeKill: delivered.size,
      deliveredWithoutRecipientRow: [...delivered].filter((id) => !recipientRow(id)).length,
    };
    await Promise.all(clients.map((c) => c.close()));
    return result;
  } finally {
    await system.stop();
  }
}

async function main(): Promise<void> {
  const results: Round[] = [];
  for (const killAfter of KILL_AFTER_ACKS.slice(0, ROUNDS)) {
    const r = await round(killAfter);
    results.push(r);
    log(
      `killed after ${r.ackedBeforeKill} acks (${r.sent} sent): sender's row for ${r.ackedWithSenderRow}, ` +
        `recipient's row for ${r.ackedWithRecipientRow}, no row at all for ${r.ackedWithNoRow} of the acked; ` +
        `${r.unackedWithSenderRow} unacked messages stored too; ${r.deliveredBeforeKill} delivered, ` +
        `${r.deliveredWithoutRecipientRow} of them without the recipient's row`,
    );
  }
  console.log(JSON.stringify(results, null, 2));
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error("durability check failed:", error);
    process.exit(1);
  },
);
