import { execFileSync } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { type AppServer, ROOT, startAppServer } from "../../test/support/app-server.ts";
import { type MailCatcher, startMailCatcher } from "../../test/support/mail-catcher.ts";
import { type BenchSystem, type IdleMemory, type LoadEvents, partnerOf } from "./client.ts";
import { type IdleResult, measureIdleSockets } from "./idle.ts";
import { ServerProbe } from "./probe.ts";
import { postmasterPid, rssKiB } from "./proc.ts";
import { type BenchUser, insertDialogs, insertGroup, insertUsers, loginAll } from "./setup.ts";
import {
  type BenchSocket,
  closeMany,
  openMany,
  RECEIPT_POLICY,
  StuClient,
  type StuCounters,
} from "./stu-client.ts";

const PROBE_MODULE = path.join(ROOT, "bench", "lib", "server-probe.mjs");

export type StuSystem = BenchSystem & {
  readonly url: string;
  readonly databaseUrl: string;
  /** A connection of the bench's own to stu's PostgreSQL (setup, counting, history). */
  readonly sql: pg.Client;
  readonly users: BenchUser[];
  readonly dialogIds: number[];
  readonly groupIds: number[];
  readonly probe: ServerProbe;
  readonly loginSeconds: number;
  readonly logs: string[];
  /** The last idle measurement, whole. */
  idleDetail: IdleResult | null;
};

/**
 * stu as a BenchSystem: the real server (production build, embedded PostgreSQL in `dataDir`),
 * `users` verified users logged in through the API, dialogs (0,1), (2,3), … and groups of
 * `groupSize` consecutive users, inserted with SQL.
 */
