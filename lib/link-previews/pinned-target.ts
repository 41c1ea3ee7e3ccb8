import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { hostPort } from "../config/link-preview-config.ts";
import { isPublicAddress } from "./address-check.ts";
import { LinkFetchError } from "./fetch-error.ts";

/** The one address a request connects to, checked before connecting (pinned: no second lookup). */
export type PinnedTarget = { address: string; family: 4 | 6; port: number };

const unbracket = (host: string) => host.replace(/^\[|\]$/g, "");

/**
 * Resolves a URL's host (every A and AAAA record) and answers the address to connect to: refused
 * when ANY of them is not public — a name with one private record could be steered to it — or the
 * port is not 80/443. The test-only allow list matches the URL's literal ip:port alone.
 */
export async function pinTarget(url: URL, allowHosts: Set<string>): Promise<PinnedTarget> {
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new LinkFetchError("bad_url", `not http(s): ${url.protocol}`);
  if (url.username || url.password) throw new LinkFetchError("bad_url", "credentials in the URL");
  const port = Number(url.port) || (url.protocol === "https:" ? 443 : 80);
  const host = unbracket(url.hostname);
  const literal = isIP(host);
  if (literal && allowHosts.has(hostPort(url.hostname, port)))
    return { address: host, family: literal as 4 | 6, port };
  if (port !== 80 && port !== 443) throw new LinkFetchError("port_not_allowed", `port ${port}`);
  let addresses: { address: string; family: number }[];
  try {
    addresses = literal
      ? [{ address: host, family: literal }]
      : await lookup(host, { all: true, verbatim: true });
  } catch (error) {
    throw new LinkFetchError("dns_failed", `${host}: ${(error as Error).message}`);
  }
  if (!addresses.length) throw new LinkFetchError("dns_failed", `${host}: no address`);
  const refused = addresses.find((a) => !isPublicAddress(a.address));
  if (refused) throw new LinkFetchError("private_address", `${host} resolves to ${refused.address}`);
  const first = addresses[0]!;
  return { address: first.address, family: first.family as 4 | 6, port };
}
