import { useCalls } from "./store.ts";

const AUDIO_KEY = "stu.calls.audio";
const VIDEO_KEY = "stu.calls.video";

function stored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** The microphone and camera the person picked last (kept across calls and reloads). */
export function chosenDevices(): { audioId: string | null; videoId: string | null } {
  const { audioId, videoId } = useCalls.getState().devices;
  return { audioId: audioId ?? stored(AUDIO_KEY), videoId: videoId ?? stored(VIDEO_KEY) };
}

export function chooseDevice(kind: "audio" | "video", deviceId: string): void {
  try {
    localStorage.setItem(kind === "audio" ? AUDIO_KEY : VIDEO_KEY, deviceId);
  } catch {
    // Storage disabled: the choice lasts for this tab.
  }
  useCalls.setState((s) => ({
    devices: { ...s.devices, [kind === "audio" ? "audioId" : "videoId"]: deviceId },
  }));
}

/** The device in use by a live track, so the Devices menu shows what is really on. */
export function noteTrackDevice(track: MediaStreamTrack | undefined): void {
  const deviceId = track?.getSettings().deviceId;
  if (!track || !deviceId) return;
  useCalls.setState((s) => ({
    devices: { ...s.devices, [track.kind === "audio" ? "audioId" : "videoId"]: deviceId },
  }));
}

/** Lists microphones and cameras (labels appear once the page has a media permission). */
export async function refreshDevices(): Promise<void> {
  if (!navigator.mediaDevices?.enumerateDevices) return;
  let list: MediaDeviceInfo[];
  try {
    list = await navigator.mediaDevices.enumerateDevices();
  } catch {
    return;
  }
  // Without a permission the entries have no id; they only say that a kind of device exists.
  const real = list.filter((d) => d.deviceId);
  useCalls.setState((s) => ({
    devices: {
      ...s.devices,
      audio: real.filter((d) => d.kind === "audioinput"),
      video: real.filter((d) => d.kind === "videoinput"),
    },
  }));
}

/** Follows devices plugged in or out; returns the stop function. */
export function watchDevices(): () => void {
  const devices = navigator.mediaDevices;
  if (!devices?.addEventListener) return () => {};
  const changed = () => void refreshDevices();
  devices.addEventListener("devicechange", changed);
  void refreshDevices();
  return () => devices.removeEventListener("devicechange", changed);
}