export async function startStu(options: {
  users: number;
  groupSize: number;
  dataDir: string;
  probeDir: string;
  log: (line: string) => void;
  cpuProfileDir?: string;
}): Promise<StuSystem> {
  const { log } = options;
  let mail: MailCatcher | undefined;
  let app: AppServer | undefined;
  let sql: pg.Client | undefined;
  const openSockets = new Set<BenchSocket>();
  const clients: StuClient[] = [];
  const stop = async () => {
    for (const s of openSockets) s.ws.terminate();
    for (const c of clients) c.ws.terminate();
    await sql?.end().catch(() => {});
    await app?.stop().catch(() => {});
    await mail?.close().catch(() => {});
  };
  try {
    mail = await startMailCatcher();
    const probeBase = path.join(options.probeDir, "probe");
    const env: Record<string, string> = {
      ACCESS_TOKEN_TTL: "1h",
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import ${JSON.stringify(PROBE_MODULE)}`.trim(),
      BENCH_PROBE_FILE: probeBase,
    };
    if (options.cpuProfileDir) env.BENCH_CPU_PROFILE_DIR = path.resolve(options.cpuProfileDir);
    app = await startAppServer({ dataDir: options.dataDir, smtpPort: mail.smtpPort, env });
    const server = app;
    let stopping = false;
    void server.exited.then(({ code, signal }) => {
      if (!stopping)
        log(
          `stu: THE SERVER EXITED (code ${code}, signal ${signal}); its last lines:\n${server.logs.slice(-15).join("\n")}`,
        );
    });
    const pids = { server: server.pid, postgres: postmasterPid(path.join(options.dataDir, "pg")) };
    const probe = await ServerProbe.attach(server.pid, `${probeBase}.${server.pid}`);
    log(
      `stu: server pid ${pids.server} on ${server.url}, PostgreSQL pid ${pids.postgres}, RSS ${rssKiB(pids.server)} KiB`,
    );

    sql = new pg.Client({ connectionString: server.databaseUrl });
    sql.on("error", (error) => log(`stu: the bench's PostgreSQL connection failed: ${error.message}`));
    await sql.connect();
    const db = sql;
    const rows = await insertUsers(db, options.users, "bench");
    const loginStarted = performance.now();
    const users = await loginAll(server.url, rows, 4);
    const loginSeconds = (performance.now() - loginStarted) / 1000;
    const pairs: Array<[number, number]> = [];
    for (let i = 0; i + 1 < users.length; i += 2) pairs.push([users[i]!.id, users[i + 1]!.id]);
    const dialogIds = await insertDialogs(db, pairs);
    const groupIds: number[] = [];
    for (let g = 0; (g + 1) * options.groupSize <= users.length; g++) {
      const members = users.slice(g * options.groupSize, (g + 1) * options.groupSize).map((u) => u.id);
      groupIds.push(await insertGroup(db, `bench group ${g + 1}`, members));
    }
    const groupChats = new Set(groupIds);
    log(
      `stu: ${users.length} users inserted and logged in (${loginSeconds.toFixed(1)} s of logins), ${dialogIds.length} dialogs, ${groupIds.length} groups of ${options.groupSize}`,
    );

    const counters: StuCounters = { receiptsSent: 0, receiptFramesIn: 0, idsOutOfOrder: 0 };
    const otherFrames: Record<string, number> = {};
    const system: StuSystem = {
      name: "stu",
      version: `stu ${gitCommit()}`,
      pids,
      ackMeaning:
        "`message_sent`: the message is committed in PostgreSQL (fsync and synchronous_commit on) before the server sends it; a resend with the same temp_id is not stored twice.",
      deliveryAckMeaning: `the recipient's socket read \`new_message\`; it then sends \`{"type":"delivered"}\` as lib/client/realtime.ts does: per message in dialogs; in groups at most one per chat every ${RECEIPT_POLICY.groupWindowMs} ms, for the highest id read (the server allows 30 frames/s per socket). The server stores the mark and tells who should hear of it: in a dialog both members, in a group the authors of the messages the mark passed and the member's own devices.`,
      groups: groupIds.length,
      url: server.url,
      databaseUrl: server.databaseUrl,
      sql: db,
      users,
      dialogIds,
      groupIds,
      probe,
      loginSeconds,
      logs: server.logs,
      idleDetail: null,
      async clients(events: LoadEvents) {
        const routes = {
          dialogOf: (user: number) => dialogIds[Math.min(user, partnerOf(user)) >> 1]!,
          groupChat: (group: number) => groupIds[group]!,
          isGroupChat: (chatId: number) => groupChats.has(chatId),
        };
        const opened = await openMany(
          users,
          (u, index) =>
            StuClient.open({
              baseUrl: server.url,
              token: u.token,
              index,
              events,
              routes,
              counters,
              otherFrames,
            }),
          50,
        );
        clients.push(...opened);
        return opened;
      },
      async idle(count: number): Promise<IdleMemory> {
        const result = await measureIdleSockets({
          baseUrl: server.url,
          pid: pids.server,
          probe,
          users,
          count,
          track: openSockets,
        });
        system.idleDetail = result;
        return {
          sockets: result.sockets,
          idleRssKiB: result.before.rssKiB,
          perSocketKiB: result.perSocketKiB,
          detail: result,
        };
      },
      async stored(prefix: string) {
        const { rows } = await db.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM messages WHERE temp_id LIKE $1",
          [`${prefix}%`],
        );
        return rows[0]!.n;
      },
      async commits() {
        const { rows } = await db.query<{ n: string }>("SELECT pg_current_xact_id()::text AS n");
        return Number(rows[0]!.n);
      },
      counters() {
        const out: Record<string, number> = { ...counters };
        for (const [k, v] of Object.entries(otherFrames)) out[`frame:${k}`] = v;
        return out;
      },
      async stop() {
        stopping = true;
        await closeMany(clients).catch(() => {});
        await stop();
      },
    };
    return system;
  } catch (error) {
    await stop();
    throw error;
  }
}

function gitCommit(): string {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
  } catch {
    return "unknown";
  }
}
