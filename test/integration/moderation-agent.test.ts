import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { CompactEncrypt, generateKeyPair } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sealPacket } from "@/lib/moderation/agent-client.ts";
import {
  createFeedbackPacket,
  FEEDBACK_PACKET_CTY,
  REPORT_PACKET_CTY,
  type ReportPacket,
} from "@/lib/moderation/packet.ts";
import { ROOT } from "../support/app-server.ts";
import {
  type AgentProcess,
  agentKey,
  messagePacket,
  postSealed,
  spawnAgent,
} from "../support/moderation-agent.ts";

// The agent's own HTTP API, against the real process (moderation-agent/main.ts).
describe("the moderation agent's API", () => {
  let dataDir: string;
  let agent: AgentProcess;
  let key: { kid: string; key: CryptoKey };
  const seal = (packet: unknown, cty = REPORT_PACKET_CTY) => sealPacket(packet, key, cty);
  const analyze = async (packet: ReportPacket) =>
    postSealed(agent.url, "/analyze", await seal(packet), agent.token);

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), "stu-agent-api-"));
    agent = await spawnAgent(dataDir);
    key = await agentKey(agent.url);
  });
  afterAll(async () => {
    await agent?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("refuses to start without a token, saying which setting is missing", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "moderation-agent/main.ts"], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, MODERATION_AGENT_DATA_DIR: dataDir } as unknown as NodeJS.ProcessEnv,
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toMatch(/^moderation-agent: Missing setting MODERATION_AGENT_TOKEN/);
  });

  it("serves its health and its P-256 public key; the private key file is mode 600", async () => {
    const health = await (await fetch(`${agent.url}/health`)).json();
    expect(health).toEqual({
      ok: true,
      model_version: expect.stringMatching(/^rules-\d+\+nb-[0-9a-f]{12}$/),
    });
    const publicKey = await (await fetch(`${agent.url}/public-key`)).json();
    expect(publicKey).toMatchObject({ kid: key.kid, alg: "ECDH-ES", enc: "A256GCM" });
    expect(publicKey.jwk).toMatchObject({ kty: "EC", crv: "P-256", kid: key.kid });
    expect(publicKey.jwk.d).toBeUndefined();
    expect(statSync(path.join(dataDir, "private-key.jwk.json")).mode & 0o777).toBe(0o600);
  });

  it("judges sealed packets: a slur is blocked, a friendly line allowed, spam flagged", async () => {
    const slur = await analyze(messagePacket("nobody wants you here, n1gger"));
    expect(slur.status).toBe(200);
    expect(slur.body).toMatchObject({ verdict: "block", labels: expect.arrayContaining(["hate"]) });
    expect(slur.body.score).toBeGreaterThanOrEqual(0.85);
    expect(slur.body.reasons.join(" ")).toMatch(/slur/i);

    const friendly = await analyze(messagePacket("Happy birthday! Hope the cake was as good as last year's"));
    expect(friendly.body).toMatchObject({ verdict: "allow", labels: [] });
    expect(friendly.body.score).toBeLessThan(0.2);

    const packet = messagePacket("Amazing deal, visit cheap-watches.top for 90% off today only");
    packet.author = {
      ...packet.author,
      account_created_at: new Date(Date.now() - 3_600_000).toISOString(),
      same_text_chats_24h: 12,
      messages_last_hour: 80,
      chats_last_hour: 12,
    };
    const spam = await analyze(packet);
    expect(spam.body.verdict).not.toBe("allow");
    expect(spam.body.labels[0]).toBe("spam");
    expect(spam.body.reasons.join(" ")).toMatch(/12 chats/);

    const threat = await analyze(messagePacket("I know where you live and I'll kill you"));
    expect(threat.body).toMatchObject({ verdict: "block", labels: expect.arrayContaining(["violence"]) });
  });

  it("answers 401 without the token or with a wrong one", async () => {
    const jwe = await seal(messagePacket("hello"));
    // The last character is replaced by one it is not, so the near miss is never the token itself.
    const nearMiss = `${agent.token.slice(0, -1)}${agent.token.endsWith("x") ? "y" : "x"}`;
    for (const token of [null, "wrong", nearMiss]) {
      const res = await postSealed(agent.url, "/analyze", jwe, token);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: { code: "unauthorized", message: expect.any(String) } });
    }
    expect((await postSealed(agent.url, "/feedback", jwe, null)).status).toBe(401);
    // The refused packet was never opened, so it is still good.
    expect((await postSealed(agent.url, "/analyze", jwe, agent.token)).status).toBe(200);
  });

  it("answers 400 undecryptable_packet to a tampered ciphertext or tag", async () => {
    const jwe = await seal(messagePacket("hello there"));
    const flip = (part: 3 | 4) => {
      const parts = jwe.split(".");
      const bytes = Buffer.from(parts[part]!, "base64url");
      bytes[0]! ^= 0x01;
      parts[part] = bytes.toString("base64url");
      return parts.join(".");
    };
    for (const tampered of [flip(3), flip(4)]) {
      const res = await postSealed(agent.url, "/analyze", tampered, agent.token);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("undecryptable_packet");
    }
    expect((await postSealed(agent.url, "/analyze", "not.a.jwe", agent.token)).status).toBe(400);
  });

  it("answers 400 to a packet sealed to another key, or with another algorithm", async () => {
    const other = await generateKeyPair("ECDH-ES", { crv: "P-256" });
    const packet = messagePacket("hello");
    const toOther = await sealPacket(packet, { kid: key.kid, key: other.publicKey }, REPORT_PACKET_CTY);
    expect((await postSealed(agent.url, "/analyze", toOther, agent.token)).body.error.code).toBe(
      "undecryptable_packet",
    );
    const a128 = await new CompactEncrypt(new TextEncoder().encode(JSON.stringify(packet)))
      .setProtectedHeader({ alg: "ECDH-ES", enc: "A128GCM", kid: key.kid, cty: REPORT_PACKET_CTY })
      .encrypt(key.key);
    expect((await postSealed(agent.url, "/analyze", a128, agent.token)).status).toBe(400);
  });

  it("answers 422 invalid_packet to a plaintext that is not a report packet", async () => {
    const missing = await postSealed(
      agent.url,
      "/analyze",
      await seal({ v: 1, hello: "world" }),
      agent.token,
    );
    expect(missing.status).toBe(422);
    expect(missing.body.error).toMatchObject({ code: "invalid_packet", details: expect.any(Array) });

    const packet = messagePacket("hello");
    const tooLong = {
      ...packet,
      expires_at: new Date(Date.parse(packet.issued_at) + 11 * 60_000).toISOString(),
    };
    const res = await postSealed(agent.url, "/analyze", await seal(tooLong), agent.token);
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual([
      { path: "expires_at", message: expect.stringMatching(/10 minutes/) },
    ]);

    const wrongType = await postSealed(
      agent.url,
      "/analyze",
      await seal(packet, FEEDBACK_PACKET_CTY),
      agent.token,
    );
    expect(wrongType.status).toBe(422);
    const notJson = await fetch(`${agent.url}/analyze`, {
      method: "POST",
      headers: { authorization: `Bearer ${agent.token}` },
      body: "{nope",
    });
    expect(notJson.status).toBe(400);
  });

  it("answers 410 packet_expired to an expired packet", async () => {
    const issued = new Date(Date.now() - 8 * 60_000);
    const packet = { ...messagePacket("hello"), issued_at: issued.toISOString() };
    packet.expires_at = new Date(issued.getTime() + 5 * 60_000).toISOString();
    const res = await analyze(packet);
    expect(res.status).toBe(410);
    expect(res.body.error.code).toBe("packet_expired");
  });

  it("answers 413 to a body over 256 KiB, 404 and 405 to unknown paths and methods", async () => {
    const big = await fetch(`${agent.url}/analyze`, {
      method: "POST",
      headers: { authorization: `Bearer ${agent.token}`, "content-type": "application/json" },
      body: JSON.stringify({ packet: "x".repeat(300 * 1024) }),
    });
    expect(big.status).toBe(413);
    expect((await fetch(`${agent.url}/nope`)).status).toBe(404);
    const wrongMethod = await fetch(`${agent.url}/analyze`);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get("allow")).toBe("POST");
  });

  it("answers 409 packet_replayed to the same packet again, also after a restart", async () => {
    const jwe = await seal(messagePacket("see you tomorrow"));
    expect((await postSealed(agent.url, "/analyze", jwe, agent.token)).status).toBe(200);
    const again = await postSealed(agent.url, "/analyze", jwe, agent.token);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("packet_replayed");

    await agent.stop();
    agent = await spawnAgent(dataDir, agent.token);
    expect((await agentKey(agent.url)).kid).toBe(key.kid); // the same key pair after a restart
    expect((await postSealed(agent.url, "/analyze", jwe, agent.token)).status).toBe(409);
  });

  it("learns from feedback: a line it let through is flagged afterwards, also after a restart", async () => {
    const text = "crawl back into the swamp you came from, goblin";
    const before = await analyze(messagePacket(text));
    expect(before.body.verdict).toBe("allow");

    const feedback = createFeedbackPacket([{ text, label: "harassment" }]);
    const res = await postSealed(
      agent.url,
      "/feedback",
      await seal(feedback, FEEDBACK_PACKET_CTY),
      agent.token,
    );
    expect(res.status).toBe(202);
    expect(res.body.model_version).not.toBe(before.body.model_version);
    const replayed = await postSealed(
      agent.url,
      "/feedback",
      await seal(feedback, FEEDBACK_PACKET_CTY),
      agent.token,
    );
    expect(replayed.status).toBe(409);

    const after = await analyze(messagePacket(text));
    expect(after.body).toMatchObject({
      verdict: "review",
      labels: ["harassment"],
      model_version: res.body.model_version,
    });

    await agent.stop();
    agent = await spawnAgent(dataDir, agent.token);
    const restarted = await analyze(messagePacket(text));
    expect(restarted.body).toMatchObject({ verdict: "review", model_version: res.body.model_version });
  });
});
