import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "@/lib/config/config-error.ts";
import { parseConfig } from "@/lib/config/env.ts";
import { reportPacketSchema } from "@/lib/moderation/packet.ts";
import { analyzePacket, BLOCK_AT, REVIEW_AT, verdictFor } from "@/moderation-agent/analysis/analyze.ts";
import { trainClassifier } from "@/moderation-agent/analysis/classifier.ts";
import { normalize } from "@/moderation-agent/analysis/normalize.ts";
import { phraseSignals } from "@/moderation-agent/analysis/phrases.ts";
import { profanitySignals } from "@/moderation-agent/analysis/profanity.ts";
import { spamSignals } from "@/moderation-agent/analysis/spam.ts";
import { readExamples, SEED_FILE } from "@/moderation-agent/analysis/training-set.ts";
import { AgentConfigError, parseAgentConfig } from "@/moderation-agent/config.ts";
import { openReplayStore } from "@/moderation-agent/replay-store.ts";
import { messagePacket } from "../support/moderation-agent.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

describe("the report packet", () => {
  it("is valid as createReportPacket makes it: a uuid and a 5-minute lifetime", () => {
    const packet = messagePacket("hello");
    expect(reportPacketSchema.safeParse(packet).success).toBe(true);
    expect(packet.packet_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(packet.expires_at) - Date.parse(packet.issued_at)).toBe(5 * 60_000);
    expect(messagePacket("hello").packet_id).not.toBe(packet.packet_id);
  });

  it("refuses a lifetime over 10 minutes, a message report without its message, more than 5 context lines", () => {
    const packet = messagePacket("hello");
    const issues = (p: unknown) => reportPacketSchema.safeParse(p).error?.issues.map((i) => i.path.join("."));
    expect(
      issues({ ...packet, expires_at: new Date(Date.parse(packet.issued_at) + 601_000).toISOString() }),
    ).toEqual(["expires_at"]);
    expect(issues({ ...packet, expires_at: packet.issued_at })).toEqual(["expires_at"]);
    expect(issues({ ...packet, message: null })).toEqual(["message"]);
    const line = { id: 1, sender_id: 2, text: "x", created_at: packet.issued_at };
    expect(issues({ ...packet, context: Array(6).fill(line) })).toEqual(["context"]);
    expect(issues({ ...packet, report: { ...packet.report, reason: "rude" } })).toEqual(["report.reason"]);
  });
});

describe("moderation configuration", () => {
  const base = {
    NODE_ENV: "test" as const,
    STU_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "stu-modcfg-")),
  };

  it("runs its own agent by default; MODERATION_AGENT_URL and _TOKEN go together", () => {
    expect(parseConfig(base).moderation).toMatchObject({ agentUrl: undefined, agentToken: undefined });
    expect(
      parseConfig({
        ...base,
        MODERATION_AGENT_URL: "http://agent.internal:3100/",
        MODERATION_AGENT_TOKEN: "t".repeat(20),
      }).moderation,
    ).toMatchObject({ agentUrl: "http://agent.internal:3100", agentToken: "t".repeat(20) });
    expect(() => parseConfig({ ...base, MODERATION_AGENT_URL: "http://agent.internal:3100" })).toThrow(
      /^Missing setting MODERATION_AGENT_TOKEN/,
    );
    expect(() => parseConfig({ ...base, MODERATION_AGENT_TOKEN: "t".repeat(20) })).toThrow(ConfigError);
    expect(() =>
      parseConfig({ ...base, MODERATION_AGENT_URL: "agent:3100", MODERATION_AGENT_TOKEN: "x" }),
    ).toThrow(/^Invalid setting MODERATION_AGENT_URL/);
  });

  it("the agent's own settings: defaults, and a refusal without a token", () => {
    expect(parseAgentConfig({ MODERATION_AGENT_TOKEN: "a-long-enough-token" })).toEqual({
      host: "127.0.0.1",
      port: 3100,
      token: "a-long-enough-token",
      dataDir: path.resolve(".data/moderation-agent"),
      exitWithStdin: false,
    });
    expect(() => parseAgentConfig({})).toThrow(AgentConfigError);
    expect(() => parseAgentConfig({ MODERATION_AGENT_TOKEN: "short" })).toThrow(/at least 16/);
    expect(() =>
      parseAgentConfig({ MODERATION_AGENT_TOKEN: "a-long-enough-token", MODERATION_AGENT_PORT: "x" }),
    ).toThrow(/MODERATION_AGENT_PORT/);
  });
});

