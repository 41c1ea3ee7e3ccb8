"use client";

import {
  HangUpIcon,
  MicIcon,
  MicOffIcon,
  ScreenShareIcon,
  VideoIcon,
  VideoOffIcon,
} from "@/components/icons.tsx";
import { hangUp, toggleCamera, toggleMute, toggleScreenShare } from "@/lib/client/calls/actions.ts";
import type { ActiveCall } from "@/lib/client/calls/store.ts";
import { ControlButton } from "./control-button.tsx";
import { DevicesMenu } from "./devices-menu.tsx";

/** Phones have no getDisplayMedia: no button that could only fail. */
function canShareScreen(): boolean {
  return typeof navigator !== "undefined" && typeof navigator.mediaDevices?.getDisplayMedia === "function";
}

export function CallControls({ call }: { call: ActiveCall }) {
  return (
    <div
      role="toolbar"
      aria-label="Call controls"
      className="flex items-center justify-center gap-3 sm:gap-4"
      data-testid="call-controls"
    >
      <ControlButton label={call.muted ? "Unmute" : "Mute"} active={call.muted} onClick={() => toggleMute()}>
        {call.muted ? <MicOffIcon className="h-6 w-6" /> : <MicIcon className="h-6 w-6" />}
      </ControlButton>
      <ControlButton
        label={call.camera ? "Turn camera off" : "Turn camera on"}
        // Off is the normal state of a voice call: only a video call shows it as a change.
        active={call.kind === "video" && !call.camera}
        onClick={() => void toggleCamera()}
      >
        {call.camera ? <VideoIcon className="h-6 w-6" /> : <VideoOffIcon className="h-6 w-6" />}
      </ControlButton>
      {canShareScreen() ? (
        <ControlButton
          label={call.screen ? "Stop sharing" : "Share screen"}
          active={call.screen}
          onClick={() => void toggleScreenShare()}
        >
          <ScreenShareIcon className="h-6 w-6" />
        </ControlButton>
      ) : null}
      <DevicesMenu />
      <ControlButton label="Hang up" danger onClick={() => hangUp()} className="sm:w-16">
        <HangUpIcon className="h-6 w-6" />
      </ControlButton>
    </div>
  );
}
