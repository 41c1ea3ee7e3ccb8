import { readdirSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { expect } from "vitest";
import type { Account, Api } from "./api.ts";

export const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40, b: 90 } } })
    .png()
    .toBuffer();

export const jpeg = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 20, g: 140, b: 190 } } })
    .jpeg()
    .toBuffer();

export type Presigned = {
  id: number;
  url: string;
  method: "PUT";
  expires_in: number;
  headers: Record<string, string>;
  form_field?: string;
};

export async function presign(
  api: Api,
  who: Account,
  file: { filename: string; content_type: string; size?: number },
): Promise<Presigned> {
  const res = await api.post("/v1/attachments/presign", file, who.accessToken);
  if (res.status !== 201) throw new Error(`presign failed ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** PUTs bytes the way a client does: raw, or as the multipart form field the answer names. */
export function putBytes(target: Presigned, bytes: Uint8Array, headers: Record<string, string> = {}) {
  if (target.form_field) {
    const form = new FormData();
    const type = target.headers["Content-Type"] ?? "application/octet-stream";
    form.append(target.form_field, new Blob([new Uint8Array(bytes)], { type }), "upload");
    return fetch(target.url, { method: "PUT", body: form });
  }
  return fetch(target.url, {
    method: "PUT",
    body: new Uint8Array(bytes),
    headers: { ...target.headers, ...headers },
  });
}

/** presign → PUT; answers the upload id. */
export async function upload(
  api: Api,
  who: Account,
  bytes: Uint8Array,
  contentType: string,
  filename = "file",
) {
  const target = await presign(api, who, { filename, content_type: contentType, size: bytes.length });
  const res = await putBytes(target, bytes);
  if (!res.ok) throw new Error(`PUT failed ${res.status} ${await res.text()}`);
  return target.id;
}

/** Follows one of the app's media redirects (or a {url} answer) and reads the file. */
export async function fetchMedia(api: Api, who: Account, path: string, headers: Record<string, string> = {}) {
  const res = await api.request("GET", path, { token: who.accessToken });
  const location = res.status === 302 ? res.headers.get("location") : res.body?.url;
  expect(location, `${path} answered ${res.status} ${JSON.stringify(res.body)}`).toBeTruthy();
  const file = await fetch(location!, { headers });
  return { res: file, bytes: Buffer.from(await file.arrayBuffer()), location: location! };
}

export async function dialogOf(api: Api, a: Account, b: Account): Promise<number> {
  return (await api.post("/v1/dialogs", { user_id: b.userId }, a.accessToken)).body.id;
}

/** Files the local driver keeps for an upload (the original and its thumbnail) under `dataDir`/uploads. */
export function storedFilesOf(dataDir: string, id: number): string[] {
  const root = path.join(dataDir, "uploads");
  let months: string[] = [];
  try {
    months = readdirSync(root);
  } catch {
    return [];
  }
  return months.flatMap((m) => readdirSync(path.join(root, m)).filter((f) => f.startsWith(`${id}-`)));
}
