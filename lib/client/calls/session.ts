import { noteTrackDevice } from "./devices.ts";
import type { IceSettings } from "./ice-config.ts";
import { cameraTrack, type LocalMedia, microphoneTrack } from "./media.ts";
import { NOTICE } from "./notices.ts";
import { type LocalTracks, Peer } from "./peer.ts";
import { lossPercent, qualityOf } from "./quality.ts";
import type { Signalling } from "./signalling.ts";
import {
  type ActiveCall,
  type CallKind,
  patchCurrent,
  patchPeer,
  removePeer,
  showNotice,
  useCalls,
} from "./store.ts";
import type { Signal } from "./types.ts";

const STATS_EVERY_MS = 2_000;
/**
 * Offer and answer are exchanged but no media flows: ICE found no route (with nothing to try it may
 * never even reach "failed"). Host and TURN routes connect within a few seconds.
 */
const CONNECT_TIMEOUT_MS = 25_000;

type Options = {
  callId: string;
  chatId: number;
  group: boolean;
  /** The call's kind; the local media may have less (accepted as voice, no camera). */
  kind: CallKind;
  direction: ActiveCall["direction"];
  media: LocalMedia;
  ice: IceSettings;
  signalling: Signalling;
  renewIce(): Promise<IceSettings>;
  /** Every connection failed before any media flowed: no route between the browsers (no TURN). */
  onUnreachable(): void;
};

/**
 * The call this tab is in: local media, one Peer per other participant, the store's `current`.
 * Everything that changes what others receive goes through `replaceTrack` on every peer.
 */
