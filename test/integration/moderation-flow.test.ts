import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../support/admin.ts";
import { type Account, Api, createAccount, expectError } from "../support/api.ts";
import { type AppServer, startAppServer } from "../support/app-server.ts";
import { freePort } from "../support/free-port.ts";
import { type MailCatcher, startMailCatcher } from "../support/mail-catcher.ts";
import { type AgentProcess, spawnAgent } from "../support/moderation-agent.ts";
import { TestSocket } from "../support/socket.ts";

const ADMIN = "flow-admin@admins.test";

// stu against an agent run on its own (MODERATION_AGENT_URL), so the test can stop and restart it.
describe("report → the real agent's verdict → an admin's resolution → its effects", () => {
  let mail: MailCatcher;
  let app: AppServer;
  let agent: AgentProcess;
  const dirs: string[] = [];
  let agentDir: string;
  let agentPort: number;
  let api: Api;
  let admin: Account;

  const dir = (tag: string) => {
    const d = mkdtempSync(path.join(os.tmpdir(), `stu-flow-${tag}-`));
    dirs.push(d);
    return d;
  };

  beforeAll(async () => {
    mail = await startMailCatcher();
    agentDir = dir("agent");
    agentPort = await freePort();
    agent = await spawnAgent(agentDir, undefined, agentPort);
    app = await startAppServer({
      dataDir: dir("stu"),
      smtpPort: mail.smtpPort,
      env: { ADMIN_EMAILS: ADMIN, MODERATION_AGENT_URL: agent.url, MODERATION_AGENT_TOKEN: agent.token },
    });
    api = new Api(undefined, { baseUrl: app.url, mailUrl: `http://127.0.0.1:${mail.httpPort}` });
    admin = await createAccount(api, { email: ADMIN });
  });
  afterAll(async () => {
    await app?.stop();
    await agent?.stop();
    await mail?.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  async function group(owner: Account, members: Account[]) {
    const res = await api.post(
      "/v1/chats",
      { type: "group", title: "Flow", members: members.map((m) => m.userId) },
      owner.accessToken,
    );
    return res.body.id as number;
  }

  it("a threat is removed live within seconds; the admin bans its author, whose sockets close; unban restores", async () => {
    const [alice, mallory, carol] = [
      await createAccount(api),
      await createAccount(api),
      await createAccount(api),
    ];
    const chatId = await group(alice, [mallory, carol]);
    const context = await api.post(
      `/v1/chats/${chatId}/messages`,
      { text: "who took my seat" },
      carol.accessToken,
    );
    const threat = await api.post(
      `/v1/chats/${chatId}/messages`,
      { text: "I am going to hurt you after school" },
      mallory.accessToken,
    );
    const carolSocket = await TestSocket.connect(app.url, carol.accessToken);
    const mallorySocket = await TestSocket.connect(app.url, mallory.accessToken);

    const reportedAt = Date.now();
    const report = await api.post(
      "/v1/reports",
      { message_id: threat.body.id, reason: "violence", comment: "again" },
      alice.accessToken,
    );
    expect(report.status).toBe(201);
    const removed = await carolSocket.next("message_edit", (f) => f.message.id === threat.body.id, 10_000);
    const verdictMs = Date.now() - reportedAt;
    console.log(`report → verdict (block) → tombstone live on a member's socket: ${verdictMs} ms`);
    expect(verdictMs).toBeLessThan(5000);
    expect(removed.message).toMatchObject({ text: "", attachments: [], moderated_at: expect.any(String) });

    const queued = await api.get("/v1/admin/reports", admin.accessToken);
    const seen = queued.body.reports.find((r: any) => r.id === report.body.id);
    expect(seen).toMatchObject({
      status: "open",
      comment: "again",
      verdict: { verdict: "block", labels: expect.arrayContaining(["violence"]) },
      message: { text: "I am going to hurt you after school", moderated_at: expect.any(String) },
      context: [{ id: context.body.id, text: "who took my seat", sender: { id: carol.userId } }],
    });
    expect(seen.verdict.model_version).toEqual(expect.any(String));

    const bannedAt = Date.now();
    const resolved = await api.post(
      `/v1/admin/reports/${report.body.id}`,
      { action: "ban_user", reason: "threats of violence", delete_messages: true },
      admin.accessToken,
    );
    expect(resolved.body).toMatchObject({
      status: "resolved",
      target_user: { banned_at: expect.any(String) },
    });
    const closed = await mallorySocket.closed;
    expect([closed.code, closed.reason]).toEqual([4401, "user_banned"]);
    expect(closed.at - bannedAt).toBeLessThan(1000);
    expectError(await api.get("/v1/chats", mallory.accessToken), 403, "user_banned");
    expectError(
      await api.post("/v1/auth/login", { email: mallory.email, password: mallory.password }),
      403,
      "user_banned",
    );

    await api.post(
      "/v1/admin/actions",
      { action: "unban_user", user_id: mallory.userId, reason: "appeal" },
      admin.accessToken,
    );
    expect(
      (await api.post("/v1/auth/login", { email: mallory.email, password: mallory.password })).status,
    ).toBe(200);
    const verified = await api.get("/v1/admin/audit/verify", admin.accessToken);
    expect(verified.body).toMatchObject({ ok: true, first_bad_id: null });
    expect(verified.body.entries).toBeGreaterThanOrEqual(3);
    await carolSocket.close();
  });

  it("a report filed while the agent is stopped waits, and is analysed once the agent is back", async () => {
    const [alice, bob] = [await createAccount(api), await createAccount(api)];
    const chatId = await group(alice, [bob]);
    const message = await api.post(
      `/v1/chats/${chatId}/messages`,
      { text: "I will kill you" },
      bob.accessToken,
    );
    await agent.stop();

    const report = await api.post(
      "/v1/reports",
      { message_id: message.body.id, reason: "violence" },
      alice.accessToken,
    );
    expect(report.status).toBe(201);
    // Let graphile-worker's own retries fail three times (after 0, ~2.7 and ~10 s): its next one is
    // then ~20 s away, so an analysis within seconds of the agent's return can only be stu's re-queue.
    await eventually(
      async () =>
        app.logs.some((l) => /Failed task .*analyze_report.*attempt 3 of/.test(l)) ? true : undefined,
      // The every-minute catch-up may start the count again once while we wait.
      40_000,
    );
    expect((await api.get(`/v1/admin/reports/${report.body.id}`, admin.accessToken)).body).toMatchObject({
      status: "queued",
      verdict: null,
    });

    const restartedAt = Date.now();
    const logsBefore = app.logs.length;
    agent = await spawnAgent(agentDir, agent.token, agentPort);
    const analysed = await eventually(async () => {
      const res = await api.get(`/v1/admin/reports/${report.body.id}`, admin.accessToken);
      return res.body.status !== "queued" ? res.body : undefined;
    }, 15_000);
    console.log(`agent restarted → the waiting report analysed: ${Date.now() - restartedAt} ms`);
    expect(analysed).toMatchObject({ status: "open", verdict: { verdict: "block" } });
    // It was stu queuing it again (on noticing the agent back, or its every-minute catch-up,
    // whichever came first), not graphile-worker's own retry, which was still ~20 s away.
    expect(app.logs.slice(logsBefore)).toContainEqual(
      expect.stringMatching(/re-queued the analysis of 1 report/),
    );
  });
});
