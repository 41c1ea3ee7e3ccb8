"use client";

import { type RefObject, useEffect } from "react";

/** Binds a MediaStream to a <video>/<audio> element (React has no prop for srcObject). */
export function useSrcObject(ref: RefObject<HTMLMediaElement | null>, stream: MediaStream | null): void {
  useEffect(() => {
    const el = ref.current;
    if (!el || el.srcObject === stream) return;
    el.srcObject = stream;
    // play() rejects when autoplay is refused or the element is replaced; the next gesture retries it.
    if (stream) el.play().catch(() => {});
  }, [ref, stream]);
}
