import type { QueryClient } from "@tanstack/react-query";
import { ApiError, api } from "../api.ts";
import { chatsKey } from "../cache.ts";
import { notifyCall } from "../notifications.ts";
import type { RealtimeSocket, ServerFrame } from "../socket.ts";
import type { Chat, Me } from "../types.ts";
import { chooseDevice, chosenDevices, refreshDevices, watchDevices } from "./devices.ts";
import { fetchIceSettings, type IceSettings } from "./ice-config.ts";
import { acquireMedia, type LocalMedia, PermissionDenied, sdpHasVideo } from "./media.ts";
import { offersTo } from "./mesh.ts";
import { NOTICE } from "./notices.ts";
import { startTone, stopTone, unlockAudioOnGesture } from "./ringtone.ts";
import { CallSession } from "./session.ts";
import { parseCallFrame, Signalling } from "./signalling.ts";
import {
  type CallKind,
  type IncomingCall,
  removeIncoming,
  setRunning,
  showNotice,
  useCalls,
} from "./store.ts";
import type { CallErrorFrame, CallParticipant, CallSignalFrame, CallView } from "./types.ts";

type Context = { socket: RealtimeSocket; qc: QueryClient; me: Me };

/** A call ringing here: what answering needs (a dialog's offer and the ICE that came with it). */
type Ringing = IncomingCall & { offer: string | null; ice: RTCIceCandidateInit[]; closeNotification(): void };

/** Reasons in a server hangup after which the call is over for this tab. */
const ENDING = new Set([
  "hangup",
  "busy",
  "no_answer",
  "connection_lost",
  "answered_elsewhere",
  "declined_elsewhere",
  "cancelled",
  "missed",
]);

/**
 * The tab's calls: routes call frames from the socket to the session or to the incoming list,
 * keeps the group banners' running calls, rings. Actions (actions.ts) call into the one instance.
 */
export class CallEngine {
  private ctx: Context | null = null;
  private signalling: Signalling | null = null;
  private session: CallSession | null = null;
  /** A call is being set up (devices, ICE servers): a second one must wait. */
  private starting = false;
  private readonly ringing = new Map<string, Ringing>();
  private cleanups: Array<() => void> = [];

  start(ctx: Context): void {
    this.stop();
    this.ctx = ctx;
    this.signalling = new Signalling(ctx.socket);
    unlockAudioOnGesture();
    this.cleanups.push(watchDevices());
    this.cleanups.push(
      useCalls.subscribe((state) => {
        const current = state.current;
        if (current?.phase === "outgoing" && current.ringing) startTone("ringback");
        else if (!current && state.incoming.length) startTone("incoming");
        else stopTone();
      }),
    );
    // Leaving the page ends the call at once instead of after the reconnect grace.
    const leave = () => this.hangUp();
    window.addEventListener("pagehide", leave);
    this.cleanups.push(() => window.removeEventListener("pagehide", leave));
  }

  stop(): void {
    this.hangUp();
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    for (const callId of [...this.ringing.keys()]) this.dropRinging(callId);
    stopTone();
    this.ctx = null;
    this.signalling = null;
    useCalls.setState({ running: {}, incoming: [], notice: null });
  }

  /** Takes the frame if it is about calls. */
  handleFrame(frame: ServerFrame): boolean {
    const parsed = parseCallFrame(frame);
    if (!this.ctx) return parsed !== null;
    if (!parsed) return frame.type === "call_update" || frame.type === "call_signal";
    if (parsed.type === "update") this.onUpdate(parsed.call);
    else if (parsed.type === "signal") void this.onSignal(parsed.frame).catch(logFailure);
    else this.onError(parsed.frame);
    return true;
  }

  /** After every `hello` (and `resync`): the running calls again; after a reconnect, the ICE restart. */
  connected(reconnect: boolean): void {
    const session = this.session;
    if (reconnect && session) {
      // A group join on the call rebinds this connection to it, even with nobody else there yet.
      if (session.group) session.send({ kind: "join", media: session.kind });
      session.reconnected();
    }
    void this.loadRunning();
  }

