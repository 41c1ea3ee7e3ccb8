import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";

type StoredFile = { bytes: Buffer; type: string; name: string; disposition: string };

export type FakeUploadThing = {
  port: number;
  token: string;
  files: Map<string, StoredFile>;
  /** The app's environment pointing UploadThing's SDK at this server. */
  env: Record<string, string>;
  close(): Promise<void>;
};

const APP_ID = "stuapp";
const API_KEY = "sk_test_stu_fake_uploadthing_key";

/** UploadThing's URL signature: HMAC-SHA256 (hex) of the URL without its signature parameter. */
function validSignature(fullUrl: string): boolean {
  const url = new URL(fullUrl);
  const given = url.searchParams.get("signature") ?? "";
  const unsigned = fullUrl.slice(0, fullUrl.lastIndexOf("&signature="));
  const expected = `hmac-sha256=${createHmac("sha256", API_KEY).update(unsigned).digest("hex")}`;
  const expires = Number(url.searchParams.get("expires"));
  return (
    given.length === expected.length &&
    timingSafeEqual(Buffer.from(given), Buffer.from(expected)) &&
    expires > Date.now()
  );
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

/**
 * A stand-in for the UploadThing cloud on 127.0.0.1, the only thing the UploadThing tests mock:
 * the ingest server (signed PUT of multipart field `file`), the file host (signed GET/HEAD with
 * Range) and the API's deleteFiles. It checks signatures and expiry the way the service does.
 */
export async function startFakeUploadThing(): Promise<FakeUploadThing> {
  const files = new Map<string, StoredFile>();
  let base = "";

  async function ingest(req: IncomingMessage, res: ServerResponse, url: URL) {
    if (!validSignature(`${base}${req.url}`)) return send(res, 403, { error: "Invalid signature" });
    const key = url.pathname.slice(1);
    const request = new Request(url, {
      method: "PUT",
      headers: req.headers as Record<string, string>,
      body: Readable.toWeb(req) as ReadableStream,
      duplex: "half",
    } as RequestInit);
    const file = (await request.formData()).get("file");
    if (!(file instanceof Blob)) return send(res, 400, { error: "Expected form field file" });
    if (file.size > Number(url.searchParams.get("x-ut-file-size")))
      return send(res, 413, { error: "Too large" });
    files.set(key, {
      bytes: Buffer.from(await file.arrayBuffer()),
      type: decodeURIComponent(url.searchParams.get("x-ut-file-type") ?? "") || file.type,
      name: decodeURIComponent(url.searchParams.get("x-ut-file-name") ?? key),
      disposition: url.searchParams.get("x-ut-content-disposition") ?? "inline",
    });
    const ufsUrl = `http://localhost:${(server.address() as AddressInfo).port}/a/${APP_ID}/${key}`;
    send(res, 200, { url: ufsUrl, appUrl: ufsUrl, ufsUrl, fileHash: "fake" });
  }

  function serveFile(req: IncomingMessage, res: ServerResponse, key: string) {
    const host = `http://localhost:${(server.address() as AddressInfo).port}`;
    if (!validSignature(`${host}${req.url}`)) return send(res, 403, { error: "Invalid signature" });
    const file = files.get(key);
    if (!file) return send(res, 404, { error: "Not found" });
    const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? "");
    const start = range ? Number(range[1]) : 0;
    const end = range?.[2] ? Math.min(Number(range[2]), file.bytes.length - 1) : file.bytes.length - 1;
    const body = file.bytes.subarray(start, end + 1);
    res.writeHead(range ? 206 : 200, {
      "content-type": file.type,
      "content-length": String(body.length),
      "content-disposition": `${file.disposition}; filename="${file.name}"`,
    });
    res.end(req.method === "HEAD" ? undefined : body);
  }

  async function api(req: IncomingMessage, res: ServerResponse) {
    if (req.headers["x-uploadthing-api-key"] !== API_KEY) return send(res, 401, { error: "Bad key" });
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const { fileKeys } = JSON.parse(Buffer.concat(chunks).toString());
    let deletedCount = 0;
    for (const key of fileKeys as string[]) if (files.delete(key)) deletedCount++;
    send(res, 200, { success: true, deletedCount });
  }

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", base);
    const fileMatch = /^\/a\/([^/]+)\/([^/]+)$/.exec(url.pathname);
    const handled =
      req.method === "PUT"
        ? ingest(req, res, url)
        : fileMatch && fileMatch[1] === APP_ID
          ? serveFile(req, res, fileMatch[2]!)
          : req.method === "POST" && url.pathname === "/v6/deleteFiles"
            ? api(req, res)
            : send(res, 404, { error: "Unknown endpoint" });
    void Promise.resolve(handled).catch((error) => send(res, 500, { error: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
  const token = Buffer.from(JSON.stringify({ apiKey: API_KEY, appId: APP_ID, regions: ["fake1"] })).toString(
    "base64",
  );
  return {
    port,
    token,
    files,
    env: {
      UPLOADTHING_TOKEN: token,
      UPLOADTHING_INGEST_URL: base,
      UPLOADTHING_API_URL: base,
      // UploadThing's SDK uses plain http only for hosts containing "local".
      UPLOADTHING_UFS_HOST: `localhost:${port}`,
      UPLOADTHING_UFS_APP_ID_LOCATION: "path",
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
