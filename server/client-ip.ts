import type { IncomingMessage } from "node:http";
import { CLIENT_IP_HEADER } from "../lib/http/client-info.ts";

/**
 * Route handlers cannot see the socket, so the server tells them the client's address in a header
 * it always overwrites. Behind a reverse proxy (TRUST_PROXY) the nearest X-Forwarded-For hop counts.
 */
export function stampClientIp(req: IncomingMessage, trustProxy: boolean): void {
  const forwarded = req.headers["x-forwarded-for"];
  const hops = (Array.isArray(forwarded) ? forwarded.join(",") : (forwarded ?? ""))
    .split(",")
    .map((h) => h.trim())
    .filter(Boolean);
  const ip = (trustProxy && hops.at(-1)) || req.socket.remoteAddress || "unknown";
  req.headers[CLIENT_IP_HEADER] = ip.replace(/^::ffff:/, "");
}
