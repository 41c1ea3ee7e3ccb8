import path from "node:path";
import { ConfigError } from "./config-error.ts";
import { parseDurationSeconds } from "./duration.ts";

export type S3Settings = {
  bucket: string;
  region: string;
  endpoint: string | undefined;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: boolean;
};

export type MediaConfig = {
  driver: "local" | "s3" | "uploadthing";
  maxUploadBytes: number;
  allowedTypes: string[];
  /** Where the local driver keeps files. */
  uploadsDir: string;
  s3: S3Settings | undefined;
  uploadthingToken: string | undefined;
  /** Seconds an upload may stay unsent (not in a message, not an avatar) before the sweep deletes it. */
  uploadRetention: number;
};

export const DEFAULT_MAX_UPLOAD_BYTES = 25 * 1024 * 1024;
/** Seconds a presigned upload URL stays valid. */
export const UPLOAD_URL_TTL = 600;
const DEFAULT_UPLOAD_RETENTION = "24h";
// Sizes are stored as 32-bit integers; larger files would need multipart uploads anyway.
const MAX_CONFIGURABLE_BYTES = 2 ** 31 - 1;

export const DEFAULT_ALLOWED_TYPES = [
  "image/jpeg",
  "image/png",
  "image/gif",
  "image/webp",
  "image/avif",
  "image/heic",
  "image/svg+xml",
  "video/mp4",
  "video/webm",
  "video/quicktime",
  "audio/mpeg",
  "audio/ogg",
  "audio/wav",
  "audio/webm",
  "audio/mp4",
  "audio/aac",
  "application/pdf",
  "application/zip",
  "application/gzip",
  "application/x-7z-compressed",
  "application/json",
  "application/octet-stream",
  "text/plain",
  "text/csv",
  "text/markdown",
  "text/html",
  "application/rtf",
  "application/msword",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.ms-excel",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.ms-powerpoint",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  "application/vnd.oasis.opendocument.text",
  "application/vnd.oasis.opendocument.spreadsheet",
  "application/vnd.oasis.opendocument.presentation",
];

const MIME = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/;
const S3_REQUIRED = ["S3_BUCKET", "S3_REGION", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"] as const;
const DRIVERS = ["local", "s3", "uploadthing"] as const;

type Env = Record<string, string | undefined>;
const read = (env: Env, name: string) => env[name]?.trim() || undefined;

function maxUploadBytes(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_MAX_UPLOAD_BYTES;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > MAX_CONFIGURABLE_BYTES) {
    throw new ConfigError(
      `Invalid setting MAX_UPLOAD_BYTES: expected a number of bytes from 1 to ${MAX_CONFIGURABLE_BYTES}`,
    );
  }
  return n;
}

// No upload URL may outlive its upload: a PUT through it after the sweep would leave orphaned bytes.
function uploadRetention(raw: string | undefined): number {
  const seconds = parseDurationSeconds(raw ?? DEFAULT_UPLOAD_RETENTION);
  if (seconds === null || seconds < UPLOAD_URL_TTL) {
    throw new ConfigError(
      `Invalid setting UPLOAD_RETENTION: expected a duration like 24h or 7d, at least ${UPLOAD_URL_TTL / 60}m (the lifetime of an upload URL)`,
    );
  }
  return seconds;
}

function allowedTypes(raw: string | undefined): string[] {
  if (raw === undefined) return DEFAULT_ALLOWED_TYPES;
  const types = raw
    .split(",")
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean);
  const bad = types.find((t) => !MIME.test(t));
  if (bad !== undefined || !types.length) {
    throw new ConfigError(
      `Invalid setting UPLOAD_ALLOWED_TYPES: ${bad ? `"${bad}" is not a media type like image/png` : "the list is empty"}`,
    );
  }
  return [...new Set(types)];
}

/** S3 settings when any S3_* variable is set; a partial set is an error naming what is missing. */
function s3Settings(env: Env): S3Settings | undefined {
  const anySet = [...S3_REQUIRED, "S3_ENDPOINT", "S3_FORCE_PATH_STYLE"].some((n) => read(env, n));
  if (!anySet) return undefined;
  const missing = S3_REQUIRED.find((n) => !read(env, n));
  if (missing)
    throw new ConfigError(`Missing setting ${missing}: the S3 storage needs ${S3_REQUIRED.join(", ")}`);
  const endpoint = read(env, "S3_ENDPOINT");
  if (endpoint && !/^https?:\/\/[^/]/.test(endpoint)) {
    throw new ConfigError("Invalid setting S3_ENDPOINT: expected a URL starting with http:// or https://");
  }
  const style = read(env, "S3_FORCE_PATH_STYLE");
  if (style !== undefined && !/^(1|0|true|false)$/.test(style)) {
    throw new ConfigError("Invalid setting S3_FORCE_PATH_STYLE: expected true or false");
  }
  return {
    bucket: read(env, "S3_BUCKET")!,
    region: read(env, "S3_REGION")!,
    endpoint,
    accessKeyId: read(env, "S3_ACCESS_KEY_ID")!,
    secretAccessKey: read(env, "S3_SECRET_ACCESS_KEY")!,
    // Self-hosted S3-compatible stores (MinIO, Garage, s3rver) rarely have per-bucket DNS names.
    forcePathStyle: style === undefined ? endpoint !== undefined : style === "1" || style === "true",
  };
}

/** An UploadThing token is base64 of {apiKey, appId, regions}; a typo should fail at start-up. */
function uploadthingToken(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  try {
    const token = JSON.parse(Buffer.from(raw, "base64").toString("utf8"));
    if (typeof token.apiKey === "string" && typeof token.appId === "string" && Array.isArray(token.regions))
      return raw;
  } catch {
    // Reported below.
  }
  throw new ConfigError(
    "Invalid setting UPLOADTHING_TOKEN: expected the token from the UploadThing dashboard (base64 JSON with apiKey, appId, regions)",
  );
}

export function parseMediaConfig(env: Env, dataDir: string): MediaConfig {
  const s3 = s3Settings(env);
  const token = uploadthingToken(read(env, "UPLOADTHING_TOKEN"));
  const chosen = read(env, "STORAGE_DRIVER")?.toLowerCase();
  if (chosen !== undefined && !(DRIVERS as readonly string[]).includes(chosen)) {
    throw new ConfigError(`Invalid setting STORAGE_DRIVER: expected one of ${DRIVERS.join(", ")}`);
  }
  const driver = (chosen ?? (s3 ? "s3" : token ? "uploadthing" : "local")) as MediaConfig["driver"];
  if (driver === "s3" && !s3) {
    throw new ConfigError(`Missing setting S3_BUCKET: STORAGE_DRIVER=s3 needs ${S3_REQUIRED.join(", ")}`);
  }
  if (driver === "uploadthing" && !token) {
    throw new ConfigError("Missing setting UPLOADTHING_TOKEN: STORAGE_DRIVER=uploadthing needs it");
  }
  return {
    driver,
    maxUploadBytes: maxUploadBytes(read(env, "MAX_UPLOAD_BYTES")),
    allowedTypes: allowedTypes(read(env, "UPLOAD_ALLOWED_TYPES")),
    uploadsDir: path.join(/* turbopackIgnore: true */ dataDir, "uploads"),
    s3,
    uploadthingToken: token,
    uploadRetention: uploadRetention(read(env, "UPLOAD_RETENTION")),
  };
}
