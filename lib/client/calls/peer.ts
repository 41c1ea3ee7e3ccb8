import { readSample, type Sample } from "./quality.ts";
import type { Signal } from "./types.ts";

type Candidate = RTCIceCandidateInit;

export type PeerEvents = {
  /** A signal for this peer (offer, answer, ice); the engine adds the call and the addressee. */
  send(signal: Signal): void;
  state(state: RTCPeerConnectionState): void;
  stream(stream: MediaStream): void;
};

export type LocalTracks = {
  audio: MediaStreamTrack | null;
  video: MediaStreamTrack | null;
  stream: MediaStream;
};

/** How long a `disconnected` connection may stay so before an ICE restart. */
const DISCONNECTED_GRACE_MS = 2_000;

/**
 * One RTCPeerConnection to one other participant. It always carries one audio and one video
 * transceiver, both sendrecv (the video one without a track in a voice call), so muting, camera
 * on/off, switching devices and screen sharing are `replaceTrack` and never a renegotiation. The
 * only offers after the first are ICE restarts. The side that made the first offer restarts ICE when
 * the connection fails; the other side is "polite": an offer that crosses its own gives way to it.
 */
export class Peer {
  readonly pc: RTCPeerConnection;
  private readonly remote = new MediaStream();
  private pendingRemote: Candidate[] = [];
  /** Candidates wait until the description they belong to has gone out. */
  private outgoing: Array<Candidate | null> | null = [];
  private lastCandidate: Candidate | null = null;
  private disconnectedTimer: ReturnType<typeof setTimeout> | undefined;
  private lastSample: Sample | undefined;
  private closed = false;

  constructor(
    readonly userId: number,
    config: RTCConfiguration,
    /** Made the first offer: restarts ICE on failure and wins crossed offers. */
    readonly initiator: boolean,
    private readonly events: PeerEvents,
  ) {
    this.pc = new RTCPeerConnection(config);
    this.pc.onicecandidate = ({ candidate }) => this.sendCandidate(candidate ? candidate.toJSON() : null);
    this.pc.ontrack = ({ track }) => {
      if (!this.remote.getTracks().includes(track)) this.remote.addTrack(track);
      // A new stream object, so views that compare by reference notice the added track.
      this.events.stream(new MediaStream(this.remote.getTracks()));
    };
    this.pc.onconnectionstatechange = () => this.stateChanged();
  }

  /** The caller's side: transceivers with the local tracks, then the offer. */
  async offer(local: LocalTracks): Promise<void> {
    for (const kind of ["audio", "video"] as const) {
      this.pc.addTransceiver(local[kind] ?? kind, { direction: "sendrecv", streams: [local.stream] });
    }
    await this.sendOffer(false);
  }

  /** An offer from the other side: the first one (we answer a call) or an ICE restart. */
  async acceptOffer(sdp: string, local: LocalTracks): Promise<void> {
    const first = !this.pc.remoteDescription;
    if (this.pc.signalingState !== "stable" && this.initiator) return; // ours wins; they give way to it
    this.outgoing ??= [];
    await this.pc.setRemoteDescription({ type: "offer", sdp }); // rolls back a crossed offer of ours
    if (first) {
      for (const t of this.pc.getTransceivers()) {
        const kind = t.receiver.track.kind as "audio" | "video";
        t.direction = "sendrecv";
        await t.sender.replaceTrack(local[kind]);
        t.sender.setStreams?.(local.stream);
      }
    }
    await this.flushRemoteCandidates();
    const answer = await this.pc.createAnswer();
    await this.pc.setLocalDescription(answer);
    this.events.send({ kind: "answer", sdp: this.pc.localDescription?.sdp ?? answer.sdp ?? "" });
    this.flushOutgoing();
  }

  async acceptAnswer(sdp: string): Promise<void> {
    if (this.pc.signalingState !== "have-local-offer") return; // a late duplicate
    await this.pc.setRemoteDescription({ type: "answer", sdp });
    await this.flushRemoteCandidates();
  }

