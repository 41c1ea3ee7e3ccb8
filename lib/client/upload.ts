import { ApiError, api } from "./api.ts";

type Presigned = { id: number; url: string; method: "PUT"; headers?: Record<string, string> };

export type UploadHandle = { promise: Promise<number>; cancel(): void };

/**
 * presign → PUT the bytes straight to the storage URL (with progress, cancellable) → the upload's id,
 * ready to be attached to a message or set as an avatar.
 */
export function uploadFile(file: File, onProgress: (fraction: number) => void): UploadHandle {
  let xhr: XMLHttpRequest | null = null;
  let cancelled = false;
  const promise = (async () => {
    const presigned = await api<Presigned>("/v1/attachments/presign", {
      body: {
        filename: file.name || "file",
        content_type: file.type || "application/octet-stream",
        size: file.size,
      },
    });
    if (cancelled) throw new ApiError(0, { code: "cancelled", message: "Upload cancelled." });
    await new Promise<void>((resolve, reject) => {
      xhr = new XMLHttpRequest();
      xhr.open(presigned.method ?? "PUT", presigned.url);
      const headers = { "Content-Type": file.type || "application/octet-stream", ...presigned.headers };
      for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) onProgress(e.loaded / e.total);
      };
      xhr.onload = () => {
        if (xhr!.status >= 200 && xhr!.status < 300) return resolve();
        let message = `The upload failed (${xhr!.status}).`;
        try {
          message = JSON.parse(xhr!.responseText).error.message ?? message;
        } catch {
          // Not our JSON (an S3 XML error): keep the generic text.
        }
        reject(new ApiError(xhr!.status, { code: "upload_failed", message }));
      };
      xhr.onerror = () =>
        reject(new ApiError(0, { code: "network_error", message: "The upload was interrupted." }));
      xhr.onabort = () => reject(new ApiError(0, { code: "cancelled", message: "Upload cancelled." }));
      xhr.send(file);
    });
    onProgress(1);
    return presigned.id;
  })();
  return {
    promise,
    cancel() {
      cancelled = true;
      (xhr as XMLHttpRequest | null)?.abort();
    },
  };
}