export class CallSession {
  readonly callId: string;
  readonly chatId: number;
  readonly group: boolean;
  readonly kind: CallKind;
  /** Group: the server has listed us as joined (a later "left" means we are out). */
  joined = false;
  readonly peers = new Map<number, Peer>();
  private readonly earlyIce = new Map<number, RTCIceCandidateInit[]>();
  private audio: MediaStreamTrack | null;
  private camera: MediaStreamTrack | null;
  private screenTrack: MediaStreamTrack | null = null;
  /** Carries the local tracks' stream id in the SDP (msid), so both sides group audio and video. */
  private readonly stream: MediaStream;
  private config: RTCConfiguration;
  private everConnected = false;
  private closed = false;
  private statsTimer: ReturnType<typeof setInterval>;
  private renewTimer: ReturnType<typeof setTimeout> | undefined;
  private connectTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly o: Options) {
    this.callId = o.callId;
    this.chatId = o.chatId;
    this.group = o.group;
    this.kind = o.kind;
    this.audio = o.media.stream?.getAudioTracks()[0] ?? null;
    this.camera = o.media.stream?.getVideoTracks()[0] ?? null;
    this.stream = new MediaStream([this.audio, this.camera].filter((t): t is MediaStreamTrack => !!t));
    noteTrackDevice(this.audio ?? undefined);
    noteTrackDevice(this.camera ?? undefined);
    this.config = o.ice.config;
    this.scheduleRenewal(o.ice.renewInMs);
    this.statsTimer = setInterval(() => void this.measure(), STATS_EVERY_MS);
    useCalls.setState({
      current: {
        callId: o.callId,
        chatId: o.chatId,
        kind: this.kind,
        group: o.group,
        direction: o.direction,
        phase: o.direction === "outgoing" ? "outgoing" : "connecting",
        ringing: false,
        answeredAt: null,
        peers: {},
        localStream: this.preview(),
        muted: false,
        camera: !!this.camera,
        screen: false,
        quality: "unknown",
        rttMs: null,
        lossPct: null,
      },
    });
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Dialog caller: the offer to the one other member. */
  async call(userId: number): Promise<void> {
    await this.peerFor(userId, true).offer(this.tracks());
  }

  /** Group: the joiner offers to each participant joined before. */
  async offerTo(userId: number): Promise<void> {
    if (this.peers.has(userId)) return;
    await this.peerFor(userId, true).offer(this.tracks());
  }

  async onOffer(from: number, sdp: string, early: RTCIceCandidateInit[] = []): Promise<void> {
    const peer = this.peers.get(from) ?? this.peerFor(from, false);
    for (const candidate of early) await peer.addCandidate(candidate);
    await peer.acceptOffer(sdp, this.tracks());
    this.expectMedia();
  }

  async onAnswer(from: number, sdp: string): Promise<void> {
    const peer = this.peers.get(from);
    if (!peer) return;
    await peer.acceptAnswer(sdp);
    this.expectMedia();
    if (!this.group && useCalls.getState().current?.phase === "outgoing")
      patchCurrent({ phase: "connecting" });
  }

  async onIce(from: number, candidate: RTCIceCandidateInit | null): Promise<void> {
    const peer = this.peers.get(from);
    if (peer) return peer.addCandidate(candidate);
    if (candidate) this.earlyIce.set(from, [...(this.earlyIce.get(from) ?? []), candidate]);
  }

  private expectMedia(): void {
    if (this.everConnected || this.connectTimer) return;
    this.connectTimer = setTimeout(() => {
      if (!this.everConnected && !this.closed) this.o.onUnreachable();
    }, CONNECT_TIMEOUT_MS);
  }

  onMedia(from: number, state: { muted: boolean; camera: boolean; screen: boolean }): void {
    if (this.peers.has(from)) patchPeer(from, state);
  }

  /** Someone left (group) — their connection closes, their tile goes. */
  dropPeer(userId: number): void {
    this.peers.get(userId)?.close();
    this.peers.delete(userId);
    this.earlyIce.delete(userId);
    removePeer(userId);
    this.updatePhase();
  }

  setRinging(ringing: boolean): void {
    if (useCalls.getState().current?.ringing !== ringing) patchCurrent({ ringing });
  }

  /** The socket is back: every established connection restarts ICE, which also rebinds us to the call. */
  reconnected(): void {
    for (const peer of this.peers.values()) {
      if (peer.hasRemoteDescription) void peer.restart();
      else peer.repeatLastCandidate();
    }
  }

  toggleMute(): void {
    const muted = !useCalls.getState().current?.muted;
    // A disabled track sends silence: the connection and its stats stay as they are.
    if (this.audio) this.audio.enabled = !muted;
    patchCurrent({ muted });
    this.announceMedia();
  }

  async toggleCamera(): Promise<void> {
    if (this.camera) {
      this.camera.stop();
      this.camera = null;
    } else {
      const track = await cameraTrack(useCalls.getState().devices.videoId);
      if (!track) return showNotice("No camera found.");
      if (this.closed) return track.stop();
      this.camera = track;
      noteTrackDevice(track);
    }
    if (!this.screenTrack) await this.sendVideo(this.camera);
    patchCurrent({ camera: !!this.camera, localStream: this.preview() });
    this.announceMedia();
  }

  async toggleScreenShare(): Promise<void> {
    if (this.screenTrack) return this.stopScreen();
    let track: MediaStreamTrack | undefined;
    try {
      const display = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
      track = display.getVideoTracks()[0];
    } catch (error) {
      // Closing the browser's picker is a choice, not a failure.
      if ((error as Error).name !== "NotAllowedError") showNotice(NOTICE.screenFailed);
      return;
    }
    if (!track) return;
    if (this.closed) return track.stop();
    this.screenTrack = track;
    track.onended = () => void this.stopScreen();
    await this.sendVideo(track);
    patchCurrent({ screen: true, localStream: this.preview() });
    this.announceMedia();
  }

  async switchDevice(kind: "audio" | "video", deviceId: string): Promise<void> {
    if (kind === "audio") {
      const track = await microphoneTrack(deviceId);
      if (!track || this.closed) return track?.stop();
      track.enabled = !useCalls.getState().current?.muted;
      this.replaceLocal(this.audio, track);
      this.audio?.stop();
      this.audio = track;
      for (const peer of this.peers.values()) await peer.replaceTrack("audio", track);
      noteTrackDevice(track);
      return;
    }
    if (!this.camera) return; // used the next time the camera goes on
    const track = await cameraTrack(deviceId);
    if (!track || this.closed) return track?.stop();
    this.replaceLocal(this.camera, track);
    this.camera.stop();
    this.camera = track;
    if (!this.screenTrack) await this.sendVideo(track);
    noteTrackDevice(track);
    patchCurrent({ localStream: this.preview() });
  }

  /** New TURN credentials for the connections' next ICE restart. */
  private scheduleRenewal(inMs: number): void {
    clearTimeout(this.renewTimer);
    clearTimeout(this.connectTimer);
    this.renewTimer = setTimeout(async () => {
      try {
        const fresh = await this.o.renewIce();
        if (this.closed) return;
        this.config = fresh.config;
        for (const peer of this.peers.values())
          peer.setConfiguration({ iceServers: fresh.config.iceServers });
        this.scheduleRenewal(fresh.renewInMs);
      } catch {
        if (!this.closed) this.scheduleRenewal(30_000);
      }
    }, inMs);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.statsTimer);
    clearTimeout(this.renewTimer);
    for (const peer of this.peers.values()) peer.close();
    this.peers.clear();
    for (const track of [this.audio, this.camera, this.screenTrack]) track?.stop();
    if (useCalls.getState().current?.callId === this.callId) useCalls.setState({ current: null });
  }

  /** Sends a signal of this call; group signals name their addressee. */
  send(signal: Signal, toUserId?: number): boolean {
    if (signal.kind === "offer" && !signal.ice_restart) signal = { ...signal, media: this.kind };
    return this.o.signalling.send(this.chatId, this.callId, signal, this.group ? toUserId : undefined);
  }

  private peerFor(userId: number, initiator: boolean): Peer {
    const peer = new Peer(userId, this.config, initiator, {
      send: (signal) => this.send(signal, userId),
      stream: (stream) => patchPeer(userId, { stream }),
      state: (state) => {
        patchPeer(userId, { state });
        if (state === "connected") this.send(this.mediaState(), userId);
        this.updatePhase();
      },
    });
    this.peers.set(userId, peer);
    patchPeer(userId, { state: "new" });
    const early = this.earlyIce.get(userId) ?? [];
    this.earlyIce.delete(userId);
    for (const candidate of early) void peer.addCandidate(candidate);
    return peer;
  }

  private tracks(): LocalTracks {
    return { audio: this.audio, video: this.screenTrack ?? this.camera, stream: this.stream };
  }

  private preview(): MediaStream | null {
    const video = this.screenTrack ?? this.camera;
    return video ? new MediaStream([video]) : null;
  }

  private replaceLocal(old: MediaStreamTrack | null, track: MediaStreamTrack): void {
    if (old) this.stream.removeTrack(old);
    this.stream.addTrack(track);
  }

  private async sendVideo(track: MediaStreamTrack | null): Promise<void> {
    for (const peer of this.peers.values()) await peer.replaceTrack("video", track);
  }

  private async stopScreen(): Promise<void> {
    if (!this.screenTrack) return;
    this.screenTrack.onended = null;
    this.screenTrack.stop();
    this.screenTrack = null;
    await this.sendVideo(this.camera);
    patchCurrent({ screen: false, localStream: this.preview() });
    this.announceMedia();
  }

  private mediaState(): Signal {
    const current = useCalls.getState().current;
    return {
      kind: "media",
      muted: current?.muted ?? false,
      camera: !!this.camera,
      screen: !!this.screenTrack,
    };
  }

  private announceMedia(): void {
    const signal = this.mediaState();
    if (!this.group) {
      this.send(signal);
      return;
    }
    for (const userId of this.peers.keys()) this.send(signal, userId);
  }

  private updatePhase(): void {
    const current = useCalls.getState().current;
    if (!current || current.callId !== this.callId) return;
    const states = [...this.peers.values()].map((p) => p.pc.connectionState);
    const connected = states.includes("connected");
    const broken = states.some((s) => s === "disconnected" || s === "failed");
    if (!this.everConnected && states.length && states.every((s) => s === "failed")) {
      this.o.onUnreachable();
      return;
    }
    if (connected && !this.everConnected) {
      this.everConnected = true;
      patchCurrent({ answeredAt: Date.now(), ringing: false });
    }
    let phase = current.phase;
    if (broken && this.everConnected) phase = "reconnecting";
    else if (connected || (this.everConnected && this.group)) phase = "connected";
    else if (this.everConnected) phase = "reconnecting";
    if (phase !== current.phase) patchCurrent({ phase });
  }

  private async measure(): Promise<void> {
    let rttMs: number | null = null;
    let lost = 0;
    let received = 0;
    for (const peer of this.peers.values()) {
      if (peer.pc.connectionState !== "connected") continue;
      try {
        const sample = await peer.sample();
        if (sample.rttMs !== null) rttMs = Math.max(rttMs ?? 0, sample.rttMs);
        lost += sample.packetsLost;
        received += sample.packetsReceived;
      } catch {
        // Closed while measuring.
      }
    }
    if (this.closed) return;
    const lossPct = lossPercent(lost, received);
    patchCurrent({ quality: qualityOf(rttMs, lossPct), rttMs, lossPct });
  }
}
