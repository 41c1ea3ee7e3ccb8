"use client";

import { useRef } from "react";
import type { RemotePeer } from "@/lib/client/calls/store.ts";
import { useSrcObject } from "./use-src-object.ts";

function PeerAudio({ stream }: { stream: MediaStream | null }) {
  const ref = useRef<HTMLAudioElement>(null);
  useSrcObject(ref, stream);
  // biome-ignore lint/a11y/useMediaCaption: live call audio; there is no caption track to give.
  return <audio ref={ref} autoPlay />;
}

/** The remote sound, apart from the tiles, so it keeps playing while the call screen is minimised. */
export function CallAudio({ peers }: { peers: RemotePeer[] }) {
  return (
    <div hidden>
      {peers.map((p) => (
        <PeerAudio key={p.userId} stream={p.stream} />
      ))}
    </div>
  );
}