  async startCall(chatId: number, kind: CallKind): Promise<void> {
    const chat = this.chat(chatId);
    if (!chat || !this.ctx) return;
    if (chat.type === "group") {
      const running = useCalls.getState().running[chatId];
      await this.joinGroup(chatId, running?.call_id ?? null, running?.kind ?? kind);
      return;
    }
    const other = chat.members.find((m) => m.id !== this.ctx?.me.id);
    if (!other) return;
    const setup = await this.prepare(kind);
    if (!setup) return;
    const session = this.open({
      callId: crypto.randomUUID(),
      chatId,
      group: false,
      kind: setup.media.kind,
      direction: "outgoing",
      ...setup,
    });
    await session.call(other.id);
  }

  async acceptCall(callId: string, kind: CallKind): Promise<void> {
    const call = this.ringing.get(callId);
    if (!call) return;
    if (this.session) this.hangUp(); // the call going on ends; this one is answered
    removeIncoming(callId);
    if (call.group) {
      const joined = await this.joinGroup(
        call.chatId,
        callId,
        call.kind,
        call.kind === "video" ? kind : "voice",
      );
      return joined ? this.dropRinging(callId) : this.ringAgain(call);
    }
    if (!call.offer) return;
    const setup = await this.prepare(call.kind === "video" ? kind : "voice");
    if (!setup) return this.ringAgain(call);
    if (!this.ringing.has(callId)) {
      // Cancelled while the devices were starting.
      stopStream(setup.media.stream);
      return showNotice(NOTICE.callEnded);
    }
    this.dropRinging(callId);
    const session = this.open({
      callId,
      chatId: call.chatId,
      group: false,
      kind: call.kind,
      direction: "incoming",
      ...setup,
    });
    await session.onOffer(call.callerId, call.offer, call.ice);
  }

  declineCall(callId: string): void {
    const call = this.ringing.get(callId);
    if (!call) return;
    this.signalling?.send(call.chatId, callId, { kind: "reject" });
    this.dropRinging(callId);
  }

  async joinCall(chatId: number): Promise<void> {
    const running = useCalls.getState().running[chatId];
    if (!running) return this.startCall(chatId, "voice");
    if (await this.joinGroup(chatId, running.call_id, running.kind)) this.dropRinging(running.call_id);
  }

  hangUp(): void {
    const session = this.session;
    if (!session) return;
    session.send({ kind: "hangup" });
    this.endSession(null);
  }

  toggleMute(): void {
    this.session?.toggleMute();
  }

  async toggleCamera(): Promise<void> {
    await this.session?.toggleCamera();
  }

  async toggleScreenShare(): Promise<void> {
    await this.session?.toggleScreenShare();
  }

  async switchDevice(kind: "audio" | "video", deviceId: string): Promise<void> {
    chooseDevice(kind, deviceId);
    await this.session?.switchDevice(kind, deviceId);
  }

  /** Group: starts a call (callId null) or joins the running one; the offers follow the server's answer. */
  private async joinGroup(
    chatId: number,
    callId: string | null,
    kind: CallKind,
    mediaKind = kind,
  ): Promise<boolean> {
    const setup = await this.prepare(mediaKind);
    if (!setup) return false;
    const session = this.open({
      callId: callId ?? crypto.randomUUID(),
      chatId,
      group: true,
      kind: callId ? kind : setup.media.kind,
      direction: callId ? "incoming" : "outgoing",
      ...setup,
    });
    session.send({ kind: "join", media: setup.media.kind });
    return true;
  }

  /** ICE servers and local media, in parallel; null (with a notice) when the call cannot start. */
  private async prepare(kind: CallKind): Promise<{ ice: IceSettings; media: LocalMedia } | null> {
    if (this.session || this.starting) {
      showNotice(NOTICE.alreadyInCall);
      return null;
    }
    if (!this.ctx?.socket.isOpen) {
      showNotice(NOTICE.failed("you are offline."));
      return null;
    }
    this.starting = true;
    try {
      const [ice, media] = await Promise.allSettled([
        fetchIceSettings(),
        acquireMedia(kind, chosenDevices()),
      ]);
      if (ice.status === "rejected" || media.status === "rejected") {
        if (media.status === "fulfilled") stopStream(media.value.stream);
        const error =
          media.status === "rejected" ? media.reason : ice.status === "rejected" ? ice.reason : null;
        if (error instanceof PermissionDenied) showNotice(NOTICE.permission);
        else
          showNotice(
            NOTICE.failed(error instanceof ApiError ? error.message : "the server could not be asked."),
          );
        return null;
      }
      if (media.value.notice) showNotice(media.value.notice);
      return { ice: ice.value, media: media.value };
    } finally {
      this.starting = false;
    }
  }

