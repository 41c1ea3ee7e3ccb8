import { spawn } from "node:child_process";
import { connect } from "node:net";
import { freePort } from "./free-port.ts";
import { binaryAvailable, hasBinary } from "./required-binary.ts";

export type RedisServer = { url: string; port: number; stop(): Promise<void> };

/** Whether a `redis-server` binary is on the PATH (Debian package redis-server). */
export const hasRedis = (): boolean => hasBinary("redis-server");

/** Skipped without redis-server, unless STU_REQUIRE_REDIS is set (CI): then this throws. */
export const redisAvailable = (): boolean =>
  binaryAvailable(
    "redis-server",
    "STU_REQUIRE_REDIS",
    "redis-server is required (apt-get install redis-server)",
  );

/** Sends PING over a raw connection; true when the server answers +PONG. */
function ping(port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    let answer = "";
    const done = (ok: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.on("connect", () => socket.write("PING\r\n"));
    socket.on("data", (chunk) => {
      answer += chunk.toString();
      if (answer.includes("\r\n")) done(answer.startsWith("+PONG"));
    });
    socket.on("error", () => done(false));
  });
}

/**
 * Starts a real redis-server on a free port of 127.0.0.1 (no persistence, so a restart on the same
 * `port` comes back empty) and waits until it answers PING.
 */
export async function startRedisServer(
  options: { port?: number; timeoutMs?: number } = {},
): Promise<RedisServer> {
  const { timeoutMs = 10_000 } = options;
  const port = options.port ?? (await freePort());
  const child = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
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
  // If this process dies without a clean stop, do not leave redis-server behind.
  const killOnExit = () => child.kill("SIGKILL");
  process.on("exit", killOnExit);

  const stop = async () => {
    process.off("exit", killOnExit);
    if (child.exitCode !== null || child.signalCode !== null || spawnError) return;
    const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
    child.kill("SIGTERM");
    await exited;
    clearTimeout(timer);
  };

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (spawnError || child.exitCode !== null) {
      process.off("exit", killOnExit);
      throw new Error(
        `redis-server exited during start: ${spawnError?.message ?? output.slice(-5).join(" | ")}`,
      );
    }
    if (await ping(port)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `redis-server did not answer PING within ${timeoutMs} ms: ${output.slice(-5).join(" | ")}`,
      );
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { url: `redis://127.0.0.1:${port}`, port, stop };
}
