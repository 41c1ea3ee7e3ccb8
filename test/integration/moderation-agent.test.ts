import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config/env.ts";
import { analyzePacket } from "@/lib/moderation/agent-client.ts";
import { type ModerationAgent, startModerationAgent } from "@/lib/moderation/agent-process.ts";
import { messagePacket } from "../support/moderation-agent.ts";

describe("the moderation agent as stu's child process", () => {
  let dataDir: string;
  let agent: ModerationAgent;
  const logs: string[] = [];
  let readyCalls = 0;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), "stu-agent-"));
    const config = parseConfig({ NODE_ENV: "test", STU_DATA_DIR: dataDir });
    agent = await startModerationAgent({ config, log: (l) => logs.push(l), onReady: () => readyCalls++ });
  });
  afterAll(async () => {
    await agent?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("answers a sealed packet with a verdict", async () => {
    expect(agent.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(readyCalls).toBe(1);
    const friendly = messagePacket("Thanks for the help yesterday, see you at lunch!");
    const verdict = await analyzePacket(friendly);
    expect(verdict).toMatchObject({ packet_id: friendly.packet_id, verdict: "allow" });
    expect(verdict.score).toBeLessThan(0.2);
    expect(verdict.model_version).toMatch(/^rules-\d+\+nb-[0-9a-f]{12}$/);

    const slur = await analyzePacket(messagePacket("shut up you f4ggot"));
    expect(slur.verdict).toBe("block");
    expect(slur.labels).toContain("hate");
    expect(slur.reasons.join(" ")).toMatch(/slur/);
  });
});
