import { create } from "zustand";
import type { CallKind, CallView } from "./types.ts";

export type { CallKind, CallView } from "./types.ts";
export type CallPhase = "outgoing" | "connecting" | "connected" | "reconnecting";
export type Quality = "good" | "fair" | "poor" | "unknown";

export type RemotePeer = {
  userId: number;
  /** Audio + video tracks from that peer. */
  stream: MediaStream | null;
  state: RTCPeerConnectionState | "new";
  /** From their `media` signals. */
  muted: boolean;
  camera: boolean;
  screen: boolean;
};

export type ActiveCall = {
  callId: string;
  chatId: number;
  kind: CallKind;
  group: boolean;
  direction: "outgoing" | "incoming";
  phase: CallPhase;
  /** Outgoing: the callee's devices are ringing. */
  ringing: boolean;
  /** ms, for the duration. */
  answeredAt: number | null;
  peers: Record<number, RemotePeer>;
  /** The preview: camera or screen. */
  localStream: MediaStream | null;
  muted: boolean;
  camera: boolean;
  screen: boolean;
  quality: Quality;
  rttMs: number | null;
  lossPct: number | null;
};

export type IncomingCall = {
  callId: string;
  chatId: number;
  kind: CallKind;
  group: boolean;
  callerId: number;
  at: number;
};

export type CallNotice = { id: number; text: string };

export type Devices = {
  audio: MediaDeviceInfo[];
  video: MediaDeviceInfo[];
  audioId: string | null;
  videoId: string | null;
};

export type CallsState = {
  current: ActiveCall | null;
  /** Newest last; the UI shows the first. */
  incoming: IncomingCall[];
  /** Chat id → the running call there (the server's Call), for banners. */
  running: Record<number, CallView>;
  devices: Devices;
  notice: CallNotice | null;
};

/** What the call UI reads. Only the engine (lib/client/calls) writes it. */
export const useCalls = create<CallsState>()(() => ({
  current: null,
  incoming: [],
  running: {},
  devices: { audio: [], video: [], audioId: null, videoId: null },
  notice: null,
}));

let noticeId = 0;

export function showNotice(text: string): void {
  noticeId += 1;
  useCalls.setState({ notice: { id: noticeId, text } });
}

export function patchCurrent(patch: Partial<ActiveCall>): void {
  useCalls.setState((s) => (s.current ? { current: { ...s.current, ...patch } } : {}));
}

export function patchPeer(userId: number, patch: Partial<RemotePeer>): void {
  useCalls.setState((s) => {
    const current = s.current;
    if (!current) return {};
    const peer = current.peers[userId] ?? {
      userId,
      stream: null,
      state: "new" as const,
      muted: false,
      camera: current.kind === "video",
      screen: false,
    };
    return { current: { ...current, peers: { ...current.peers, [userId]: { ...peer, ...patch } } } };
  });
}

export function removePeer(userId: number): void {
  useCalls.setState((s) => {
    if (!s.current?.peers[userId]) return {};
    const { [userId]: _gone, ...peers } = s.current.peers;
    return { current: { ...s.current, peers } };
  });
}

export function setRunning(call: CallView): void {
  useCalls.setState((s) => {
    const running = { ...s.running };
    if (call.state === "ended") {
      if (running[call.chat_id]?.call_id === call.call_id) delete running[call.chat_id];
    } else running[call.chat_id] = call;
    return { running };
  });
}

export function removeIncoming(callId: string): void {
  useCalls.setState((s) =>
    s.incoming.some((c) => c.callId === callId)
      ? { incoming: s.incoming.filter((c) => c.callId !== callId) }
      : {},
  );
}
