import { NOTICE } from "./notices.ts";
import type { CallKind } from "./store.ts";

export class PermissionDenied extends Error {}

export type LocalMedia = {
  stream: MediaStream | null;
  /** A video call without a camera goes on as a voice call. */
  kind: CallKind;
  notice: string | null;
};

export type DeviceChoice = { audioId: string | null; videoId: string | null };

const MISSING = new Set(["NotFoundError", "OverconstrainedError", "DevicesNotFoundError"]);

function errorName(error: unknown): string {
  return error instanceof Error || error instanceof DOMException ? error.name : "";
}

export function audioConstraints(deviceId: string | null): MediaTrackConstraints | true {
  return deviceId ? { deviceId: { exact: deviceId } } : true;
}

export function videoConstraints(deviceId: string | null): MediaTrackConstraints {
  const size = { width: { ideal: 1280 }, height: { ideal: 720 } };
  return deviceId ? { ...size, deviceId: { exact: deviceId } } : size;
}

async function capture(constraints: MediaStreamConstraints): Promise<MediaStream | "missing" | "failed"> {
  try {
    return await navigator.mediaDevices.getUserMedia(constraints);
  } catch (error) {
    const name = errorName(error);
    if (name === "NotAllowedError" || name === "SecurityError") throw new PermissionDenied(name);
    // A chosen device that is gone: the default one is better than none.
    if (name === "OverconstrainedError") return "missing";
    return MISSING.has(name) ? "missing" : "failed";
  }
}

/**
 * The microphone (and camera for a video call). A missing camera makes it a voice call; a missing
 * microphone still lets the call connect, receive-only, with a notice. Permission denied throws.
 */
export async function acquireMedia(kind: CallKind, devices: DeviceChoice): Promise<LocalMedia> {
  if (!navigator.mediaDevices?.getUserMedia) {
    return { stream: null, kind: "voice", notice: "This browser cannot make calls (no media devices)." };
  }
  const audio = audioConstraints(devices.audioId);
  if (kind === "video") {
    const both = await capture({ audio, video: videoConstraints(devices.videoId) });
    if (typeof both !== "string") return { stream: both, kind, notice: null };
    const voice = await capture({ audio });
    if (typeof voice !== "string") return { stream: voice, kind: "voice", notice: NOTICE.noCamera };
    const camera = await capture({ video: videoConstraints(devices.videoId) });
    if (typeof camera !== "string") return { stream: camera, kind, notice: NOTICE.noMicrophone };
    return {
      stream: null,
      kind: "voice",
      notice: voice === "missing" ? NOTICE.noMicrophone : NOTICE.deviceFailed,
    };
  }
  const voice = await capture({ audio });
  if (typeof voice !== "string") return { stream: voice, kind, notice: null };
  return { stream: null, kind, notice: voice === "missing" ? NOTICE.noMicrophone : NOTICE.deviceFailed };
}

/** A fresh camera track (camera on, camera switch); null when there is none. */
export async function cameraTrack(deviceId: string | null): Promise<MediaStreamTrack | null> {
  const stream = await capture({ video: videoConstraints(deviceId) });
  return typeof stream === "string" ? null : (stream.getVideoTracks()[0] ?? null);
}

export async function microphoneTrack(deviceId: string | null): Promise<MediaStreamTrack | null> {
  const stream = await capture({ audio: audioConstraints(deviceId) });
  return typeof stream === "string" ? null : (stream.getAudioTracks()[0] ?? null);
}

/** Whether an offer carries video: an `m=video` section that is not inactive (the server's rule too). */
export function sdpHasVideo(sdp: string): boolean {
  return sdp
    .split(/\r?\nm=/)
    .slice(1)
    .some((section) => section.startsWith("video") && !/\r?\na=inactive/.test(section));
}
