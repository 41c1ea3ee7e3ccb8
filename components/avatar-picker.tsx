"use client";

import { useState } from "react";
import { ApiError } from "@/lib/client/api.ts";
import { uploadFile } from "@/lib/client/upload.ts";
import { Avatar } from "./avatar.tsx";

type Props = {
  name: string;
  seed: number;
  url: string | null;
  /** Makes the uploaded image the avatar (PATCH of the user or the group); returns the new URL. */
  onUploaded(attachmentId: number): Promise<string | null>;
  testId: string;
};

/** The avatar with "Change photo": the same upload pipeline as attachments, the server makes the thumbnail. */
export function AvatarPicker({ name, seed, url, onUploaded, testId }: Props) {
  const [current, setCurrent] = useState(url);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function pick(file: File | undefined) {
    if (!file) return;
    setError(null);
    setProgress(0);
    try {
      const id = await uploadFile(file, setProgress).promise;
      setCurrent(await onUploaded(id));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "Could not change the photo.");
    } finally {
      setProgress(null);
    }
  }

  return (
    <div className="flex flex-col items-center gap-2">
      <Avatar name={name} seed={seed} url={current} size="lg" />
      <label className="cursor-pointer rounded-lg px-2 py-1 text-sm font-medium text-indigo-600 hover:bg-indigo-50 focus-within:outline-2 focus-within:outline-indigo-600 dark:text-indigo-300 dark:hover:bg-indigo-950">
        {progress === null ? "Change photo" : `Uploading… ${Math.round(progress * 100)}%`}
        <input
          type="file"
          accept="image/png,image/jpeg,image/webp,image/gif"
          className="sr-only"
          data-testid={testId}
          disabled={progress !== null}
          onChange={(e) => {
            void pick(e.target.files?.[0]);
            e.target.value = "";
          }}
        />
      </label>
      {error ? (
        <p role="alert" className="text-center text-sm text-red-600">
          {error}
        </p>
      ) : null}
    </div>
  );
}
