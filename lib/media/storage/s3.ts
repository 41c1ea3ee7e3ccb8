import { randomBytes } from "node:crypto";
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import type { S3Settings } from "../../config/media-config.ts";
import { contentDisposition } from "../filename.ts";
import type { DownloadSpec, StorageDriver, UploadSpec, UploadTarget } from "./types.ts";

const PENDING = "pending/";
const STORED = "media/";

const isMissing = (error: unknown) =>
  error instanceof NoSuchKey ||
  error instanceof NotFound ||
  (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode === 404;

/**
 * Any S3-compatible store. Clients PUT straight to a presigned URL under pending/; completion copies
 * the object to media/ (where no upload URL points, so a reused URL cannot replace checked bytes)
 * and the bytes are served through presigned GET URLs.
 */
export class S3Storage implements StorageDriver {
  readonly name = "s3";
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(settings: S3Settings) {
    this.bucket = settings.bucket;
    this.client = new S3Client({
      region: settings.region,
      endpoint: settings.endpoint,
      forcePathStyle: settings.forcePathStyle,
      credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
      // Otherwise the SDK signs a checksum of the empty body into presigned PUT URLs, which stores
      // that verify checksums then refuse for the real bytes.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    });
  }

  async newKey(spec: { id: number }): Promise<string> {
    return `${PENDING}${spec.id}-${randomBytes(8).toString("hex")}`;
  }

  async uploadTarget(spec: UploadSpec): Promise<UploadTarget> {
    const command = new PutObjectCommand({
      Bucket: this.bucket,
      Key: spec.key,
      ContentType: spec.contentType,
      ContentLength: spec.size ?? undefined,
    });
    // Signing these headers makes the store refuse other types and sizes (where it checks them).
    // A presigned PUT cannot bound an undeclared size: completion checks it against MAX_UPLOAD_BYTES.
    const url = await getSignedUrl(this.client, command, {
      expiresIn: spec.expiresIn,
      signableHeaders: new Set(spec.size === null ? ["content-type"] : ["content-type", "content-length"]),
    });
    return { url, headers: { "Content-Type": spec.contentType } };
  }

  async seal(key: string): Promise<string | null> {
    if (!key.startsWith(PENDING)) return (await this.size(key)) === null ? null : key;
    const stored = STORED + key.slice(PENDING.length);
    try {
      await this.client.send(
        new CopyObjectCommand({
          Bucket: this.bucket,
          Key: stored,
          // URL-encoded per path segment: an encoded "/" names another key.
          CopySource: `${this.bucket}/${key.split("/").map(encodeURIComponent).join("/")}`,
        }),
      );
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
    await this.remove(key);
    return stored;
  }

  async size(key: string): Promise<number | null> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return head.ContentLength ?? null;
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async readStart(key: string, bytes: number): Promise<Buffer> {
    const res = await this.client.send(
      new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: `bytes=0-${bytes - 1}` }),
    );
    return Buffer.from(await res.Body!.transformToByteArray()).subarray(0, bytes);
  }

  async readAll(key: string): Promise<Buffer> {
    const res = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    return Buffer.from(await res.Body!.transformToByteArray());
  }

  async write(key: string, data: Buffer, contentType: string): Promise<string> {
    await this.client.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: data, ContentType: contentType }),
    );
    return key;
  }

  async remove(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  /** The store sets Content-Type and Content-Disposition from the signed response-* parameters. */
  async downloadUrl(spec: DownloadSpec): Promise<string> {
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: spec.key,
      ResponseContentType: spec.contentType,
      ResponseContentDisposition: contentDisposition(spec.disposition, spec.filename),
    });
    return getSignedUrl(this.client, command, { expiresIn: spec.expiresIn });
  }
}
