import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Config, parseConfig } from "@/lib/config/env.ts";
import {
  AgentRequestError,
  AgentUnavailableError,
  analyzePacket,
  sendFeedback,
} from "@/lib/moderation/agent-client.ts";
import { type ModerationAgent, startModerationAgent } from "@/lib/moderation/agent-process.ts";
import { ROOT } from "../support/app-server.ts";
import { freePort } from "../support/free-port.ts";
import { messagePacket, spawnAgent } from "../support/moderation-agent.ts";

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until<T>(what: string, probe: () => T | undefined | false, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const pidIn = (lines: string[], after = 0) =>
  lines
    .slice(after)
    .map((l) => /^moderation agent ready on \S+ \(pid (\d+)\)$/.exec(l)?.[1])
    .find(Boolean);

describe("stu's child moderation agent", () => {
  let dataDir: string;
  let config: Config;
  let agent: ModerationAgent;
  const logs: string[] = [];
  let readyCalls = 0;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), "stu-agent-child-"));
    config = parseConfig({
      NODE_ENV: "test",
      STU_DATA_DIR: dataDir,
      AUTH_SECRET: "a-secret-the-agent-must-not-see-0123456789",
    });
    agent = await startModerationAgent({ config, log: (l) => logs.push(l), onReady: () => readyCalls++ });
  });
  afterAll(async () => {
    await agent?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("runs on a loopback port with a token kept in STU_DATA_DIR (mode 600), without stu's secrets", () => {
    expect(agent.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(readyCalls).toBe(1);
    const tokenFile = path.join(dataDir, "moderation-agent", "token");
    expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(tokenFile, "utf8").trim()).toMatch(/^[\w-]{43}$/);
    const pid = Number(pidIn(logs));
    const environ = readFileSync(`/proc/${pid}/environ`, "utf8").split("\0");
    expect(environ.some((e) => e.startsWith("MODERATION_AGENT_TOKEN="))).toBe(true);
    expect(environ.some((e) => /^(AUTH_SECRET|DATABASE_URL)=/.test(e))).toBe(false);
  });

  it("judges packets through analyzePacket and learns through sendFeedback", async () => {
    const friendly = messagePacket("Thanks for the help yesterday, see you at lunch!");
    const verdict = await analyzePacket(friendly);
    expect(verdict).toMatchObject({ packet_id: friendly.packet_id, verdict: "allow" });
    expect(verdict.score).toBeLessThan(0.2);
    expect(verdict.model_version).toMatch(/^rules-\d+\+nb-[0-9a-f]{12}$/);

    const slur = await analyzePacket(messagePacket("shut up you f4ggot"));
    expect(slur).toMatchObject({ verdict: "block", labels: expect.arrayContaining(["hate"]) });

    const text = "go rot in the gutter, snail brain";
    expect((await analyzePacket(messagePacket(text))).verdict).toBe("allow");
    await sendFeedback([{ text, label: "harassment" }]);
    const taught = await analyzePacket(messagePacket(text));
    expect(taught.verdict).toBe("review");
    expect(taught.model_version).not.toBe(verdict.model_version);
  });

  it("refuses a packet it has seen (a plain error: retrying the same packet cannot help)", async () => {
    const packet = messagePacket("hello again");
    await analyzePacket(packet);
    const error = await analyzePacket(packet).catch((e) => e);
    expect(error).toBeInstanceOf(AgentRequestError);
    expect(error).toMatchObject({ status: 409, code: "packet_replayed" });
  });

  it("is restarted with backoff when it dies, and onReady is called again", async () => {
    const pid = Number(pidIn(logs));
    const seen = logs.length;
    process.kill(pid, "SIGKILL");
    await until("a restart", () => pidIn(logs, seen));
    expect(logs.slice(seen)).toContainEqual(
      `moderation agent (pid ${pid}) was killed by SIGKILL; restarting it in 500 ms (restart 1)`,
    );
    expect(readyCalls).toBe(2);
    expect((await analyzePacket(messagePacket("good to have you back, thanks"))).verdict).toBe("allow");
  });

  it("is unavailable (the job retries) once stopped", async () => {
    await agent.stop();
    expect(agent.url).toBeNull();
    await expect(analyzePacket(messagePacket("anyone there?"))).rejects.toBeInstanceOf(AgentUnavailableError);
  });
});

describe("the child agent and a killed stu", () => {
  it("exits when its parent is killed with SIGKILL", async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "stu-agent-parent-"));
    const parent = spawn(process.execPath, ["--import", "tsx", "test/support/agent-parent.ts"], {
      cwd: ROOT,
      env: { ...process.env, STU_DATA_DIR: dataDir },
      stdio: ["ignore", "pipe", "inherit"],
    });
    try {
      const [pid, url] = await new Promise<[number, string]>((resolve) =>
        createInterface({ input: parent.stdout! }).on("line", (line) => {
          const m = /^agent (\d+) (\S+)$/.exec(line);
          if (m) resolve([Number(m[1]), m[2]!]);
        }),
      );
      expect((await fetch(`${url}/health`)).ok).toBe(true);
      parent.kill("SIGKILL");
      await until("the child to exit", () => !alive(pid), 10_000);
    } finally {
      parent.kill("SIGKILL");
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe("an agent at MODERATION_AGENT_URL", () => {
  it("is watched, not started; onReady when it comes back; a new key is fetched after a 400", async () => {
    const [dirA, dirB, stuDir] = ["a", "b", "stu"].map((n) =>
      mkdtempSync(path.join(os.tmpdir(), `stu-ext-${n}-`)),
    );
    const port = await freePort();
    let external = await spawnAgent(dirA!, "an-external-agent-token-0123", port);
    const config = parseConfig({
      NODE_ENV: "test",
      STU_DATA_DIR: stuDir,
      MODERATION_AGENT_URL: external.url,
      MODERATION_AGENT_TOKEN: external.token,
    });
    let readyCalls = 0;
    const logs: string[] = [];
    const agent = await startModerationAgent({
      config,
      log: (l) => logs.push(l),
      onReady: () => readyCalls++,
    });
    try {
      expect(agent.url).toBe(external.url);
      expect(readyCalls).toBe(1);
      expect((await analyzePacket(messagePacket("good morning"))).verdict).toBe("allow");

      // Another data directory: a new key pair at the same address. The client's cached key is
      // refused (400 undecryptable_packet); it fetches the new one and sends the packet once more.
      await external.stop();
      await until(
        "the watcher to see it down",
        () => logs.includes(`moderation agent at ${external.url} is not reachable`),
        12_000,
      );
      external = await spawnAgent(dirB!, external.token, port);
      await until("onReady after the agent came back", () => readyCalls === 2, 12_000);
      expect((await analyzePacket(messagePacket("good evening"))).verdict).toBe("allow");
    } finally {
      await agent.stop();
      await external.stop();
      for (const d of [dirA, dirB, stuDir]) rmSync(d!, { recursive: true, force: true });
    }
  });
});
