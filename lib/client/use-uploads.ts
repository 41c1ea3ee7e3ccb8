import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError } from "./api.ts";
import { type UploadHandle, uploadFile } from "./upload.ts";

export type StagedUpload = {
  key: string;
  file: File;
  progress: number;
  state: "uploading" | "done" | "failed";
  id?: number;
  error?: string;
  previewUrl?: string;
};

export const MAX_FILES_PER_MESSAGE = 10;

/** Files picked, dropped or pasted for the next message: each uploads at once, with progress and cancel. */
export function useUploads() {
  const [uploads, setUploads] = useState<StagedUpload[]>([]);
  const handles = useRef(new Map<string, UploadHandle>());

  const patch = useCallback((key: string, change: Partial<StagedUpload>) => {
    setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...change } : u)));
  }, []);

  const add = useCallback(
    (files: File[]) => {
      const fresh = files.slice(0, MAX_FILES_PER_MESSAGE).map((file) => ({
        key: crypto.randomUUID(),
        file,
        progress: 0,
        state: "uploading" as const,
        previewUrl: /^image\/(png|jpeg|gif|webp)$/.test(file.type) ? URL.createObjectURL(file) : undefined,
      }));
      setUploads((list) => [...list, ...fresh].slice(0, MAX_FILES_PER_MESSAGE));
      for (const u of fresh) {
        const handle = uploadFile(u.file, (progress) => patch(u.key, { progress }));
        handles.current.set(u.key, handle);
        handle.promise.then(
          (id) => patch(u.key, { state: "done", id, progress: 1 }),
          (e) => {
            if (e instanceof ApiError && e.body.code === "cancelled") return;
            patch(u.key, {
              state: "failed",
              error: e instanceof ApiError ? e.message : "The upload failed.",
            });
          },
        );
      }
    },
    [patch],
  );

  const remove = useCallback((key: string) => {
    handles.current.get(key)?.cancel();
    handles.current.delete(key);
    setUploads((list) => list.filter((u) => u.key !== key));
  }, []);

  /** Hands the finished uploads to a message and empties the tray (previews live on in the pending bubble). */
  const take = useCallback(() => {
    handles.current.clear();
    setUploads([]);
  }, []);

  useEffect(() => {
    const current = handles.current;
    return () => {
      for (const h of current.values()) h.cancel();
    };
  }, []);

  return {
    uploads,
    add,
    remove,
    take,
    busy: uploads.some((u) => u.state === "uploading"),
    failed: uploads.some((u) => u.state === "failed"),
  };
}
