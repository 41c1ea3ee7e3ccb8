import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { type CallsConfig, parseCallsConfig } from "./calls-config.ts";
import { ConfigError } from "./config-error.ts";
import { parseDurationSeconds } from "./duration.ts";
import { type LinkPreviewConfig, parseLinkPreviewConfig } from "./link-preview-config.ts";
import { type MediaConfig, parseMediaConfig } from "./media-config.ts";
import { type PushConfig, parsePushConfig } from "./push-config.ts";

export type Config = {
  nodeEnv: "development" | "production" | "test";
  isProduction: boolean;
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  embeddedPgPort: number;
  /** Bounds on waiting for PostgreSQL, so a hung database fails requests instead of hanging them. */
  databaseTimeouts: { connectMs: number; statementMs: number; queryMs: number };
  redisUrl: string | undefined;
  appUrl: string;
  allowedOrigins: string[];
  trustProxy: boolean;
  authSecret: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  adminEmails: string[];
  accessTokenTtl: number;
  refreshTokenTtl: number;
  /** Seconds in which a just-rotated refresh token, presented again by its device, answers the same pair. */
  refreshReuseGrace: number;
  media: MediaConfig;
  /** ICE servers, TURN credentials and call timing (lib/config/calls-config.ts). */
  calls: CallsConfig;
  /** Link previews: on/off and the fetcher's limits (lib/config/link-preview-config.ts). */
  linkPreviews: LinkPreviewConfig;
  /** Web Push: VAPID keys (lib/config/push-config.ts). */
  push: PushConfig;
  http: {
    /** A client must finish sending its request headers within this (slowloris). */
    headersTimeoutMs: number;
    /** A client must finish sending its whole request, body included, within this. */
    requestTimeoutMs: number;
  };
  /** Messages per user (REST and socket together): per second sustained, plus a burst per 10 s. */
  messageRate: { perSecond: number; burst: number };
  /**
   * The moderation agent stu calls. Without an agentUrl stu runs the agent itself as a child process
   * (lib/moderation/agent-process.ts) with a token it keeps in STU_DATA_DIR.
   */
  moderation: {
    agentUrl: string | undefined;
    agentToken: string | undefined;
    /** An `allow` verdict with a score below this closes its report by itself (dismissed). */
    allowThreshold: number;
    /** Reports a user may file per 10 minutes. */
    reportRateLimit: number;
  };
};

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v?.trim() ? v.trim() : undefined));

const duration = (fallback: string) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const seconds = parseDurationSeconds(raw?.trim() || fallback);
      if (seconds === null) {
        ctx.addIssue({ code: "custom", message: `expected seconds or a duration like 15m, 12h, 30d` });
        return z.NEVER;
      }
      return seconds;
    });

const url = (protocols: string[]) =>
  optionalString.refine((v) => v === undefined || protocols.some((p) => safeUrl(v)?.protocol === p), {
    message: `expected a URL starting with ${protocols.join(" or ")}//`,
  });

const port = (fallback: number) =>
  optionalString.transform((v, ctx) => {
    const n = v === undefined ? fallback : Number(v);
    if (!Number.isInteger(n) || n < 0 || n > 65535) {
      ctx.addIssue({ code: "custom", message: "expected a port number from 0 to 65535" });
      return z.NEVER;
    }
    return n;
  });

const count = (fallback: number, min: number) =>
  optionalString.transform((v, ctx) => {
    const n = v === undefined ? fallback : Number(v);
    if (!Number.isInteger(n) || n < min || n > 1_000_000) {
      ctx.addIssue({ code: "custom", message: `expected a whole number from ${min} to 1000000` });
      return z.NEVER;
    }
    return n;
  });

