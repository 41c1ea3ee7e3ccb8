import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "./free-port.ts";
import { binaryAvailable, hasBinary } from "./required-binary.ts";
import { stunBinding } from "./turn-client.ts";

export type TurnServer = {
  /** `turn:127.0.0.1:<port>?transport=udp`, for TURN_URLS. */
  url: string;
  port: number;
  secret: string;
  realm: string;
  pid: number;
  /** coturn's log file, in a temp dir that stop() removes (read log() before stopping). */
  logFile: string;
  /** The log so far. */
  log(): string;
  /** Relayed allocations coturn has made so far (its "... allocation ... success" lines). */
  allocations(): number;
  /** Permissions granted so far ("CREATE_PERMISSION processed, success"): a client relaying to a peer. */
  permissions(): number;
  stop(): Promise<void>;
};

/** Whether Debian's coturn (`turnserver`) is on the PATH. */
export const hasTurnServer = (): boolean => hasBinary("turnserver");

/** Skipped without `turnserver`, unless STU_REQUIRE_TURN is set (CI): then this throws. */
export const turnServerAvailable = (): boolean =>
  binaryAvailable(
    "turnserver",
    "STU_REQUIRE_TURN",
    "turnserver is required: install coturn: apt-get install coturn",
  );

type Options = {
  /** coturn's static-auth-secret (the TURN_SECRET the app mints credentials with). */
  secret: string;
  port?: number;
  realm?: string;
  /** Static long-term users (`lt-cred-mech`, TURN_USERNAME/TURN_PASSWORD mode) instead of the secret. */
  users?: Record<string, string>;
  timeoutMs?: number;
};

/**
 * Starts Debian coturn on 127.0.0.1 (UDP and TCP on `port`, no TLS/DTLS, no CLI, relay on 127.0.0.1,
 * loopback peers allowed so two local browsers can reach each other through it) and waits until it
 * answers a STUN Binding request.
 */
export async function startTurnServer(options: Options): Promise<TurnServer> {
  if (!hasTurnServer()) throw new Error("turnserver not found: install coturn: apt-get install coturn");
  const { secret, realm = "stu.test", timeoutMs = 10_000 } = options;
  const port = options.port ?? (await freePort());
  const dir = mkdtempSync(path.join(os.tmpdir(), "stu-turn-"));
  const logFile = path.join(dir, "turn.log");
  const auth = options.users
    ? ["--lt-cred-mech", ...Object.entries(options.users).flatMap(([u, p]) => ["--user", `${u}:${p}`])]
    : ["--use-auth-secret", `--static-auth-secret=${secret}`];
  const args = [
    "-n", // no turnserver.conf: every setting is here
    "--listening-ip=127.0.0.1",
    "--relay-ip=127.0.0.1",
    `--listening-port=${port}`,
    ...auth,
    `--realm=${realm}`,
    "--fingerprint",
    "--allow-loopback-peers",
    "--no-cli",
    "--no-tls",
    "--no-dtls",
    "--no-multicast-peers",
    `--log-file=${logFile}`,
    "--simple-log",
    "--no-stdout-log",
    "--verbose",
    `--pidfile=${path.join(dir, "turnserver.pid")}`,
    // Its SQLite user database, unused with these options, would otherwise go to /var/lib/turn.
    `--db=${path.join(dir, "turndb")}`,
  ];
  const child = spawn("turnserver", args, { stdio: ["ignore", "pipe", "pipe"] });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(...chunk.toString().split("\n").filter(Boolean));
    output.splice(0, Math.max(0, output.length - 20));
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  let spawnError: Error | undefined;
  child.on("error", (error) => {
    spawnError = error;
  });
  const exited = new Promise<void>((resolve) => child.once("close", () => resolve()));
  const killOnExit = () => child.kill("SIGKILL");
  process.on("exit", killOnExit);

  const log = () => (existsSync(logFile) ? readFileSync(logFile, "utf8") : "");
  const stop = async () => {
    process.off("exit", killOnExit);
    if (child.exitCode === null && child.signalCode === null && !spawnError) {
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      child.kill("SIGTERM");
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (spawnError || child.exitCode !== null) {
      const why = spawnError?.message ?? [...output, ...log().split("\n").slice(-8)].join(" | ");
      await stop();
      throw new Error(`turnserver exited during start: ${why}`);
    }
    if (await stunBinding({ host: "127.0.0.1", port, timeoutMs: 300 }).catch(() => null)) break;
    if (Date.now() > deadline) {
      const tail = log().split("\n").slice(-8).join(" | ");
      await stop();
      throw new Error(`turnserver did not answer a STUN Binding on ${port} within ${timeoutMs} ms: ${tail}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `turn:127.0.0.1:${port}?transport=udp`,
    port,
    secret,
    realm,
    pid: child.pid!,
    logFile,
    log,
    allocations: () => (log().match(/ALLOCATE processed, success/g) ?? []).length,
    permissions: () => (log().match(/CREATE_PERMISSION processed, success/g) ?? []).length,
    stop,
  };
}