describe("the agent's signals", () => {
  it("normalises loose chat spelling onto plain English", () => {
    expect(normalize("I'll k1ll u!!!")).toBe("i will kill you");
    expect(normalize("Ur SOOOO d3ad")).toBe("your soo dead");
    expect(normalize("call 555-1234 at 4pm")).toBe("call 555 1234 at 4pm");
    expect(normalize("let's go, won't you?")).toBe("let us go will not you");
  });

  it("weighs a slur far above mild swearing, and calls names aimed at the reader harder", () => {
    const weigh = (t: string) => profanitySignals(t, normalize(t));
    expect(weigh("what a f4gg0t")).toEqual([expect.objectContaining({ label: "hate", weight: 0.95 })]);
    expect(weigh("this fucking printer")).toEqual([
      expect.objectContaining({ label: "profanity", weight: 0.12 }),
    ]);
    expect(weigh("you bitch")[0]!.weight).toBeGreaterThan(weigh("that bitch")[0]!.weight);
    expect(weigh("assassin in Scunthorpe")).toEqual([]);
  });

  it("finds threats and self-harm, not their everyday look-alikes", () => {
    const labels = (t: string) => phraseSignals(normalize(t)).map((s) => s.label);
    expect(labels("I'm gonna k1ll u")).toEqual(["violence"]);
    expect(labels("i know where u live")).toEqual(["violence"]);
    expect(labels("I'll break your legs")).toEqual(["violence"]);
    expect(labels("kys")).toEqual(["harassment"]);
    expect(labels("I want to end my life")).toEqual(["self_harm"]);
    for (const fine of [
      "I'll beat you at chess",
      "kill the process on port 3000",
      "I will not hurt you, promise",
      "I'm dead 😂",
      "break a leg tonight!",
    ]) {
      expect(labels(fine)).toEqual([]);
    }
  });

  it("scores spam from links, repetition and the author's activity", () => {
    const author = messagePacket("x").author;
    const now = Date.now();
    const weights = (text: string, a = author) =>
      spamSignals(text, normalize(text).split(" "), a, now).map((s) => s.weight);
    expect(weights("see https://example.org")).toEqual([]);
    expect(weights("a.com b.net c.org d.io e.xyz")).toEqual([0.7]);
    expect(weights("buy buy buy buy buy buy now")).toEqual([0.4]);
    expect(weights("hi", { ...author, same_text_chats_24h: 10 })).toEqual([0.95]);
    expect(weights("hi", { ...author, mentions_in_message: 12 })).toEqual([0.85]);
    const young = { ...author, account_created_at: new Date(now - 3_600_000).toISOString() };
    expect(weights("hi", { ...young, messages_last_hour: 40 })).toEqual([0.6]);
    expect(weights("hi", { ...author, messages_last_hour: 40 })).toEqual([]);
  });
});