const fraction = (fallback: number) =>
  optionalString.transform((v, ctx) => {
    const n = v === undefined ? fallback : Number(v);
    if (!Number.isFinite(n) || n < 0 || n > 1) {
      ctx.addIssue({ code: "custom", message: "expected a number from 0 to 1, e.g. 0.2" });
      return z.NEVER;
    }
    return n;
  });

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).catch("development"),
  PORT: port(3000),
  STU_DATA_DIR: optionalString,
  DATABASE_URL: url(["postgres:", "postgresql:"]),
  EMBEDDED_PG_PORT: port(54329),
  DATABASE_CONNECT_TIMEOUT: duration("5s"),
  DATABASE_STATEMENT_TIMEOUT: duration("10s"),
  DATABASE_QUERY_TIMEOUT: duration("15s"),
  REDIS_URL: url(["redis:", "rediss:"]),
  APP_URL: url(["http:", "https:"]),
  ALLOWED_ORIGINS: optionalString,
  TRUST_PROXY: optionalString.refine((v) => v === undefined || /^(1|0|true|false)$/.test(v), {
    message: "expected true or false",
  }),
  AUTH_SECRET: optionalString,
  SMTP_URL: url(["smtp:", "smtps:"]),
  MAIL_FROM: optionalString,
  ADMIN_EMAILS: optionalString,
  ACCESS_TOKEN_TTL: duration("15m"),
  REFRESH_TOKEN_TTL: duration("30d"),
  REFRESH_REUSE_GRACE: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const value = raw?.trim() || "10";
      // 0 turns the grace off; otherwise a duration like the TTLs.
      const seconds = value === "0" ? 0 : parseDurationSeconds(value);
      if (seconds === null || seconds > 300) {
        ctx.addIssue({ code: "custom", message: "expected 0 to 300 seconds, e.g. 10s" });
        return z.NEVER;
      }
      return seconds;
    }),
  HTTP_HEADERS_TIMEOUT: duration("10s"),
  // Long enough for a 25 MB upload at about 2 Mbit/s; raise it for bigger files on slow links.
  HTTP_REQUEST_TIMEOUT: duration("2m"),
  MESSAGE_RATE_LIMIT: count(20, 1),
  MESSAGE_RATE_BURST: count(40, 0),
  MODERATION_AGENT_URL: url(["http:", "https:"]),
  MODERATION_AGENT_TOKEN: optionalString,
  MODERATION_ALLOW_THRESHOLD: fraction(0.2),
  REPORT_RATE_LIMIT: count(10, 1),
});

function safeUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

function list(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
}

/** In development an AUTH_SECRET is generated once and kept in the data directory. */
function devAuthSecret(dataDir: string): string {
  const file = path.join(/* turbopackIgnore: true */ dataDir, "auth-secret");
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(dataDir, { recursive: true });
    const secret = randomBytes(32).toString("base64url");
    writeFileSync(file, `${secret}\n`, { mode: 0o600 });
    return secret;
  }
}

