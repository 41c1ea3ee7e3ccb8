import { callEngine } from "./engine.ts";
import type { CallKind } from "./store.ts";
import { useCalls } from "./store.ts";

/** What the call UI does; each works on the tab's one engine. */
export const startCall = (chatId: number, kind: CallKind): Promise<void> =>
  callEngine.startCall(chatId, kind);
/** kind "voice" on a video call: answers without the camera ("Accept as voice"). */
export const acceptCall = (callId: string, kind: CallKind): Promise<void> =>
  callEngine.acceptCall(callId, kind);
export const declineCall = (callId: string): void => callEngine.declineCall(callId);
/** The group banner's "Join". */
export const joinCall = (chatId: number): Promise<void> => callEngine.joinCall(chatId);
export const hangUp = (): void => callEngine.hangUp();
export const toggleMute = (): void => callEngine.toggleMute();
export const toggleCamera = (): Promise<void> => callEngine.toggleCamera();
export const toggleScreenShare = (): Promise<void> => callEngine.toggleScreenShare();
export const switchDevice = (kind: "audio" | "video", deviceId: string): Promise<void> =>
  callEngine.switchDevice(kind, deviceId);
export const dismissNotice = (): void => useCalls.setState({ notice: null });
