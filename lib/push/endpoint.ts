import { AppError } from "../http/app-error.ts";

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

const invalid = (message: string) =>
  new AppError("validation_failed", 422, `endpoint: ${message}`, {
    details: [{ field: "endpoint", message }],
  });

/**
 * A push service's URL: https: only (push services are). `allowHttp` (PUSH_ALLOW_HTTP_ENDPOINTS,
 * tests only) admits http: on a loopback host, for a local stand-in.
 */
export function checkEndpoint(endpoint: string, allowHttp: boolean): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw invalid("expected a URL");
  }
  if (url.username || url.password) throw invalid("must not carry credentials");
  if (url.protocol === "https:") return url.href;
  if (url.protocol === "http:" && allowHttp && LOOPBACK.has(url.hostname)) return url.href;
  throw invalid("expected an https: URL");
}
