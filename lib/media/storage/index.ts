import { type Config, getConfig } from "../../config/env.ts";
import { LocalStorage } from "./local.ts";
import { S3Storage } from "./s3.ts";
import type { StorageDriver } from "./types.ts";
import { UploadThingStorage } from "./uploadthing.ts";

export type { StorageDriver } from "./types.ts";

function createStorage(config: Config): StorageDriver {
  const media = config.media;
  if (media.driver === "s3") return new S3Storage(media.s3!);
  if (media.driver === "uploadthing") return new UploadThingStorage(media.uploadthingToken!);
  return new LocalStorage({ dir: media.uploadsDir, appUrl: config.appUrl, authSecret: config.authSecret });
}

const CACHE = Symbol.for("stu.storage");
type WithCache = typeof globalThis & { [CACHE]?: { config: Config; storage: StorageDriver } };

/** The configured storage; shared by Next's bundle and server/ like the configuration itself. */
export function getStorage(): StorageDriver {
  const g = globalThis as WithCache;
  const config = getConfig();
  if (g[CACHE]?.config !== config) g[CACHE] = { config, storage: createStorage(config) };
  return g[CACHE].storage;
}

// By name, not instanceof: Next's bundle and server/ each have their own copy of the class.
export function getLocalStorage(): LocalStorage | null {
  const storage = getStorage();
  return storage.name === "local" ? (storage as LocalStorage) : null;
}