  async addCandidate(candidate: Candidate | null): Promise<void> {
    // End of candidates is implied; applying it would refuse candidates of a later ICE restart.
    if (!candidate?.candidate) return;
    if (!this.pc.remoteDescription) {
      this.pendingRemote.push(candidate);
      return;
    }
    await this.pc.addIceCandidate(candidate).catch(() => {
      // A candidate of an ICE generation that a restart replaced: nothing to do.
    });
  }

  /** ICE restart: new credentials, new candidates, same media. */
  async restart(): Promise<void> {
    if (this.closed || !this.pc.remoteDescription) return;
    // An offer made while the socket was away may never have arrived: it is replaced.
    if (this.pc.signalingState === "have-local-offer")
      await this.pc.setLocalDescription({ type: "rollback" });
    if (this.pc.signalingState !== "stable") return;
    this.pc.restartIce();
    await this.sendOffer(true);
  }

  /** Says "still here" on a fresh socket before the call was answered (the server rebinds on any signal). */
  repeatLastCandidate(): void {
    if (this.lastCandidate) this.events.send({ kind: "ice", candidate: this.lastCandidate });
  }

  get hasRemoteDescription(): boolean {
    return !!this.pc.remoteDescription;
  }

  async replaceTrack(kind: "audio" | "video", track: MediaStreamTrack | null): Promise<void> {
    const transceiver = this.pc.getTransceivers().find((t) => t.receiver.track.kind === kind);
    await transceiver?.sender.replaceTrack(track);
  }

  setConfiguration(config: RTCConfiguration): void {
    try {
      this.pc.setConfiguration({ ...this.pc.getConfiguration(), ...config });
    } catch {
      // A browser that refuses to change the policy mid-call keeps the old servers.
    }
  }

  /** The connection's numbers since the last call: round trip and inbound loss. */
  async sample(): Promise<{ rttMs: number | null; packetsLost: number; packetsReceived: number }> {
    const now = readSample(await this.pc.getStats());
    const before = this.lastSample;
    this.lastSample = now;
    return {
      rttMs: now.rttMs,
      packetsLost: now.packetsLost - (before?.packetsLost ?? 0),
      packetsReceived: now.packetsReceived - (before?.packetsReceived ?? 0),
    };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.disconnectedTimer);
    this.pc.onicecandidate = null;
    this.pc.ontrack = null;
    this.pc.onconnectionstatechange = null;
    this.pc.close();
  }

  private async sendOffer(iceRestart: boolean): Promise<void> {
    this.outgoing ??= [];
    const offer = await this.pc.createOffer();
    await this.pc.setLocalDescription(offer);
    const sdp = this.pc.localDescription?.sdp ?? offer.sdp ?? "";
    this.events.send(iceRestart ? { kind: "offer", sdp, ice_restart: true } : { kind: "offer", sdp });
    this.flushOutgoing();
  }

  private sendCandidate(candidate: Candidate | null): void {
    if (this.outgoing) {
      this.outgoing.push(candidate);
      return;
    }
    if (candidate) this.lastCandidate = candidate;
    this.events.send({ kind: "ice", candidate });
  }

  private flushOutgoing(): void {
    const queued = this.outgoing ?? [];
    this.outgoing = null;
    for (const candidate of queued) this.sendCandidate(candidate);
  }

  private async flushRemoteCandidates(): Promise<void> {
    const queued = this.pendingRemote;
    this.pendingRemote = [];
    for (const candidate of queued) await this.addCandidate(candidate);
  }

  private stateChanged(): void {
    const state = this.pc.connectionState;
    clearTimeout(this.disconnectedTimer);
    if (state === "disconnected" && this.initiator) {
      this.disconnectedTimer = setTimeout(() => void this.restart(), DISCONNECTED_GRACE_MS);
    } else if (state === "failed" && this.initiator) void this.restart();
    this.events.state(state);
  }
}