describe("the verdict", () => {
  const classifier = trainClassifier(readExamples(SEED_FILE));

  it("maps the score onto allow, review and block at the named thresholds", () => {
    expect([
      verdictFor(0),
      verdictFor(REVIEW_AT - 0.001),
      verdictFor(REVIEW_AT),
      verdictFor(BLOCK_AT),
    ]).toEqual(["allow", "allow", "review", "block"]);
  });

  it("lets the report's reason and earlier messages add to a score, never start one", () => {
    const clean = messagePacket("see you at the station at eight");
    const score = (p: typeof clean) => analyzePacket(p, classifier).score;
    expect(score({ ...clean, report: { ...clean.report, reason: "harassment" } })).toBe(score(clean));

    const insult = messagePacket("you are such a pathetic loser");
    const base = analyzePacket(insult, classifier);
    const agreeing = analyzePacket(
      { ...insult, report: { ...insult.report, reason: "harassment" } },
      classifier,
    );
    expect(agreeing.score).toBeGreaterThan(base.score);
    expect(agreeing.reasons).toContain("The reporter's reason (harassment) agrees with what was found.");

    const earlier = {
      id: 1,
      sender_id: insult.message!.sender_id,
      text: "nobody likes you",
      created_at: insult.issued_at,
    };
    const withContext = analyzePacket({ ...insult, context: [earlier] }, classifier);
    expect(withContext.score).toBeGreaterThan(base.score);
    const cleanWithContext = analyzePacket(
      { ...clean, context: [{ ...earlier, sender_id: clean.message!.sender_id }] },
      classifier,
    );
    expect(cleanWithContext.score).toBe(score(clean));
  });

  it("judges a report on a person by their messages in the context", () => {
    const packet = messagePacket("");
    const userReport = {
      ...packet,
      target: { ...packet.target, type: "user" as const, message_id: null },
      message: null,
      context: [
        {
          id: 1,
          sender_id: packet.target.user_id,
          text: "I know where you live",
          created_at: packet.issued_at,
        },
        { id: 2, sender_id: 99, text: "leave me alone", created_at: packet.issued_at },
      ],
    };
    expect(analyzePacket(userReport, classifier).labels[0]).toBe("violence");
  });
});

describe("the replay store", () => {
  it("refuses a packet id twice until its expiry, also when opened again", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "stu-replay-"));
    const now = Date.now();
    const store = openReplayStore(dir, now);
    expect(store.claim("a", now + 60_000, now)).toBe(true);
    expect(store.claim("a", now + 60_000, now)).toBe(false);
    expect(store.claim("b", now + 1_000, now)).toBe(true);
    const reopened = openReplayStore(dir, now + 2_000);
    expect(reopened.claim("a", now + 60_000, now + 2_000)).toBe(false);
    expect(reopened.claim("b", now + 5_000, now + 2_000)).toBe(true); // expired, so forgotten
    expect(
      readFileSync(path.join(dir, "seen-packets.jsonl"), "utf8").split("\n").filter(Boolean),
    ).toHaveLength(2);
  });
});

describe("the agent's code", () => {
  it("never imports stu's database layer (directly or through what it imports)", () => {
    const seen = new Set<string>();
    const packages = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = readFileSync(file, "utf8");
      for (const [, spec] of source.matchAll(/^\s*(?:import|export)[^"']*?from\s+["']([^"']+)["']/gm)) {
        if (spec!.startsWith(".")) visit(path.resolve(path.dirname(file), spec!));
        else
          packages.add(
            spec!
              .split("/")
              .slice(0, spec!.startsWith("@") ? 2 : 1)
              .join("/"),
          );
      }
    };
    const agentDir = path.join(ROOT, "moderation-agent");
    for (const f of readdirSync(agentDir, { recursive: true }) as string[]) {
      if (f.endsWith(".ts") && !f.endsWith(".d.ts")) visit(path.join(agentDir, f));
    }
    const stuFiles = [...seen]
      .map((f) => path.relative(ROOT, f))
      .filter((f) => !f.startsWith("moderation-agent/"));
    // The packet's schema and the list of reasons it uses: nothing else of stu's.
    expect(stuFiles.sort()).toEqual(["lib/moderation/packet.ts", "lib/moderation/reasons.ts"]);
    expect([...packages].filter((p) => /prisma|^pg$|graphile|next/.test(p))).toEqual([]);
  });
});
