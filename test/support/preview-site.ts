import http from "node:http";
import type { AddressInfo } from "node:net";
import sharp from "sharp";

export type PreviewSite = {
  port: number;
  origin: string;
  /** Requests per path, to tell what stu fetched (and what it did not). */
  hits: Map<string, number>;
  close(): Promise<void>;
};

const page = (head: string, body = "") =>
  `<!doctype html><html><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;

const ARTICLE = page(`<title>Plain title</title>
  <meta property="og:title" content="An &amp; article">
  <meta property="og:description" content="What the article is about, in a sentence or two that a card shows.">
  <meta property="og:site_name" content="Local News">
  <meta property="og:image" content="/image.png">`);

/**
 * A local web site for link previews, on 127.0.0.1 (stu reaches it only through the test-only
 * LINK_PREVIEW_ALLOW_HOSTS): pages with Open Graph tags (one of them slow) or only a <title>, an
 * image, redirects out of the allowed host, an endless body, a stalled response and JSON.
 */
export async function startPreviewSite(options: { port?: number } = {}): Promise<PreviewSite> {
  const image = await sharp({ create: { width: 640, height: 320, channels: 3, background: "#3366cc" } })
    .png()
    .toBuffer();
  const hits = new Map<string, number>();
  const sockets = new Set<import("node:net").Socket>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://site");
    hits.set(url.pathname, (hits.get(url.pathname) ?? 0) + 1);
    const html = (text: string) => {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(text);
    };
    // "/article/7": the first segment picks the page, the rest only makes the URL new.
    const route = `/${url.pathname.split("/")[1] ?? ""}`;
    switch (route) {
      case "/article":
        return html(ARTICLE);
      case "/slow-article":
        // Long enough for two jobs fetching the same URL to overlap.
        return void setTimeout(() => html(ARTICLE), 400);
      case "/plain":
        return html(
          page(`<title> Only a   title </title><meta name="description" content="And a meta description.">`),
        );
      case "/image.png":
        res.writeHead(200, { "content-type": "image/png", "content-length": image.length });
        return res.end(image);
      case "/redirect":
        res.writeHead(302, { location: url.searchParams.get("to") ?? "/" });
        return res.end();
      case "/huge":
        // No Content-Length: the cap must hold while reading the stream.
        res.writeHead(200, { "content-type": "text/html" });
        res.write(page("<title>huge</title>"));
        for (let i = 0; i < 2048 && !res.destroyed; i++) res.write(`<p>${"x".repeat(1024)}</p>`);
        return res.end();
      case "/stall":
        res.writeHead(200, { "content-type": "text/html" });
        return res.write("<html><head><title>never finished");
      case "/data.json":
        res.writeHead(200, { "content-type": "application/json" });
        return res.end('{"title":"not a page"}');
      default:
        res.writeHead(404, { "content-type": "text/plain" });
        return res.end("not found");
    }
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
