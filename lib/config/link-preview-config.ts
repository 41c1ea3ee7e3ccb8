import { isIP } from "node:net";
import { ConfigError } from "./config-error.ts";

export type LinkPreviewConfig = {
  /** LINK_PREVIEWS=off turns previews off server-wide: nothing is queued or fetched. */
  enabled: boolean;
  /**
   * FOR TESTS ONLY (LINK_PREVIEW_ALLOW_HOSTS): exact `ip:port` pairs a URL may name although the
   * address is loopback/private or the port is not 80/443 — the test suite's own HTTP server. It
   * matches the URL's literal host and port only: a hostname resolving there, another port of the
   * same address, or a redirect elsewhere is still refused.
   */
  allowHosts: Set<string>;
  /** The whole fetch (page, redirects, image) must finish within this. */
  timeoutMs: number;
  maxHtmlBytes: number;
  maxImageBytes: number;
  /** How long a fetched preview is reused for the same URL; a failure is retried sooner. */
  cacheSeconds: number;
  failureCacheSeconds: number;
};

/** `ip:port` as the allow list keeps it: IPv6 in brackets, as in a URL's host. */
export const hostPort = (host: string, port: number) => `${host}:${port}`;

function parseAllowHosts(raw: string | undefined): Set<string> {
  const allowed = new Set<string>();
  for (const item of (raw ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const match = /^(\[[0-9a-fA-F:.]+\]|[0-9.]+):(\d{1,5})$/.exec(item);
    const ip = match?.[1]?.replace(/^\[|\]$/g, "");
    if (!match || !ip || !isIP(ip) || Number(match[2]) > 65535) {
      throw new ConfigError(
        `Invalid setting LINK_PREVIEW_ALLOW_HOSTS: "${item}" is not an ip:port (a test-only setting)`,
      );
    }
    allowed.add(hostPort(match[1]!.toLowerCase(), Number(match[2])));
  }
  return allowed;
}

export function parseLinkPreviewConfig(env: Record<string, string | undefined>): LinkPreviewConfig {
  const switchValue = (env.LINK_PREVIEWS ?? "on").trim().toLowerCase();
  if (!["on", "off", "true", "false", "1", "0", ""].includes(switchValue)) {
    throw new ConfigError("Invalid setting LINK_PREVIEWS: expected on or off");
  }
  return {
    enabled: !["off", "false", "0"].includes(switchValue),
    allowHosts: parseAllowHosts(env.LINK_PREVIEW_ALLOW_HOSTS),
    timeoutMs: 5000,
    maxHtmlBytes: 1024 * 1024,
    maxImageBytes: 5 * 1024 * 1024,
    cacheSeconds: 24 * 3600,
    failureCacheSeconds: 10 * 60,
  };
}
