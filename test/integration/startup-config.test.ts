import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/app-server.ts";

const GOOD = {
  NODE_ENV: "production",
  APP_URL: "https://chat.example.org",
  AUTH_SECRET: "x".repeat(40),
  SMTP_URL: "smtp://127.0.0.1:2525",
  STU_ENV_FILE: "none",
};

function start(env: Record<string, string | undefined>) {
  const clean = Object.fromEntries(
    Object.entries({ ...process.env, DATABASE_URL: undefined, ...env }).filter(([, v]) => v !== undefined),
  ) as NodeJS.ProcessEnv;
  return spawnSync(process.execPath, ["--import", "tsx", "server/index.ts"], {
    cwd: ROOT,
    env: clean,
    encoding: "utf8",
    timeout: 30_000,
  });
}

describe("a bad setting in production stops start-up with one clear line", () => {
  const cases: Array<[string, Record<string, string | undefined>, RegExp]> = [
    [
      "missing AUTH_SECRET",
      { AUTH_SECRET: undefined },
      /^stu: Missing setting AUTH_SECRET: generate one with/,
    ],
    [
      "short AUTH_SECRET",
      { AUTH_SECRET: "short" },
      /^stu: Invalid setting AUTH_SECRET: use at least 32 characters$/,
    ],
    ["missing APP_URL", { APP_URL: undefined }, /^stu: Missing setting APP_URL/],
    [
      "malformed APP_URL",
      { APP_URL: "chat.example.org" },
      /^stu: Invalid setting APP_URL: expected a URL starting with http: or https:/,
    ],
    ["missing SMTP_URL", { SMTP_URL: undefined }, /^stu: Missing setting SMTP_URL/],
    ["malformed PORT", { PORT: "eighty" }, /^stu: Invalid setting PORT: expected a port number/],
    ["malformed DATABASE_URL", { DATABASE_URL: "mysql://x" }, /^stu: Invalid setting DATABASE_URL/],
    [
      "malformed ACCESS_TOKEN_TTL",
      { ACCESS_TOKEN_TTL: "soon" },
      /^stu: Invalid setting ACCESS_TOKEN_TTL: expected seconds or a duration/,
    ],
    [
      "malformed ALLOWED_ORIGINS",
      { ALLOWED_ORIGINS: "https://ok.example, nope" },
      /^stu: Invalid setting ALLOWED_ORIGINS: "nope" is not a URL$/,
    ],
  ];
  for (const [name, env, pattern] of cases) {
    it(name, () => {
      const result = start({ ...GOOD, ...env });
      expect(result.status).toBe(1);
      const lines = result.stderr.split("\n").filter((l) => l.trim());
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(pattern);
      expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    });
  }
});