export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`Invalid setting ${String(issue.path[0])}: ${issue.message}`);
  }
  const e = parsed.data;
  const isProduction = e.NODE_ENV === "production";
  const dataDir = path.resolve(/* turbopackIgnore: true */ e.STU_DATA_DIR ?? ".data");

  if (isProduction && !e.APP_URL) {
    throw new ConfigError(
      "Missing setting APP_URL: the public URL of this server, e.g. https://chat.example.org",
    );
  }
  const appUrl = (e.APP_URL ?? `http://localhost:${e.PORT || 3000}`).replace(/\/+$/, "");

  let authSecret = e.AUTH_SECRET;
  if (!authSecret) {
    if (isProduction) {
      throw new ConfigError("Missing setting AUTH_SECRET: generate one with `openssl rand -base64 32`");
    }
    authSecret = devAuthSecret(dataDir);
  }
  if (authSecret.length < 32) {
    throw new ConfigError("Invalid setting AUTH_SECRET: use at least 32 characters");
  }
  if (isProduction && !e.SMTP_URL) {
    throw new ConfigError(
      "Missing setting SMTP_URL: verification codes are sent by e-mail, e.g. smtp://user:pass@mail.example.org:587",
    );
  }

  if (e.HTTP_REQUEST_TIMEOUT < e.HTTP_HEADERS_TIMEOUT) {
    throw new ConfigError(
      "Invalid setting HTTP_REQUEST_TIMEOUT: it must not be shorter than HTTP_HEADERS_TIMEOUT",
    );
  }

  if (e.MODERATION_AGENT_URL && !e.MODERATION_AGENT_TOKEN) {
    throw new ConfigError(
      "Missing setting MODERATION_AGENT_TOKEN: the bearer token of the agent at MODERATION_AGENT_URL",
    );
  }
  if (e.MODERATION_AGENT_TOKEN && !e.MODERATION_AGENT_URL) {
    throw new ConfigError(
      "Invalid setting MODERATION_AGENT_TOKEN: it goes with MODERATION_AGENT_URL (without a URL stu runs its own agent with a generated token)",
    );
  }

  const mailFrom = e.MAIL_FROM ?? `stu <no-reply@${new URL(appUrl).hostname}>`;
  const allowedOrigins = list(e.ALLOWED_ORIGINS);
  for (const origin of allowedOrigins) {
    if (!safeUrl(origin)) throw new ConfigError(`Invalid setting ALLOWED_ORIGINS: "${origin}" is not a URL`);
  }

  return {
    nodeEnv: e.NODE_ENV,
    isProduction,
    port: e.PORT,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    embeddedPgPort: e.EMBEDDED_PG_PORT,
    databaseTimeouts: {
      connectMs: e.DATABASE_CONNECT_TIMEOUT * 1000,
      statementMs: e.DATABASE_STATEMENT_TIMEOUT * 1000,
      queryMs: e.DATABASE_QUERY_TIMEOUT * 1000,
    },
    redisUrl: e.REDIS_URL,
    appUrl,
    allowedOrigins: [...new Set([new URL(appUrl).origin, ...allowedOrigins.map((o) => new URL(o).origin)])],
    trustProxy: e.TRUST_PROXY === "1" || e.TRUST_PROXY === "true",
    authSecret,
    smtpUrl: e.SMTP_URL,
    mailFrom,
    adminEmails: list(e.ADMIN_EMAILS).map((m) => m.toLowerCase()),
    accessTokenTtl: e.ACCESS_TOKEN_TTL,
    refreshTokenTtl: e.REFRESH_TOKEN_TTL,
    refreshReuseGrace: e.REFRESH_REUSE_GRACE,
    media: parseMediaConfig(env, dataDir),
    calls: parseCallsConfig(env),
    linkPreviews: parseLinkPreviewConfig(env),
    push: parsePushConfig(env, dataDir, { appUrl, mailFrom }),
    http: {
      headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT * 1000,
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT * 1000,
    },
    messageRate: { perSecond: e.MESSAGE_RATE_LIMIT, burst: e.MESSAGE_RATE_BURST },
    moderation: {
      agentUrl: e.MODERATION_AGENT_URL?.replace(/\/+$/, ""),
      agentToken: e.MODERATION_AGENT_TOKEN,
      allowThreshold: e.MODERATION_ALLOW_THRESHOLD,
      reportRateLimit: e.REPORT_RATE_LIMIT,
    },
  };
}

const CACHE = Symbol.for("stu.config");
type WithCache = typeof globalThis & { [CACHE]?: Config };

/**
 * The process-wide configuration. Cached on globalThis because Next's bundle and server/ load
 * separate copies of this module into one process.
 */
export function getConfig(): Config {
  const g = globalThis as WithCache;
  g[CACHE] ??= parseConfig(process.env);
  return g[CACHE];
}

/** Replaces the cached configuration (start-up fills in DATABASE_URL after starting PostgreSQL). */
export function setConfig(config: Config): void {
  (globalThis as WithCache)[CACHE] = config;
}
