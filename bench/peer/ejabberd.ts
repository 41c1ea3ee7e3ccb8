/**
 * ejabberd as the bench's peer: Debian's ejabberd 23.01 run as an instance of its own (own
 * config, spool, log and pid files in a temporary directory, own Erlang node name and cookie,
 * c2s and Erlang distribution ports on 127.0.0.1 chosen free, no epmd) with everything it keeps —
 * accounts, the message archive (mod_mam, default: always), MUC rooms — in a PostgreSQL of its own,
 * started like stu's (lib/db/embedded-postgres.ts: same binaries, same durability settings) and
 * loaded with ejabberd's own schema from the Debian package (pg.new.sql, new_sql_schema: true).
 * It is stopped at the end with `ejabberdctl stop`, or killed by its own PID. The system's ejabberd
 * service is never used. See bench/peer/README.md for what its acknowledgement guarantees.
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { connect } from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { type EmbeddedPostgres, startEmbeddedPostgres } from "../../lib/db/embedded-postgres.ts";
import { freePort } from "../../test/support/free-port.ts";
import type { BenchClient, BenchSystem, IdleMemory, LoadEvents } from "../lib/client.ts";
import { rssKiB } from "../lib/proc.ts";
import { type EjabberdSettings, ejabberdctlCfg, ejabberdYml, erlWrapper } from "./ejabberd-config.ts";
import { EJABBERDCTL, ensureEjabberd, ensureXmppLibrary, SQL_DIR } from "./install.ts";
import type { XmppAccount, XmppBenchClient } from "./xmpp-client.ts";

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const DOMAIN = "bench.test";
const MUC_DOMAIN = `conference.${DOMAIN}`;
export const XMPP_PASSWORD = "bench-password-1";
export const userName = (index: number) => `u${index}`;
export const roomName = (group: number) => `g${group}`;

export type EjabberdOptions = {
  users: number;
  groupSize: number;
  /** How many MUC rooms (groups of groupSize consecutive users); 0 for dialogs only. */
  groups: number;
  log?: (line: string) => void;
  /** ejabberd's PostgreSQL pool (sql_pool_size; ejabberd's default is 10). */
  sqlPoolSize?: number;
  /** STARTTLS on the c2s port with a self-signed certificate (off by default, like stu's ws://). */
  tls?: boolean;
  /** How the accounts are made: one `ejabberdctl import_piefxis` (default) or `register` per user. */
  registerWith?: "import_piefxis" | "register";
  /** `ejabberdctl register` calls running at once. */
  registerParallel?: number;
};

export type Setup = {
  registerWith: "import_piefxis" | "register";
  registerSeconds: number;
  registerParallel: number;
  roomSeconds: number;
};

export type EjabberdSystem = BenchSystem & {
  readonly setup: Setup;
  readonly c2sPort: number;
  readonly databaseUrl: string;
  /** Kills the server at once (SIGKILL to its own PID): for the durability check. */
  kill(): Promise<void>;
  /** Connects one more client for user `index` (resource `resource`). */
  connect(index: number, resource: string, events?: LoadEvents): Promise<BenchClient>;
};

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on("error", () => resolve(false));
  });
}

async function pmap<T, R>(
  items: T[],
  parallel: number,
  fn: (item: T, i: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= items.length) return;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, items.length) }, worker));
  return out;
}

/** The user "ejabberd" of the Debian package, which ejabberdctl switches to when run as root. */
function ejabberdIds(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const line = readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .find((l) => l.startsWith("ejabberd:"));
  if (!line) throw new Error("the Debian package's user 'ejabberd' does not exist");
  const [, , uid, gid] = line.split(":");
  return { uid: Number(uid), gid: Number(gid) };
}

/** A self-signed certificate + key in one PEM, for the TLS variant. */
async function selfSignedPem(dir: string): Promise<string> {
  const key = path.join(dir, "key.pem");
  const cert = path.join(dir, "cert.pem");
  await run("openssl", [
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-days",
    "2",
    "-subj",
    `/CN=${DOMAIN}`,
    "-addext",
    `subjectAltName=DNS:${DOMAIN},DNS:${MUC_DOMAIN}`,
    "-keyout",
    key,
    "-out",
    cert,
  ]);
  const pem = path.join(dir, "server.pem");
  writeFileSync(pem, readFileSync(cert, "utf8") + readFileSync(key, "utf8"), { mode: 0o600 });
  return pem;
}

