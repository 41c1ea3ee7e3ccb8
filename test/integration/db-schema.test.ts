import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmbeddedPostgres, startEmbeddedPostgres } from "@/lib/db/embedded-postgres.ts";
import { PrismaClient } from "@/lib/db/generated/client.ts";
import { applyMigrations, MIGRATIONS_DIR, readMigrations } from "@/lib/db/migrate.ts";
import { freePort } from "../support/free-port.ts";

let server: EmbeddedPostgres;
let dataDir: string;
let db: PrismaClient;

async function query<T extends pg.QueryResultRow>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "stu-schema-"));
  server = await startEmbeddedPostgres({ dataDir, port: await freePort() });
  db = new PrismaClient({ adapter: new PrismaPg({ connectionString: server.url }) });
});

afterAll(async () => {
  await db?.$disconnect();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** [table, column] of every Unsupported("…") field of schema.prisma. */
function unsupportedColumns(): Array<[string, string]> {
  const schema = readFileSync(path.join(MIGRATIONS_DIR, "..", "schema.prisma"), "utf8");
  const found: Array<[string, string]> = [];
  for (const [, body] of schema.matchAll(/^model \w+ \{\n([\s\S]*?)^\}/gm)) {
    const table = /@@map\("(\w+)"\)/.exec(body!)?.[1];
    for (const [, column] of body!.matchAll(/^\s+\w+\s+Unsupported\("[^"]+"\)\??.*@map\("(\w+)"\)/gm))
      if (table) found.push([table, column!]);
  }
  return found;
}

describe("hand-written migrations", () => {
  it("apply once, in order, recorded the way Prisma Migrate records them", async () => {
    const names = readMigrations().map((m) => m.name);
    expect(await applyMigrations({ databaseUrl: server.url })).toEqual(names);
    expect(await applyMigrations({ databaseUrl: server.url })).toEqual([]);
    const rows = await query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      applied_steps_count: number;
    }>(
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(names);
    for (const row of rows) {
      const sql = readFileSync(path.join(MIGRATIONS_DIR, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
      expect(row.finished_at).not.toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
    expect(readFileSync(path.join(MIGRATIONS_DIR, "migration_lock.toml"), "utf8")).toContain(
      'provider = "postgresql"',
    );
  });

  it("give every model of schema.prisma its table and exactly its columns", async () => {
    const { runtimeDataModel } = (db as unknown as { _runtimeDataModel: RuntimeDataModel })._runtimeDataModel
      ? { runtimeDataModel: (db as unknown as { _runtimeDataModel: RuntimeDataModel })._runtimeDataModel }
      : { runtimeDataModel: undefined };
    expect(runtimeDataModel, "Prisma client exposes its data model").toBeDefined();
    const columns = await query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
    );
    const actual = new Map<string, Set<string>>();
    for (const c of columns)
      actual.set(c.table_name, (actual.get(c.table_name) ?? new Set()).add(c.column_name));
    const expected = new Map<string, Set<string>>();
    for (const [name, model] of Object.entries(runtimeDataModel!.models)) {
      const table = model.dbName ?? name;
      expected.set(
        table,
        new Set(
          model.fields.filter((f) => f.kind === "scalar" || f.kind === "enum").map((f) => f.dbName ?? f.name),
        ),
      );
    }
    // Unsupported("…") columns (messages.search_vector) are not in the client's data model.
    for (const [table, column] of unsupportedColumns()) expected.get(table)?.add(column);
    expect(Object.fromEntries([...actual].map(([t, c]) => [t, [...c].sort()]))).toEqual(
      Object.fromEntries([...expected].map(([t, c]) => [t, [...c].sort()])),
    );
  });

  it("let every model be created and read back through the client", async () => {
    const user = await db.user.create({
      data: {
        email: "schema@example.test",
        username: "schema_user",
        passwordHash: "scrypt$x",
        role: "admin",
        emailVerifiedAt: new Date(),
      },
    });
    const device = await db.device.create({
      data: { userId: user.id, name: "d", platform: "p", userAgent: "ua", ip: "127.0.0.1" },
    });
    const parent = await db.refreshToken.create({
      data: { deviceId: device.id, tokenHash: "h1", expiresAt: new Date(Date.now() + 1000) },
    });
    const child = await db.refreshToken.create({
      data: { deviceId: device.id, tokenHash: "h2", parentId: parent.id, expiresAt: new Date() },
    });
    const code = await db.verificationCode.create({
      data: { userId: user.id, purpose: "email_verification", codeHash: "c", expiresAt: new Date() },
    });

    const read = await db.user.findUniqueOrThrow({
      where: { id: user.id },
      include: {
        devices: { include: { refreshTokens: { include: { parent: true, child: true } } } },
        verificationCodes: true,
      },
    });
    expect(read).toMatchObject({
      email: "schema@example.test",
      role: "admin",
      displayName: "",
      bannedAt: null,
    });
    expect(read.updatedAt).toBeInstanceOf(Date);
    const tokens = read.devices[0]!.refreshTokens;
    expect(tokens.find((t) => t.id === child.id)!.parent!.id).toBe(parent.id);
    expect(tokens.find((t) => t.id === parent.id)!.child!.id).toBe(child.id);
    expect(read.verificationCodes[0]).toMatchObject({ id: code.id, attempts: 0, consumedAt: null });

    // Constraints the schema declares are enforced by the database.
    await expect(
      db.user.create({ data: { email: "schema@example.test", username: "other", passwordHash: "x" } }),
    ).rejects.toMatchObject({ code: "P2002" });
    await expect(
      db.refreshToken.create({ data: { deviceId: device.id, tokenHash: "h1", expiresAt: new Date() } }),
    ).rejects.toMatchObject({ code: "P2002" });
    await db.user.delete({ where: { id: user.id } });
    expect(await db.refreshToken.count()).toBe(0);
    expect(await db.verificationCode.count()).toBe(0);
  });

  it("keep attachments with their uploader, message and chat, and drop them with the message", async () => {
    const user = await db.user.create({
      data: { email: "media@example.test", username: "media_user", passwordHash: "x" },
    });
    const chat = await db.chat.create({
      data: {
        type: "group",
        title: "g",
        avatarUrl: "/v1/media/1/thumbnail",
        members: { create: [{ userId: user.id }] },
      },
    });
    const message = await db.message.create({ data: { chatId: chat.id, senderId: user.id, text: "" } });
    const attachment = await db.attachment.create({
      data: {
        uploaderId: user.id,
        messageId: message.id,
        chatId: chat.id,
        storageKey: "2026-11/1-abc",
        filename: "a.png",
        contentType: "image/png",
        size: 10,
        status: "ready",
        width: 4,
        height: 3,
        thumbnailKey: "2026-11/1-abc.thumb.webp",
        uploadTokenUsedAt: new Date(),
      },
    });
    const read = await db.message.findUniqueOrThrow({
      where: { id: message.id },
      include: { attachments: { include: { uploader: true, chat: true } } },
    });
    expect(read.attachments[0]).toMatchObject({ id: attachment.id, purpose: "message", width: 4 });
    expect(read.attachments[0]!.chat!.avatarUrl).toBe("/v1/media/1/thumbnail");
    await db.message.delete({ where: { id: message.id } });
    expect(await db.attachment.count({ where: { id: attachment.id } })).toBe(0);

    // An upload whose size was not declared, later expired by the sweep.
    const undeclared = await db.attachment.create({
      data: { uploaderId: user.id, storageKey: "2026-11/2-def", filename: "b", contentType: "text/plain" },
    });
    expect(undeclared).toMatchObject({ size: null, status: "pending" });
    const expired = await db.attachment.update({ where: { id: undeclared.id }, data: { status: "expired" } });
    expect(expired.status).toBe("expired");
  });
});

describe("the safety tables", () => {
  it("keep reports, blocks, warnings and activity with their people, and one open report per reporter and target", async () => {
    const [reporter, target] = await Promise.all(
      ["safety_reporter", "safety_target"].map((username) =>
        db.user.create({ data: { email: `${username}@example.test`, username, passwordHash: "x" } }),
      ),
    );
    const chat = await db.chat.create({
      data: { type: "dialog", members: { create: [{ userId: reporter!.id }, { userId: target!.id }] } },
    });
    const message = await db.message.create({ data: { chatId: chat.id, senderId: target!.id, text: "hi" } });
    const report = await db.report.create({
      data: {
        reporterId: reporter!.id,
        targetType: "message",
        targetUserId: target!.id,
        messageId: message.id,
        chatId: chat.id,
        reason: "self_harm",
      },
      include: { reporter: true, targetUser: true, message: true },
    });
    expect(report).toMatchObject({ status: "queued", labels: [], verdictReasons: [], comment: null });
    expect(report.message!.moderatedAt).toBeNull();
    await expect(
      db.report.create({
        data: {
          reporterId: reporter!.id,
          targetType: "message",
          targetUserId: target!.id,
          messageId: message.id,
          reason: "spam",
        },
      }),
    ).rejects.toMatchObject({ code: "P2002" });
    await db.report.update({ where: { id: report.id }, data: { status: "dismissed" } });
    // Closed, it no longer holds the place: a new report on the same message may be filed.
    await db.report.create({
      data: {
        reporterId: reporter!.id,
        targetType: "message",
        targetUserId: target!.id,
        messageId: message.id,
        reason: "spam",
      },
    });
    await db.userBlock.create({ data: { blockerId: reporter!.id, blockedId: target!.id } });
    const warning = await db.warning.create({
      data: { userId: target!.id, reason: "be nice", createdById: reporter!.id, reportId: report.id },
    });
    await db.userActivityDay.create({ data: { day: new Date("2026-12-01"), userId: target!.id } });
    const entry = await db.auditEntry.create({
      data: { at: new Date(), actorKind: "system", action: "test", prevHash: "0".repeat(64), hash: "h" },
    });
    expect(entry).toMatchObject({ reason: "", details: {}, actorId: null });
    await expect(db.auditEntry.delete({ where: { id: entry.id } })).rejects.toThrow(/append-only/);

    await db.user.delete({ where: { id: target!.id } });
    expect(await db.report.count({ where: { targetUserId: target!.id } })).toBe(0);
    expect(await db.userBlock.count({ where: { blockedId: target!.id } })).toBe(0);
    expect(await db.warning.count({ where: { id: warning.id } })).toBe(0);
    expect(await db.userActivityDay.count({ where: { userId: target!.id } })).toBe(0);
    // The log outlives the people it names.
    expect(await db.auditEntry.count({ where: { id: entry.id } })).toBe(1);
  });

  it("keep calls with their participants and history entry; one running call per chat", async () => {
    const [caller, callee] = await Promise.all(
      ["call_a", "call_b"].map((username) =>
        db.user.create({ data: { email: `${username}@example.test`, username, passwordHash: "x" } }),
      ),
    );
    const chat = await db.chat.create({
      data: { type: "dialog", members: { create: [{ userId: caller!.id }, { userId: callee!.id }] } },
    });
    const call = await db.call.create({
      data: {
        callId: "schema-call",
        chatId: chat.id,
        callerId: caller!.id,
        callerDeviceId: 1,
        kind: "video",
        participants: {
          create: [
            { userId: caller!.id, state: "joined", connectionId: "i:1", deviceId: 1, joinedAt: new Date() },
            { userId: callee!.id, state: "ringing" },
          ],
        },
      },
      include: { participants: true },
    });
    expect(call).toMatchObject({ state: "ringing", isGroup: false, endReason: null, answeredAt: null });
    await expect(
      db.call.create({
        data: {
          callId: "schema-call-2",
          chatId: chat.id,
          callerId: callee!.id,
          callerDeviceId: 2,
          kind: "voice",
        },
      }),
    ).rejects.toThrow();
    await db.call.update({
      where: { id: call.id },
      data: { state: "ended", endedAt: new Date(), endReason: "missed" },
    });
    const message = await db.message.create({
      data: { chatId: chat.id, senderId: caller!.id, text: "Missed video call", callId: call.id },
    });
    await db.call.update({ where: { id: call.id }, data: { messageId: message.id } });
    const read = await db.message.findUniqueOrThrow({
      where: { id: message.id },
      include: { call: { include: { participants: true } } },
    });
    expect(read.call).toMatchObject({ callId: "schema-call", endReason: "missed", messageId: message.id });
    expect(read.call!.participants).toHaveLength(2);
    await db.chat.delete({ where: { id: chat.id } });
    expect(await db.call.count({ where: { id: call.id } })).toBe(0);
    expect(await db.callParticipant.count({ where: { callId: call.id } })).toBe(0);
  });
});

type RuntimeDataModel = {
  models: Record<
    string,
    { dbName: string | null; fields: Array<{ name: string; kind: string; dbName?: string }> }
  >;
};

describe("the reactions table", () => {
  it("keeps one row per message, person and emoji, and drops them with the message or the person", async () => {
    const [author, fan] = await Promise.all(
      ["reaction_author", "reaction_fan"].map((username) =>
        db.user.create({ data: { email: `${username}@example.test`, username, passwordHash: "x" } }),
      ),
    );
    const chat = await db.chat.create({
      data: { type: "dialog", members: { create: [{ userId: author!.id }, { userId: fan!.id }] } },
    });
    const message = await db.message.create({ data: { chatId: chat.id, senderId: author!.id, text: "hi" } });
    for (const [i, [userId, emoji]] of (
      [
        [fan!.id, "👍"],
        [fan!.id, "❤️"],
        [author!.id, "👍"],
      ] as const
    ).entries()) {
      const createdAt = new Date(Date.UTC(2026, 0, 1, 0, 0, i));
      await db.messageReaction.create({ data: { messageId: message.id, userId, emoji, createdAt } });
    }
    await expect(
      db.messageReaction.create({ data: { messageId: message.id, userId: fan!.id, emoji: "👍" } }),
    ).rejects.toThrow();
    const read = await db.message.findUniqueOrThrow({
      where: { id: message.id },
      include: { reactions: { include: { user: true }, orderBy: { createdAt: "asc" } } },
    });
    expect(read.reactions.map((r) => [r.user.username, r.emoji])).toEqual([
      ["reaction_fan", "👍"],
      ["reaction_fan", "❤️"],
      ["reaction_author", "👍"],
    ]);
    await db.user.delete({ where: { id: fan!.id } });
    expect(await db.messageReaction.count({ where: { messageId: message.id } })).toBe(1);
    await db.message.delete({ where: { id: message.id } });
    expect(await db.messageReaction.count({ where: { messageId: message.id } })).toBe(0);
  });
});

describe("the link_previews table", () => {
  it("keeps one preview per URL, shared by messages, and unlinks them when it goes", async () => {
    const user = await db.user.create({
      data: { email: "preview_author@example.test", username: "preview_author", passwordHash: "x" },
    });
    const chat = await db.chat.create({
      data: { type: "group", members: { create: [{ userId: user.id }] } },
    });
    const now = new Date();
    const preview = await db.linkPreview.create({
      data: {
        urlKey: "https://example.org/a",
        url: "https://example.org/a",
        ok: true,
        title: "A",
        imageKey: "link-previews/x.webp",
        imageWidth: 320,
        imageHeight: 160,
        fetchedAt: now,
        expiresAt: new Date(now.getTime() + 1000),
      },
    });
    await expect(
      db.linkPreview.create({
        data: { urlKey: preview.urlKey, url: preview.url, ok: false, fetchedAt: now, expiresAt: now },
      }),
    ).rejects.toMatchObject({ code: "P2002" });
    for (const text of ["https://example.org/a", "again https://example.org/a"])
      await db.message.create({
        data: { chatId: chat.id, senderId: user.id, text, linkPreviewId: preview.id },
      });
    const read = await db.linkPreview.findUniqueOrThrow({
      where: { id: preview.id },
      include: { messages: true },
    });
    expect(read.messages).toHaveLength(2);
    expect(read).toMatchObject({ description: null, siteName: null, imageWidth: 320 });
    await db.linkPreview.delete({ where: { id: preview.id } });
    expect(await db.message.count({ where: { chatId: chat.id, linkPreviewId: null } })).toBe(2);
  });
});

describe("the pins and delete-for-me tables", () => {
  it("keep one pin per message and one hide per person and message, and drop them with the message", async () => {
    const [author, reader] = await Promise.all(
      ["pin_author", "pin_reader"].map((username) =>
        db.user.create({ data: { email: `${username}@example.test`, username, passwordHash: "x" } }),
      ),
    );
    const chat = await db.chat.create({
      data: { type: "dialog", members: { create: [{ userId: author!.id }, { userId: reader!.id }] } },
    });
    const message = await db.message.create({
      data: {
        chatId: chat.id,
        senderId: author!.id,
        text: "pin me",
        forwardedFromUserId: reader!.id,
        forwardedFromName: "Reader",
        forwardedFromMessageId: 1,
        forwardedFromChatId: chat.id,
      },
    });
    await db.messagePin.create({ data: { messageId: message.id, chatId: chat.id, pinnedById: reader!.id } });
    await expect(
      db.messagePin.create({ data: { messageId: message.id, chatId: chat.id } }),
    ).rejects.toThrow();
    await db.messageHide.create({ data: { userId: reader!.id, messageId: message.id } });
    await expect(
      db.messageHide.create({ data: { userId: reader!.id, messageId: message.id } }),
    ).rejects.toThrow();
    const read = await db.message.findUniqueOrThrow({
      where: { id: message.id },
      include: { pin: { include: { pinnedBy: true } }, hides: true },
    });
    expect(read.forwardedFromName).toBe("Reader");
    expect(read.pin?.pinnedBy?.username).toBe("pin_reader");
    expect(read.hides.map((h) => h.userId)).toEqual([reader!.id]);
    // The pinner's account going keeps the pin (without its pinner); the message going drops both.
    await db.user.delete({ where: { id: reader!.id } });
    expect(await db.messagePin.findUnique({ where: { messageId: message.id } })).toMatchObject({
      pinnedById: null,
    });
    expect(await db.messageHide.count({ where: { messageId: message.id } })).toBe(0);
    await db.message.delete({ where: { id: message.id } });
    expect(await db.messagePin.count({ where: { messageId: message.id } })).toBe(0);
  });
});
