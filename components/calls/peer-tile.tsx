"use client";

import { useRef } from "react";
import { Avatar } from "@/components/avatar.tsx";
import { MicOffIcon, VideoOffIcon } from "@/components/icons.tsx";
import type { RemotePeer } from "@/lib/client/calls/store.ts";
import type { Member } from "@/lib/client/types.ts";
import { memberName } from "./use-call-chat.ts";
import { useSrcObject } from "./use-src-object.ts";

/**
 * One remote person: their video, or their avatar while they send none. The <video> stays muted
 * and mounted (CallAudio plays the sound, also while the call is minimised).
 */
export function PeerTile({
  peer,
  member,
  kind,
  large,
}: {
  peer: RemotePeer;
  member: Member | undefined;
  kind: "voice" | "video";
  large?: boolean;
}) {
  const video = useRef<HTMLVideoElement>(null);
  useSrcObject(video, peer.stream);
  const name = memberName(member);
  const showsVideo = peer.stream !== null && (peer.screen || (kind === "video" && peer.camera));
  const connecting = peer.state === "new" || peer.state === "connecting";

  return (
    <div
      data-testid="peer-tile"
      data-user-id={peer.userId}
      data-state={peer.state}
      className="relative isolate min-h-0 min-w-0 overflow-hidden rounded-2xl bg-slate-200 dark:bg-slate-800"
    >
      <video
        ref={video}
        data-testid="remote-video"
        data-user-id={peer.userId}
        autoPlay
        playsInline
        muted
        className={
          showsVideo
            ? `h-full w-full bg-slate-950 ${peer.screen ? "object-contain" : "object-cover"}`
            : "pointer-events-none absolute h-px w-px opacity-0"
        }
      />
      {showsVideo ? null : (
        <div className="grid h-full w-full place-items-center p-4">
          <div className="flex flex-col items-center gap-3">
            <Avatar name={name} seed={peer.userId} url={member?.avatar_url} size={large ? "xl" : "lg"} />
            {connecting ? <p className="text-sm text-slate-500 dark:text-slate-400">Connecting…</p> : null}
          </div>
        </div>
      )}
      <div className="absolute bottom-2 left-2 flex max-w-[calc(100%-1rem)] items-center gap-1.5 rounded-full bg-slate-950/60 py-1 pr-2.5 pl-2 text-xs font-medium text-white backdrop-blur">
        {peer.muted ? (
          <span data-testid="peer-muted" title={`${name} is muted`} className="text-red-300">
            <MicOffIcon className="h-3.5 w-3.5" />
            <span className="sr-only">muted</span>
          </span>
        ) : null}
        {kind === "video" && !peer.camera && !peer.screen ? (
          <span data-testid="peer-camera-off" title={`${name}'s camera is off`}>
            <VideoOffIcon className="h-3.5 w-3.5" />
            <span className="sr-only">camera off</span>
          </span>
        ) : null}
        <span className="truncate" data-testid="peer-name">
          {name}
          {peer.screen ? " · sharing screen" : ""}
        </span>
      </div>
    </div>
  );
}