export async function startEjabberd(options: EjabberdOptions): Promise<EjabberdSystem> {
  const log = options.log ?? (() => {});
  ensureEjabberd(log);
  ensureXmppLibrary(log);
  const { XmppBenchClient: Client } = await import("./xmpp-client.ts");

  const base = mkdtempSync(path.join(os.tmpdir(), "stu-peer-ejabberd-"));
  // PostgreSQL and ejabberd run as their own users and must pass through it.
  chmodSync(base, 0o711);
  const dirs = {
    etc: path.join(base, "etc"),
    spool: path.join(base, "spool"),
    log: path.join(base, "log"),
    run: path.join(base, "run"),
  };
  const ids = ejabberdIds();
  for (const dir of Object.values(dirs)) {
    mkdirSync(dir, { recursive: true, mode: 0o750 });
    if (ids) chownSync(dir, ids.uid, ids.gid);
  }

  let postgres: EmbeddedPostgres | undefined;
  let beamPid = 0;
  let ctlArgs: string[] = [];
  const killOnExit = () => {
    if (beamPid && isAlive(beamPid)) process.kill(beamPid, "SIGKILL");
  };
  process.on("exit", killOnExit);
  const ctl = async (args: string[], timeoutMs = 60_000) =>
    (await run(EJABBERDCTL, [...ctlArgs, ...args], { timeout: timeoutMs, encoding: "utf8" })).stdout.trim();

  const stop = async () => {
    process.off("exit", killOnExit);
    if (beamPid && isAlive(beamPid)) {
      await ctl(["stop"], 20_000).catch(() => {});
      for (let i = 0; i < 100 && isAlive(beamPid); i++) await sleep(100);
      if (isAlive(beamPid)) process.kill(beamPid, "SIGKILL");
    }
    await postgres?.stop().catch(() => {});
    rmSync(base, { recursive: true, force: true });
  };

  try {
    // 1. PostgreSQL, with ejabberd's schema from the Debian package.
    postgres = await startEmbeddedPostgres({
      dataDir: path.join(base, "pgdata"),
      port: await freePort(),
      database: "ejabberd",
      log: (line) => log(`postgres: ${line}`),
    });
    const url = new URL(postgres.url);
    const db = new pg.Client({ connectionString: postgres.url });
    await db.connect();
    try {
      await db.query(readFileSync(path.join(SQL_DIR, "pg.new.sql"), "utf8"));
    } finally {
      await db.end();
    }
    const sql = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) => {
      const c = new pg.Client({ connectionString: postgres!.url });
      await c.connect();
      try {
        return (await c.query<T>(text, values)).rows;
      } finally {
        await c.end();
      }
    };

    const pgPid = Number(
      readFileSync(path.join(base, "pgdata", "pg", "postmaster.pid"), "utf8").split("\n")[0],
    );

    // 2. ejabberd's own configuration and start.
    const settings: EjabberdSettings = {
      domain: DOMAIN,
      c2sPort: await freePort(),
      distPort: await freePort(),
      nodeName: `stu-bench-${randomBytes(4).toString("hex")}@localhost`,
      cookie: randomBytes(16).toString("hex"),
      pidFile: path.join(dirs.run, "ejabberd.pid"),
      erlWrapper: path.join(dirs.etc, "erl"),
      logDir: dirs.log,
      spoolDir: dirs.spool,
      sql: {
        port: Number(url.port),
        database: "ejabberd",
        username: decodeURIComponent(url.username),
        password: decodeURIComponent(url.password),
      },
      sqlPoolSize: options.sqlPoolSize ?? 10,
      certFile: options.tls ? await selfSignedPem(dirs.etc) : undefined,
    };
    const yml = path.join(dirs.etc, "ejabberd.yml");
    const ctlCfg = path.join(dirs.etc, "ejabberdctl.cfg");
    writeFileSync(yml, ejabberdYml(settings), { mode: 0o640 });
    writeFileSync(ctlCfg, ejabberdctlCfg(settings), { mode: 0o640 });
    writeFileSync(settings.erlWrapper, erlWrapper(), { mode: 0o755 });
    // ejabberdctl points Erlang at $CONFIG_DIR/inetrc; an empty one keeps the defaults quietly.
    writeFileSync(path.join(dirs.etc, "inetrc"), "");
    if (ids)
      for (const f of [yml, ctlCfg, settings.certFile].filter((f): f is string => !!f))
        chownSync(f, ids.uid, ids.gid);
    ctlArgs = ["--config-dir", dirs.etc, "--ctl-config", ctlCfg, "--config", yml];
    ctlArgs.push("--spool", dirs.spool, "--logs", dirs.log, "--node", settings.nodeName);

    const startedAt = performance.now();
    await ctl(["start"]);
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && !(existsSync(settings.pidFile) && (await portOpen(settings.c2sPort))))
      await sleep(200);
    if (existsSync(settings.pidFile)) beamPid = Number(readFileSync(settings.pidFile, "utf8").trim());
    if (!beamPid || !(await portOpen(settings.c2sPort))) {
      const tail = existsSync(path.join(dirs.log, "ejabberd.log"))
        ? readFileSync(path.join(dirs.log, "ejabberd.log"), "utf8").split("\n").slice(-5).join(" | ")
        : "no log";
      throw new Error(`ejabberd did not start within 60 s: ${tail}`);
    }
    const status = await ctl(["status"]);
    const version = /ejabberd (\S+) is running/.exec(status)?.[1] ?? "?";
    log(
      `ejabberd ${version} (pid ${beamPid}) on 127.0.0.1:${settings.c2sPort} in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`,
    );

    /** Accounts through one `ejabberdctl import_piefxis` of a XEP-0227 file. */
    let imports = 0;
    const importAccounts = async (names: string[]) => {
      const file = path.join(dirs.spool, `accounts-${++imports}.xml`);
      const entries = names.map((name) => `    <user name="${name}" password="${XMPP_PASSWORD}"/>`);
      writeFileSync(
        file,
        `<?xml version="1.0" encoding="UTF-8"?>\n<server-data xmlns="urn:xmpp:pie:0">\n  <host jid="${DOMAIN}">\n${entries.join("\n")}\n  </host>\n</server-data>\n`,
      );
      if (ids) chownSync(file, ids.uid, ids.gid);
      await ctl(["import_piefxis", file], 300_000);
    };

    // 3. Accounts with ejabberdctl: one `import_piefxis` of a XEP-0227 file (every account through
    // ejabberd_auth:try_register, in one call), or one `register` per user, each call starting an
    // Erlang VM of its own (~0.3 s of wall time per user here even 4 at a time).
    const registerWith = options.registerWith ?? "import_piefxis";
    const registerParallel =
      registerWith === "register" ? (options.registerParallel ?? os.cpus().length * 2) : 1;
    const regStarted = performance.now();
    const users = Array.from({ length: options.users }, (_, i) => i);
    if (registerWith === "register") {
      await pmap(users, registerParallel, (i) => ctl(["register", userName(i), DOMAIN, XMPP_PASSWORD]));
    } else {
      await importAccounts(users.map(userName));
    }
    const registerSeconds = (performance.now() - regStarted) / 1000;
    const registered = Number(
      (await sql<{ n: string }>("SELECT count(*)::text AS n FROM users WHERE server_host = $1", [DOMAIN]))[0]!
        .n,
    );
    if (registered !== options.users)
      throw new Error(`ejabberdctl ${registerWith}: ${registered} of ${options.users} accounts exist`);
    log(
      `${options.users} users registered with ejabberdctl ${registerWith} in ${registerSeconds.toFixed(1)} s` +
        (registerWith === "register" ? ` (${registerParallel} at once)` : ""),
    );

    // 4. One persistent, archived MUC room per group (members join when their client connects).
    const roomStarted = performance.now();
    await pmap(
      Array.from({ length: options.groups }, (_, g) => g),
      os.cpus().length * 2,
      (g) => ctl(["create_room", roomName(g), MUC_DOMAIN, DOMAIN]),
    );
    const roomSeconds = (performance.now() - roomStarted) / 1000;

    const account = (index: number, resource: string, username = userName(index)): XmppAccount => ({
      service: `xmpp://127.0.0.1:${settings.c2sPort}`,
      domain: DOMAIN,
      mucDomain: MUC_DOMAIN,
      username,
      password: XMPP_PASSWORD,
      resource,
    });
    const groupOf = (index: number) => {
      const g = Math.floor(index / options.groupSize);
      return g < options.groups ? g : undefined;
    };
    const connect = (
      index: number,
      resource: string,
      events?: LoadEvents,
      group?: number,
      username?: string,
    ) =>
      Client.connect({
        index,
        account: account(index, resource, username),
        events,
        userName,
        roomName,
        group,
      });
    let idleAccounts = 0;
    const closeAll = (clients: XmppBenchClient[]) => pmap(clients, 200, (c) => c.close());

    const system: EjabberdSystem = {
      name: "ejabberd",
      version: `ejabberd ${version} (Debian), PostgreSQL ${(await sql<{ server_version: string }>("SHOW server_version"))[0]!.server_version}`,
      pids: { server: beamPid, postgres: pgPid },
      ackMeaning:
        "XEP-0198 <a h=…/> covering the message (requested with <r/> in the same write): ejabberd has run " +
        "the message through its send hooks, so the sender's own MAM row is committed (one autocommit INSERT, " +
        "synchronous_commit on), and has handed it to the recipient's session process, which writes the " +
        "recipient's MAM row later, just before it writes the message to the recipient's socket. Killing " +
        "ejabberd right after acks lost no sender row, but 0.1–15% of the acked messages had no recipient " +
        "row (never delivered, and not in the recipient's archive). A failed archive INSERT is logged and " +
        "the message acked all the same. In MUC rooms the ack only means the room process got it (it " +
        "archives, then broadcasts, asynchronously).",
      deliveryAckMeaning:
        "XEP-0184 <received/> sent by the recipient's client for each 1:1 message (none in MUC rooms)",
      setup: {
        registerWith,
        registerSeconds: Math.round(registerSeconds * 10) / 10,
        registerParallel,
        roomSeconds: Math.round(roomSeconds * 10) / 10,
      },
      c2sPort: settings.c2sPort,
      databaseUrl: postgres.url,

      async clients(events: LoadEvents): Promise<BenchClient[]> {
        return pmap(
          Array.from({ length: options.users }, (_, i) => i),
          50,
          (i) => connect(i, "bench", events, groupOf(i)),
        );
      },

      connect: (index, resource, events) => connect(index, resource, events),

      async idle(count: number): Promise<IdleMemory> {
        const settle = async () => {
          // beam.smp has no forced GC from outside: wait until its RSS holds still.
          let last = rssKiB(beamPid);
          for (let i = 0; i < 10; i++) {
            await sleep(1000);
            const now = rssKiB(beamPid);
            if (Math.abs(now - last) < 256) return now;
            last = now;
          }
          return last;
        };
        // One account per idle session, as people have: ejabberd's cost per session grows with the
        // sessions of the same account (measured here: 26 KiB at 1 per account, 53 at 25, 120 at 125).
        if (count > idleAccounts) {
          await importAccounts(
            Array.from({ length: count - idleAccounts }, (_, k) => `idle${idleAccounts + k}`),
          );
          idleAccounts = count;
        }
        const before = await settle();
        const started = performance.now();
        let failed = 0;
        let firstError = "";
        const opened = await pmap(
          Array.from({ length: count }, (_, k) => k),
          50,
          (k) =>
            connect(k % options.users, "idle", undefined, undefined, `idle${k}`).catch((error: Error) => {
              failed += 1;
              firstError ||= error.message;
              return undefined;
            }),
        );
        const clients = opened.filter((c): c is XmppBenchClient => c !== undefined);
        if (failed > count / 100) {
          await closeAll(clients);
          throw new Error(
            `ejabberd idle sessions: ${failed} of ${count} did not come online (${firstError})`,
          );
        }
        const openSeconds = (performance.now() - started) / 1000;
        const after = await settle();
        await closeAll(clients);
        const afterClose = await settle();
        return {
          sockets: clients.length,
          idleRssKiB: before,
          // The Erlang allocators keep most freed memory mapped after the sessions end, so the
          // honest baseline is the RSS before opening them (afterClose is kept in the detail).
          perSocketKiB: Math.round(((after - before) / clients.length) * 10) / 10,
          detail: {
            method:
              "beam.smp VmRSS before / with the sessions open / after closing them, each once it held still",
            beforeKiB: before,
            withSessionsKiB: after,
            afterCloseKiB: afterClose,
            openSeconds: Math.round(openSeconds * 10) / 10,
            failedToOpen: failed,
            session:
              "one account each; c2s over TCP, SASL PLAIN, resource bound, XEP-0198 enabled, no presence (see xmpp-client.ts)",
          },
        };
      },

      async stored(prefix: string): Promise<number> {
        const rows = await sql<{ n: number }>(
          `SELECT count(DISTINCT split_part(txt, ' ', 2))::int AS n FROM archive WHERE txt LIKE $1`,
          [`bench ${prefix.replaceAll("%", "\\%").replaceAll("_", "\\_")}%`],
        );
        return rows[0]!.n;
      },

      async commits(): Promise<number> {
        const rows = await sql<{ n: string }>(
          "SELECT xact_commit::text AS n FROM pg_stat_database WHERE datname = current_database()",
        );
        return Number(rows[0]!.n);
      },

      async kill() {
        if (beamPid && isAlive(beamPid)) process.kill(beamPid, "SIGKILL");
        for (let i = 0; i < 100 && isAlive(beamPid); i++) await sleep(50);
      },

      stop,
    };
    return system;
  } catch (error) {
    await stop();
    throw error;
  }
}