  private open(
    options: Omit<ConstructorParameters<typeof CallSession>[0], "signalling" | "renewIce" | "onUnreachable">,
  ): CallSession {
    const session: CallSession = new CallSession({
      ...options,
      signalling: this.signalling!,
      renewIce: fetchIceSettings,
      onUnreachable: () => {
        if (this.session !== session) return;
        session.send({ kind: "hangup", reason: "failed" });
        this.endSession(NOTICE.unreachable);
      },
    });
    this.session = session;
    // Labels of devices appear once a permission was given.
    void refreshDevices();
    return session;
  }

  private endSession(notice: string | null): void {
    this.session?.close();
    this.session = null;
    if (notice) showNotice(notice);
  }

  private onUpdate(call: CallView): void {
    const me = this.ctx!.me.id;
    setRunning(call);
    const mine = call.participants.find((p) => p.user_id === me);
    const session = this.session;
    if (session?.callId === call.call_id) {
      if (call.state === "ended") this.endSession(this.endNotice(session, call.end_reason));
      else if (session.group) this.syncGroup(session, call, mine);
      else
        session.setRinging(
          call.state === "ringing" &&
            call.participants.some((p) => p.user_id !== me && p.state === "ringing"),
        );
    }
    if (call.state === "ended" || (mine && mine.state !== "ringing")) this.dropRinging(call.call_id);
    else if (
      call.group &&
      mine?.state === "ringing" &&
      call.caller_id !== me &&
      session?.callId !== call.call_id
    ) {
      this.ring(
        {
          callId: call.call_id,
          chatId: call.chat_id,
          kind: call.kind,
          group: true,
          callerId: call.caller_id,
        },
        null,
      );
    }
  }

  /** Peers follow the participant list: the later joiner offers, those who left are dropped. */
  private syncGroup(session: CallSession, call: CallView, mine: CallParticipant | undefined): void {
    if (mine?.state !== "joined") {
      // Left on the server (the reconnect grace ran out, or hung up on another device).
      if (session.joined) this.endSession(null);
      return;
    }
    session.joined = true;
    session.setRinging(call.participants.some((p) => p.state === "ringing"));
    for (const p of call.participants) {
      if (p.user_id === mine.user_id) continue;
      if (p.state !== "joined") {
        if (session.peers.has(p.user_id)) session.dropPeer(p.user_id);
      } else if (!session.peers.has(p.user_id) && offersTo(mine, p))
        void session.offerTo(p.user_id).catch(logFailure);
    }
  }

  private async onSignal(frame: CallSignalFrame): Promise<void> {
    const { signal, call_id: callId, from_user_id: from } = frame;
    const session = this.session;
    const me = this.ctx!.me.id;
    if (session?.callId === callId) {
      switch (signal.kind) {
        case "offer":
          if (session.group || session.peers.has(from)) await session.onOffer(from, signal.sdp);
          return;
        case "answer":
          return session.onAnswer(from, signal.sdp);
        case "ice":
          return session.onIce(from, signal.candidate);
        case "media":
          return session.onMedia(from, signal);
        case "reject":
          if (!session.group) this.endSession(NOTICE.declined(this.name(session.chatId, from)));
          return;
        case "hangup":
          if (session.group && from !== me) return session.dropPeer(from);
          if (session.group || ENDING.has(signal.reason ?? "hangup"))
            this.endSession(this.hangupNotice(session, from, signal.reason));
          return;
      }
      return;
    }
    const ringing = this.ringing.get(callId);
    if (
      signal.kind === "offer" &&
      !ringing &&
      !signal.ice_restart &&
      this.chat(frame.conversation_id)?.type !== "group"
    ) {
      const kind = signal.media ?? (sdpHasVideo(signal.sdp) ? "video" : "voice");
      this.ring({ callId, chatId: frame.conversation_id, kind, group: false, callerId: from }, signal.sdp);
    } else if (signal.kind === "ice" && ringing && signal.candidate) ringing.ice.push(signal.candidate);
    else if (signal.kind === "hangup" || signal.kind === "reject") this.dropRinging(callId);
  }

