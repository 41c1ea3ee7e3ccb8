/** Set by server/index.ts on every request from the socket address (or X-Forwarded-For with TRUST_PROXY). */
export const CLIENT_IP_HEADER = "x-stu-client-ip";

export type ClientInfo = { ip: string; userAgent: string };

export function clientInfo(req: Request): ClientInfo {
  return {
    ip: req.headers.get(CLIENT_IP_HEADER) ?? "unknown",
    userAgent: (req.headers.get("user-agent") ?? "").slice(0, 400),
  };
}
