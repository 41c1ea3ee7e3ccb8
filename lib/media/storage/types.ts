/** What a client needs to send the bytes: PUT them to `url` (as form field `formField` when set). */
export type UploadTarget = { url: string; headers: Record<string, string>; formField?: string };

export type UploadSpec = {
  id: number;
  key: string;
  filename: string;
  contentType: string;
  /** The declared size; null when the client did not declare one (then `maxBytes` bounds it). */
  size: number | null;
  maxBytes: number;
  expiresIn: number;
};

export type DownloadSpec = {
  id: number;
  key: string;
  variant: "original" | "thumbnail";
  filename: string;
  /** The type to serve (already made safe). */
  contentType: string;
  disposition: "inline" | "attachment";
  expiresIn: number;
};

/** One interface for every place bytes can live; chosen once from the configuration. */
export interface StorageDriver {
  readonly name: "local" | "s3" | "uploadthing";
  /** A storage key for a new upload (UploadThing derives its own from the file). */
  newKey(spec: Omit<UploadSpec, "key" | "expiresIn">): Promise<string>;
  uploadTarget(spec: UploadSpec): Promise<UploadTarget>;
  /**
   * Takes a finished upload out of reach of its (possibly still valid) upload URL and answers the
   * key it is kept under from now on, or null when nothing was uploaded.
   */
  seal(key: string): Promise<string | null>;
  size(key: string): Promise<number | null>;
  readStart(key: string, bytes: number): Promise<Buffer>;
  readAll(key: string): Promise<Buffer>;
  /** Stores bytes the server made (thumbnails); answers the key they are kept under. */
  write(key: string, data: Buffer, contentType: string): Promise<string>;
  remove(key: string): Promise<void>;
  downloadUrl(spec: DownloadSpec): Promise<string>;
}
