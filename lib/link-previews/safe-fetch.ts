import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { LinkFetchError } from "./fetch-error.ts";
import { type PinnedTarget, pinTarget } from "./pinned-target.ts";

export const USER_AGENT = "stu-link-preview/1.0 (+https://github.com/stu-chat/stu; link previews)";
const MAX_REDIRECTS = 3;

export type FetchLimits = {
  allowHosts: Set<string>;
  maxBytes: number;
  /** Ends every request of this fetch: one deadline for the page, its redirects and its image. */
  signal: AbortSignal;
  /** Checked on the response's Content-Type before a byte of the body is read. */
  accepts: (contentType: string) => boolean;
  accept: string;
};

export type Fetched = { url: URL; contentType: string; body: Buffer };

type Response = { status: number; location: string | undefined; contentType: string; body?: Buffer };

/** A lookup that answers the already checked address: the socket cannot land anywhere else. */
const pinnedLookup =
  (target: PinnedTarget): LookupFunction =>
  (_host, options, callback) => {
    if (options.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };

function requestOnce(url: URL, target: PinnedTarget, limits: FetchLimits): Promise<Response> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === "https:" ? https : http;
    const req = client.request(url, {
      method: "GET",
      headers: { "user-agent": USER_AGENT, accept: limits.accept, "accept-encoding": "identity" },
      lookup: pinnedLookup(target),
      // No pooled socket: every request connects to its own checked address.
      agent: false,
      signal: limits.signal,
    });
    const fail = (error: unknown) => {
      req.destroy();
      if (error instanceof LinkFetchError) reject(error);
      else if (limits.signal.aborted) reject(new LinkFetchError("timeout", "time limit reached"));
      else reject(new LinkFetchError("network", (error as Error).message));
    };
    req.on("error", fail);
    req.on("response", (res) => {
      const status = res.statusCode ?? 0;
      const contentType = String(res.headers["content-type"] ?? "").toLowerCase();
      const location = res.headers.location;
      if (status >= 300 && status < 400) {
        res.resume();
        req.destroy();
        return resolve({ status, location, contentType });
      }
      if (status !== 200) return fail(new LinkFetchError("bad_status", `HTTP ${status}`));
      if (!limits.accepts(contentType))
        return fail(new LinkFetchError("bad_content_type", contentType || "no content type"));
      if (Number(res.headers["content-length"] ?? 0) > limits.maxBytes)
        return fail(new LinkFetchError("too_large", `Content-Length ${res.headers["content-length"]}`));
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > limits.maxBytes)
          fail(new LinkFetchError("too_large", `more than ${limits.maxBytes} bytes`));
        else chunks.push(chunk);
      });
      res.on("error", fail);
      res.on("end", () => resolve({ status, location, contentType, body: Buffer.concat(chunks) }));
    });
    req.end();
  });
}

/**
 * GET of an outside URL with the SSRF rules: each hop's host checked and pinned (pinTarget), at
 * most 3 redirects followed by hand (each checked the same way), the body read as a stream and
 * dropped once over the cap, only an accepted Content-Type read at all.
 */
export async function safeFetch(start: URL, limits: FetchLimits): Promise<Fetched> {
  let url = start;
  for (let hop = 0; ; hop++) {
    if (limits.signal.aborted) throw new LinkFetchError("timeout", "time limit reached");
    const target = await pinTarget(url, limits.allowHosts);
    const response = await requestOnce(url, target, limits);
    if (response.body) return { url, contentType: response.contentType, body: response.body };
    if (!response.location)
      throw new LinkFetchError("bad_status", `HTTP ${response.status} without Location`);
    if (hop >= MAX_REDIRECTS) throw new LinkFetchError("too_many_redirects", `more than ${MAX_REDIRECTS}`);
    try {
      url = new URL(response.location, url);
    } catch {
      throw new LinkFetchError("bad_url", "unparsable redirect");
    }
  }
}
