import { generateKey, generateSignedURL } from "@uploadthing/shared";
// UploadThing's helpers are effect programs; effect is pinned to the version uploadthing uses.
import * as Micro from "effect/Micro";
import * as Redacted from "effect/Redacted";
import { UTApi, UTFile } from "uploadthing/server";
import { isShowable } from "../content-types.ts";
import type { DownloadSpec, StorageDriver, UploadSpec, UploadTarget } from "./types.ts";

type Token = { apiKey: string; appId: string; regions: string[]; ingestHost?: string };

/**
 * UploadThing. Upload URLs are presigned here the way UploadThing's own SDK does it (a file key from
 * generateKey, an HMAC-signed ingest URL from generateSignedURL: no call to the cloud), the client
 * PUTs the file as multipart form field `file`, and everything else goes through UTApi:
 * generateSignedURL for downloads, uploadFiles for thumbnails, deleteFiles.
 * UPLOADTHING_INGEST_URL, UPLOADTHING_API_URL, UPLOADTHING_UFS_HOST and UPLOADTHING_UFS_APP_ID_LOCATION
 * are UploadThing's own overrides and are honoured by its SDK and here.
 */
export class UploadThingStorage implements StorageDriver {
  readonly name = "uploadthing";
  private readonly api: UTApi;
  private readonly parsed: Token;

  constructor(token: string) {
    this.parsed = JSON.parse(Buffer.from(token, "base64").toString("utf8"));
    this.api = new UTApi({ token, logLevel: "Error" });
  }

  private ingestUrl(): string {
    const configured = process.env.UPLOADTHING_INGEST_URL?.trim();
    const host = this.parsed.ingestHost ?? "ingest.uploadthing.com";
    return (configured || `https://${this.parsed.regions[0]}.${host}`).replace(/\/$/, "");
  }

  async newKey(spec: { filename: string; size: number | null; maxBytes: number; contentType: string }) {
    return Micro.runPromise(
      generateKey(
        { name: spec.filename, size: spec.size ?? spec.maxBytes, type: spec.contentType },
        this.parsed.appId,
      ),
    );
  }

  async uploadTarget(spec: UploadSpec): Promise<UploadTarget> {
    const url = await Micro.runPromise(
      generateSignedURL(`${this.ingestUrl()}/${spec.key}`, Redacted.make(this.parsed.apiKey), {
        ttlInSeconds: spec.expiresIn,
        data: {
          "x-ut-identifier": this.parsed.appId,
          "x-ut-file-name": spec.filename,
          // The ingest server refuses a file larger than this: an undeclared size is bounded by the limit.
          "x-ut-file-size": spec.size ?? spec.maxBytes,
          "x-ut-file-type": spec.contentType,
          // The CDN serves every request of a file the same way, so the disposition is fixed here.
          "x-ut-content-disposition": isShowable(spec.contentType) ? "inline" : "attachment",
        },
      }),
    );
    return { url, headers: {}, formField: "file" };
  }

  private async fetchFile(key: string, init: RequestInit = {}): Promise<Response | null> {
    const { ufsUrl } = await this.api.generateSignedURL(key, { expiresIn: 60 });
    const res = await fetch(ufsUrl, init);
    if (res.status === 404) return null;
    if (!res.ok) throw new Error(`UploadThing answered ${res.status} for ${key}`);
    return res;
  }

  // UploadThing has no copy; the ingest server accepts one upload per key.
  async seal(key: string): Promise<string | null> {
    return (await this.size(key)) === null ? null : key;
  }

  async size(key: string): Promise<number | null> {
    const res = await this.fetchFile(key, { method: "HEAD" });
    return res ? Number(res.headers.get("content-length")) : null;
  }

  async readStart(key: string, bytes: number): Promise<Buffer> {
    const res = await this.fetchFile(key, { headers: { Range: `bytes=0-${bytes - 1}` } });
    if (!res) throw new Error(`UploadThing file ${key} disappeared`);
    return Buffer.from(await res.arrayBuffer()).subarray(0, bytes);
  }

  async readAll(key: string): Promise<Buffer> {
    const res = await this.fetchFile(key);
    if (!res) throw new Error(`UploadThing file ${key} disappeared`);
    return Buffer.from(await res.arrayBuffer());
  }

  async write(key: string, data: Buffer, contentType: string): Promise<string> {
    const name = key.split("/").pop() ?? "thumbnail";
    const result = await this.api.uploadFiles(
      new UTFile([new Uint8Array(data)], name, { type: contentType }),
    );
    if (result.error) throw new Error(`UploadThing upload failed: ${result.error.message}`);
    return result.data.key;
  }

  async remove(key: string): Promise<void> {
    await this.api.deleteFiles(key);
  }

  async downloadUrl(spec: DownloadSpec): Promise<string> {
    return (await this.api.generateSignedURL(spec.key, { expiresIn: spec.expiresIn })).ufsUrl;
  }
}
