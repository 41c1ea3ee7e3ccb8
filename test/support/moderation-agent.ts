import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createInterface } from "node:readline";
import { importJWK, type JWK } from "jose";
import { createReportPacket, type ReportPacket, type ReportPacketBody } from "@/lib/moderation/packet.ts";
import { ROOT } from "./app-server.ts";

export type AgentProcess = {
  url: string;
  token: string;
  child: ChildProcess;
  logs: string[];
  stop(): Promise<void>;
};

/** Runs moderation-agent/main.ts on loopback (`port` 0: any free one) with `dataDir`, until its ready line. */
export async function spawnAgent(
  dataDir: string,
  token = randomBytes(24).toString("base64url"),
  port = 0,
): Promise<AgentProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "moderation-agent/main.ts"], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      MODERATION_AGENT_PORT: String(port),
      MODERATION_AGENT_TOKEN: token,
      MODERATION_AGENT_DATA_DIR: dataDir,
    } as unknown as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: string[] = [];
  createInterface({ input: child.stderr! }).on("line", (line) => logs.push(line));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`agent did not start:\n${logs.join("\n")}`)), 30_000);
    createInterface({ input: child.stdout! }).on("line", (line) => {
      logs.push(line);
      const ready = /^moderation-agent listening on (http:\/\/\S+)$/.exec(line);
      if (ready) {
        clearTimeout(timer);
        resolve(ready[1]!);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`agent exited with ${code}:\n${logs.join("\n")}`));
    });
  });
  return {
    url,
    token,
    child,
    logs,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** The agent's public key as the client uses it. */
export async function agentKey(url: string): Promise<{ kid: string; key: CryptoKey }> {
  const body = (await (await fetch(`${url}/public-key`)).json()) as { kid: string; jwk: JWK };
  return { kid: body.kid, key: (await importJWK(body.jwk, "ECDH-ES")) as CryptoKey };
}

/** POSTs `{packet: jwe}` to the agent with `token` (null: no Authorization header). */
export async function postSealed(url: string, path: string, jwe: string, token: string | null) {
  const res = await fetch(`${url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ packet: jwe }),
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as any };
}

let nextId = 1000;

/** A message report packet for `text` by an ordinary, quiet, month-old account. */
export function messagePacket(text: string, overrides: Partial<ReportPacketBody> = {}): ReportPacket {
  const id = nextId++;
  const now = Date.now();
  return createReportPacket({
    report: {
      id,
      reason: "other",
      comment: null,
      created_at: new Date(now).toISOString(),
      reporter_id: 1,
    },
    target: { type: "message", user_id: 2, message_id: id, chat_id: 7, chat_type: "group" },
    message: { id, sender_id: 2, text, created_at: new Date(now - 60_000).toISOString(), attachments: [] },
    context: [],
    author: {
      id: 2,
      account_created_at: new Date(now - 30 * 86_400_000).toISOString(),
      messages_last_hour: 3,
      chats_last_hour: 1,
      same_text_chats_24h: 1,
      mentions_in_message: 0,
    },
    ...overrides,
  });
}
