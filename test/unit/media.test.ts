import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { isShowable, mediaTypeOfHeader, servedContentType } from "@/lib/media/content-types.ts";
import { contentDisposition, sanitiseFilename } from "@/lib/media/filename.ts";
import { checkGrant, expiryFor, type SignedGrant, signGrant } from "@/lib/media/signing.ts";
import { sniffContentType } from "@/lib/media/sniff.ts";

const SECRET = "a-test-secret-that-is-at-least-32-characters";

describe("signed media URLs", () => {
  const grant: SignedGrant = {
    method: "PUT",
    id: 7,
    variant: "upload",
    disposition: "attachment",
    expires: 2_000_000_000,
  };
  const sig = signGrant(grant, SECRET);

  it("verify only with the same secret and the same grant", () => {
    expect(checkGrant(grant, sig, SECRET)).toBe("valid");
    expect(checkGrant(grant, sig, `${SECRET}x`)).toBe("bad_signature");
    for (const change of [
      { id: 8 },
      { method: "GET" },
      { variant: "original" },
      { disposition: "inline" },
      { expires: 2_000_000_001 },
    ]) {
      expect(checkGrant({ ...grant, ...change } as SignedGrant, sig, SECRET)).toBe("bad_signature");
    }
    expect(checkGrant(grant, `${sig}x`, SECRET)).toBe("bad_signature");
    expect(checkGrant(grant, "", SECRET)).toBe("bad_signature");
  });

  it("report expiry only for a genuine signature", () => {
    const past = { ...grant, expires: 1_000 };
    expect(checkGrant(past, signGrant(past, SECRET), SECRET)).toBe("expired");
    expect(checkGrant(past, sig, SECRET)).toBe("bad_signature");
  });

  it("expire on a whole minute at least the TTL ahead, so links of one minute are identical", () => {
    const now = Date.UTC(2026, 0, 1, 12, 0, 10);
    expect(expiryFor(600, now)).toBe(Date.UTC(2026, 0, 1, 12, 11, 0) / 1000);
    expect(expiryFor(600, now + 30_000)).toBe(expiryFor(600, now));
  });
});

describe("content sniffing", () => {
  it.each([
    ["png", "image/png"],
    ["jpeg", "image/jpeg"],
    ["gif", "image/gif"],
    ["webp", "image/webp"],
    ["avif", "image/avif"],
  ] as const)("recognises a real %s", async (format, type) => {
    const image = await sharp({ create: { width: 4, height: 4, channels: 3, background: "#888" } })
      .toFormat(format)
      .toBuffer();
    expect(sniffContentType(image)).toBe(type);
  });

  it("recognises PDF, ZIP and MP4 headers and nothing in text", () => {
    expect(sniffContentType(Buffer.from("%PDF-1.7\n"))).toBe("application/pdf");
    expect(sniffContentType(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]))).toBe("application/zip");
    expect(sniffContentType(Buffer.from("\0\0\0\x18ftypisom\0\0\0\0", "latin1"))).toBe("video/mp4");
    expect(sniffContentType(Buffer.from("\0\0\0\x14ftypqt  \0\0\0\0", "latin1"))).toBe("video/quicktime");
    expect(sniffContentType(Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>"))).toBeNull();
    expect(sniffContentType(Buffer.alloc(0))).toBeNull();
  });
});

describe("filenames and served types", () => {
  it.each([
    ["../../etc/passwd", "passwd"],
    ["C:\\Users\\me\\report.pdf", "report.pdf"],
    ['a "quoted" <name>?.txt', "a quoted name.txt"],
    ["line\nbreak\u0000.txt", "linebreak.txt"],
    ["...hidden", "hidden"],
    ["", "file"],
    ["   ", "file"],
  ])("%j becomes %j", (raw, safe) => expect(sanitiseFilename(raw)).toBe(safe));

  it("keeps the extension when cutting a long name to 200 characters", () => {
    const name = sanitiseFilename(`${"я".repeat(300)}.docx`);
    expect([...name]).toHaveLength(200);
    expect(name.endsWith(".docx")).toBe(true);
  });

  it("Content-Disposition has an ASCII fallback and the exact name as filename*", () => {
    expect(contentDisposition("attachment", "naïve 100%.txt")).toBe(
      `attachment; filename="na_ve 100_.txt"; filename*=UTF-8''na%C3%AFve%20100%25.txt`,
    );
    expect(contentDisposition("inline", "it's (1).png")).toBe(
      `inline; filename="it's (1).png"; filename*=UTF-8''it%27s%20%281%29.png`,
    );
  });

  it("documents that could run script are served as opaque bytes and never inline", () => {
    for (const type of [
      "text/html",
      "image/svg+xml",
      "application/xhtml+xml",
      "text/javascript",
      "text/plain",
    ]) {
      expect(servedContentType(type)).toBe("application/octet-stream");
      expect(isShowable(type)).toBe(false);
    }
    expect(servedContentType("application/pdf")).toBe("application/pdf");
    expect(servedContentType("video/mp4")).toBe("video/mp4");
    expect(isShowable("image/png")).toBe(true);
  });
});

describe("Content-Type of an upload", () => {
  it.each([
    ["image/png", "image/png"],
    ["image/png, image/png", "image/png"],
    ["Image/PNG ,image/png", "image/png"],
    ["text/plain; charset=utf-8, text/plain; charset=UTF-8", "text/plain"],
    ['text/plain; name="a,b", text/plain', "text/plain"],
  ])("%j is %s", (header, type) => expect(mediaTypeOfHeader(header)).toBe(type));

  it.each(["image/png, image/jpeg", "image/png, nonsense", "nonsense", ","])(
    "%j is no one media type",
    (header) => expect(mediaTypeOfHeader(header)).toBeNull(),
  );
});
