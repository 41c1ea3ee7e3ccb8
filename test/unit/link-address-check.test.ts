import { describe, expect, it } from "vitest";
import { parseLinkPreviewConfig } from "../../lib/config/link-preview-config.ts";
import { isPublicAddress } from "../../lib/link-previews/address-check.ts";
import type { LinkFetchError } from "../../lib/link-previews/fetch-error.ts";
import { firstLink, normaliseUrl } from "../../lib/link-previews/first-link.ts";
import { pinTarget } from "../../lib/link-previews/pinned-target.ts";

describe("isPublicAddress", () => {
  it("accepts ordinary public unicast addresses", () => {
    for (const ip of ["8.8.8.8", "93.184.216.34", "1.1.1.1", "2001:4860:4860::8888", "2606:4700::1111"])
      expect([ip, isPublicAddress(ip)]).toEqual([ip, true]);
  });

  it("refuses every special range, IPv4-mapped ones too", () => {
    for (const ip of [
      "127.0.0.1",
      "127.255.255.254",
      "10.0.0.1",
      "172.16.0.1",
      "172.31.255.255",
      "192.168.0.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "224.0.0.1",
      "255.255.255.255",
      "192.0.2.1",
      "198.18.0.1",
      "::",
      "::1",
      "fc00::1",
      "fd00::1",
      "fe80::1",
      "ff02::1",
      "::ffff:127.0.0.1",
      "::ffff:10.0.0.1",
      "::ffff:169.254.169.254",
      "64:ff9b::a00:1",
      "2002:7f00:1::",
      "not an ip",
    ])
      expect([ip, isPublicAddress(ip)]).toEqual([ip, false]);
  });

  it("keeps 172.15 and 172.32 (outside 172.16/12) public", () => {
    expect(isPublicAddress("172.15.0.1")).toBe(true);
    expect(isPublicAddress("172.32.0.1")).toBe(true);
  });
});

describe("pinTarget", () => {
  const reason = (url: string, allow: string[] = []) =>
    pinTarget(new URL(url), new Set(allow)).then(
      (t) => t,
      (e: LinkFetchError) => e.reason,
    );

  it("pins a public literal address on 80/443", async () => {
    expect(await reason("https://93.184.216.34/")).toEqual({
      address: "93.184.216.34",
      family: 4,
      port: 443,
    });
    expect(await reason("http://[2606:4700::1111]/")).toEqual({
      address: "2606:4700::1111",
      family: 6,
      port: 80,
    });
  });

  it("lets the test-only allow list open exactly its ip:port", async () => {
    expect(await reason("http://127.0.0.1:8123/", ["127.0.0.1:8123"])).toMatchObject({ port: 8123 });
    expect(await reason("http://127.0.0.1:8124/", ["127.0.0.1:8123"])).toBe("port_not_allowed");
    expect(await reason("http://127.0.0.1/", ["127.0.0.1:8123"])).toBe("private_address");
    expect(await reason("http://localhost:8123/", ["127.0.0.1:8123"])).toBe("port_not_allowed");
  });

  it("refuses other schemes and credentials", async () => {
    expect(await reason("file:///etc/passwd")).toBe("bad_url");
    expect(await reason("http://user:pw@93.184.216.34/")).toBe("bad_url");
  });
});

describe("link preview settings", () => {
  it("defaults: on, 5 s, 1 MB of HTML, 5 MB of image, 24 h cache, nothing allowed", () => {
    expect(parseLinkPreviewConfig({})).toMatchObject({
      enabled: true,
      timeoutMs: 5000,
      maxHtmlBytes: 1024 * 1024,
      maxImageBytes: 5 * 1024 * 1024,
      cacheSeconds: 86400,
      allowHosts: new Set(),
    });
    expect(parseLinkPreviewConfig({ LINK_PREVIEWS: "off" }).enabled).toBe(false);
  });

  it("takes only ip:port pairs in LINK_PREVIEW_ALLOW_HOSTS", () => {
    expect(
      parseLinkPreviewConfig({ LINK_PREVIEW_ALLOW_HOSTS: "127.0.0.1:8080, [::1]:9" }).allowHosts,
    ).toEqual(new Set(["127.0.0.1:8080", "[::1]:9"]));
    for (const bad of ["localhost:8080", "127.0.0.1", "10.0.0.0/8", "*"])
      expect(() => parseLinkPreviewConfig({ LINK_PREVIEW_ALLOW_HOSTS: bad })).toThrow(
        /LINK_PREVIEW_ALLOW_HOSTS/,
      );
  });
});

describe("firstLink", () => {
  it("is the first http(s) link as the web app renders it, not in code", () => {
    expect(firstLink("see https://example.org/a and https://b.example")).toBe("https://example.org/a");
    expect(firstLink("[docs](https://docs.example/x)")).toBe("https://docs.example/x");
    expect(firstLink("`https://code.example` then http://real.example")).toBe("http://real.example/");
    expect(firstLink("```\nhttps://block.example\n```")).toBeNull();
    expect(firstLink("![img](https://img.example/a.png)")).toBeNull();
    expect(firstLink("mailto:someone@example.org")).toBeNull();
    expect(firstLink("no links here")).toBeNull();
    expect(firstLink(`https://long.example/${"a".repeat(2100)}`)).toBeNull();
  });

  it("normalises a URL for the cache: host case, default port, fragment", () => {
    expect(normaliseUrl("HTTPS://Example.ORG:443/a/../b?q=1#top")).toBe("https://example.org/b?q=1");
  });
});
