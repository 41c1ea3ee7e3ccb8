"use client";

import { useRef } from "react";
import type { ActiveCall } from "@/lib/client/calls/store.ts";
import { useSrcObject } from "./use-src-object.ts";

/** Me, small in a corner: the camera mirrored as in a mirror, a shared screen as it is. */
export function LocalPreview({ call }: { call: ActiveCall }) {
  const ref = useRef<HTMLVideoElement>(null);
  useSrcObject(ref, call.localStream);
  const shows = call.localStream !== null && (call.screen || call.camera);
  return (
    <div
      className={`absolute right-4 bottom-3 z-10 aspect-[3/4] sm:right-8 sm:bottom-4 w-24 overflow-hidden rounded-xl bg-slate-900 shadow-lg ring-2 ring-white/80 sm:aspect-video sm:w-48 lg:w-56 dark:ring-slate-700 ${shows ? "" : "hidden"}`}
    >
      <video
        ref={ref}
        data-testid="local-video"
        autoPlay
        playsInline
        muted
        className={`h-full w-full object-cover ${call.screen ? "" : "-scale-x-100"}`}
      />
      <span className="absolute bottom-1 left-1.5 text-[11px] font-medium text-white drop-shadow">You</span>
    </div>
  );
}