  private onError(frame: CallErrorFrame): void {
    const session = this.session;
    // A group call was started while another one began there: join that one instead.
    if (frame.code === "call_in_progress" && session?.group && !session.joined) {
      const { chatId, kind } = session;
      this.endSession(null);
      void this.joinGroup(chatId, frame.call_id, kind).catch(logFailure);
      return;
    }
    if (session?.callId !== frame.call_id) {
      this.dropRinging(frame.call_id);
      return;
    }
    const notices: Record<string, string> = {
      already_in_call: NOTICE.alreadyInCall,
      call_full: NOTICE.callFull,
      call_ended: NOTICE.callEnded,
      call_already_answered: NOTICE.answeredElsewhere,
      not_in_call: NOTICE.callEnded,
      not_found: NOTICE.failed(frame.message ?? "this chat is not available."),
    };
    const notice = notices[frame.code];
    if (notice) this.endSession(notice);
    else console.warn("stu calls: the server refused a signal", frame.code, frame.message);
  }

  private ring(call: Omit<IncomingCall, "at">, offer: string | null): void {
    if (this.ringing.has(call.callId) || this.session?.callId === call.callId) return;
    const entry: Ringing = {
      ...call,
      at: Date.now(),
      offer,
      ice: [],
      closeNotification: notifyCall(this.ctx!.qc, call),
    };
    this.ringing.set(call.callId, entry);
    this.ringAgain(entry);
  }

  /** (Back) into the store's incoming list, e.g. after the devices could not start. */
  private ringAgain(call: Ringing): void {
    if (!this.ringing.has(call.callId)) return;
    const { offer: _o, ice: _i, closeNotification: _c, ...incoming } = call;
    useCalls.setState((s) =>
      s.incoming.some((c) => c.callId === call.callId) ? {} : { incoming: [...s.incoming, incoming] },
    );
  }

  private dropRinging(callId: string): void {
    this.ringing.get(callId)?.closeNotification();
    this.ringing.delete(callId);
    removeIncoming(callId);
  }

  /** The running calls in my chats (banners after a reload); a call of mine that ended meanwhile closes. */
  private async loadRunning(): Promise<void> {
    // Only a call that was on before asking can be judged by the answer (a new one may not be in it).
    const session = this.session;
    let calls: CallView[];
    try {
      calls = await api<CallView[]>("/v1/calls/active");
    } catch {
      return;
    }
    if (!this.ctx) return;
    const running: Record<number, CallView> = {};
    for (const call of calls) running[call.chat_id] = call;
    useCalls.setState({ running });
    const ids = new Set(calls.map((c) => c.call_id));
    for (const callId of [...this.ringing.keys()]) if (!ids.has(callId)) this.dropRinging(callId);
    if (session && this.session === session && !ids.has(session.callId)) this.endSession(NOTICE.callEnded);
  }

  private endNotice(session: CallSession, reason: string | null): string | null {
    if (session.group) return null;
    const other = this.otherMember(session.chatId);
    if (reason === "connection_lost") return NOTICE.connectionLost;
    if (useCalls.getState().current?.direction !== "outgoing") return null;
    if (reason === "busy") return NOTICE.busy(other);
    if (reason === "missed") return NOTICE.noAnswer;
    if (reason === "declined") return NOTICE.declined(other);
    return null;
  }

  private hangupNotice(session: CallSession, from: number, reason: string | undefined): string | null {
    if (reason === "busy") return NOTICE.busy(this.name(session.chatId, from));
    if (reason === "no_answer") return NOTICE.noAnswer;
    if (reason === "connection_lost") return NOTICE.connectionLost;
    if (reason === "answered_elsewhere") return NOTICE.answeredElsewhere;
    return null;
  }

  private chat(chatId: number): Chat | undefined {
    return this.ctx?.qc.getQueryData<Chat[]>(chatsKey)?.find((c) => c.id === chatId);
  }

  private name(chatId: number, userId: number): string {
    const member = this.chat(chatId)?.members.find((m) => m.id === userId);
    return member?.display_name || member?.username || "They";
  }

  private otherMember(chatId: number): string {
    const other = this.chat(chatId)?.members.find((m) => m.id !== this.ctx?.me.id);
    return other ? this.name(chatId, other.id) : "They";
  }
}

function stopStream(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

function logFailure(error: unknown): void {
  console.warn("stu calls:", error);
}

/** The tab's one engine (started by the messenger provider). */
export const callEngine = new CallEngine();
