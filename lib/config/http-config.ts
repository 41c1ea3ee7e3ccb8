import { ConfigError } from "./config-error.ts";
import { parseDurationSeconds } from "./duration.ts";

export type HttpConfig = {
  /** A client must finish sending its request headers within this (slowloris). */
  headersTimeoutMs: number;
  /** A client must finish sending its whole request, body included, within this. */
  requestTimeoutMs: number;
};

function seconds(env: NodeJS.ProcessEnv, name: string, fallback: string): number {
  const raw = env[name]?.trim() || fallback;
  const value = parseDurationSeconds(raw);
  if (value === null)
    throw new ConfigError(`Invalid setting ${name}: expected seconds or a duration like 10s, 2m`);
  return value;
}

export function parseHttpConfig(env: NodeJS.ProcessEnv): HttpConfig {
  const headersTimeoutMs = seconds(env, "HTTP_HEADERS_TIMEOUT", "10s") * 1000;
  // Long enough for a 25 MB upload at about 2 Mbit/s; raise it for bigger files on slow links.
  const requestTimeoutMs = seconds(env, "HTTP_REQUEST_TIMEOUT", "2m") * 1000;
  if (requestTimeoutMs < headersTimeoutMs) {
    throw new ConfigError(
      "Invalid setting HTTP_REQUEST_TIMEOUT: it must not be shorter than HTTP_HEADERS_TIMEOUT",
    );
  }
  return { headersTimeoutMs, requestTimeoutMs };
}
