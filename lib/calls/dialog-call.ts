import { hasBlocked } from "../users/blocks.ts";
import { joinedCallOf } from "./call-lock.ts";
import type { CallWithParticipants } from "./call-view.ts";
import { announceCall, hangup, signalFrame, toCallee, toConnection, toUser } from "./effects.ts";
import { endCall } from "./end-call.ts";
import { invalidFrame, offerKind } from "./schemas.ts";
import {
  alreadyInCall,
  callError,
  callInProgress,
  myParticipant,
  noSuchCall,
  notInCall,
  type SignalContext,
} from "./signal-context.ts";
import { scheduleRingTimeout } from "./timers.ts";

/** A call in a dialog: the caller rings every device of the other person; one of them takes it. */
export async function dialogSignal(ctx: SignalContext): Promise<void> {
  const { call, signal } = ctx;
  if (signal.kind === "join")
    throw invalidFrame("join is for group calls; start a dialog call with an offer.");
  if (!call) {
    if (signal.kind !== "offer") throw noSuchCall();
    return startCall(ctx);
  }
  const { mine, bound } = await myParticipant(ctx);
  if (!mine) throw notInCall();
  const other = call.participants.find((p) => p.userId !== ctx.userId);
  if (!other) throw notInCall();
  const me = { userId: ctx.userId, deviceId: ctx.deviceId };
  const relay = signalFrame(call, me, signal, ctx.rawCallId);
  const isCaller = ctx.userId === call.callerId;

  if (call.state === "ringing" && isCaller) {
    if (!bound) throw notInCall(); // the caller's other devices only watch
    if (signal.kind === "hangup" || signal.kind === "reject") {
      ctx.effects.add(() => toCallee(call, other.userId, signalFrame(call, me, hangup("cancelled"))));
      return endCall(ctx.tx, call, "cancelled", ctx.effects);
    }
    if (signal.kind === "answer") throw notInCall();
    // A renewed offer, trickled ICE, media state: to every ringing device of the callee.
    ctx.effects.add(() => toUser(other.userId, relay));
    return;
  }

  if (call.state === "ringing") {
    const caller = other;
    if (signal.kind === "answer") return answer(ctx, call, caller.userId, caller.connectionId);
    if (signal.kind === "reject" || signal.kind === "hangup") {
      await ctx.tx.callParticipant.update({
        where: { callId_userId: { callId: call.id, userId: ctx.userId } },
        data: { state: "declined" },
      });
      ctx.effects.add(() => {
        toConnection(
          caller.userId,
          caller.connectionId,
          signalFrame(call, me, { ...signal, kind: "reject" }, ctx.rawCallId),
        );
        toUser(ctx.userId, signalFrame(call, me, hangup("declined_elsewhere")), ctx.connectionId);
      });
      return endCall(ctx.tx, call, "declined", ctx.effects);
    }
    if (signal.kind === "offer") throw notInCall();
    ctx.effects.add(() => toConnection(caller.userId, caller.connectionId, relay));
    return;
  }

  // Active: only the two bound connections talk; anything they send goes to the other one.
  if (!bound) {
    if (signal.kind === "answer" && !isCaller)
      throw callError("call_already_answered", "The call was answered on another device.");
    throw notInCall();
  }
  if (signal.kind === "hangup" || signal.kind === "reject") {
    // The client gives up on a call whose media never connected: a failed call, not a talk of N s.
    const failed = signal.kind === "hangup" && signal.reason === "failed";
    const reason = failed ? "failed" : "hangup";
    ctx.effects.add(() =>
      toConnection(other.userId, other.connectionId, signalFrame(call, me, hangup(reason), ctx.rawCallId)),
    );
    return endCall(ctx.tx, call, failed ? "failed" : "completed", ctx.effects);
  }
  ctx.effects.add(() => toConnection(other.userId, other.connectionId, relay));
}

async function startCall(ctx: SignalContext): Promise<void> {
  const { tx, chat, effects } = ctx;
  const signal = ctx.signal as Extract<SignalContext["signal"], { kind: "offer" }>;
  const members = await tx.chatMember.findMany({ where: { chatId: chat.id }, select: { userId: true } });
  const callee = members.find((m) => m.userId !== ctx.userId)?.userId;
  if (callee === undefined) throw invalidFrame("There is nobody else in this dialog to call.");
  const calleeUser = await tx.user.findUnique({ where: { id: callee }, select: { deletedAt: true } });
  if (calleeUser?.deletedAt)
    throw callError("user_deleted", "This account was deleted; it cannot be called.");
  if (await joinedCallOf(tx, ctx.userId)) throw alreadyInCall();
  const running = await tx.call.findFirst({ where: { chatId: chat.id, state: { not: "ended" } } });
  if (running) throw callInProgress(running.callId);
  const busy = (await joinedCallOf(tx, callee)) !== null;
  const now = new Date();
  const call = await tx.call.create({
    data: {
      callId: ctx.callKey,
      chatId: chat.id,
      callerId: ctx.userId,
      callerDeviceId: ctx.deviceId,
      kind: offerKind(signal),
      isGroup: false,
      participants: {
        create: [
          {
            userId: ctx.userId,
            deviceId: ctx.deviceId,
            connectionId: ctx.connectionId,
            state: "joined",
            joinedAt: now,
          },
          { userId: callee, state: "ringing" },
        ],
      },
    },
    include: { participants: true },
  });
  const me = { userId: ctx.userId, deviceId: ctx.deviceId };
  if (busy) {
    effects.add(() =>
      toConnection(
        ctx.userId,
        ctx.connectionId,
        signalFrame(call, { userId: callee, deviceId: null }, hangup("busy"), ctx.rawCallId),
      ),
    );
    return endCall(tx, call, "busy", effects);
  }
  // Someone who blocked the caller is not rung: the call rings out to "missed" for the caller.
  const blocked = await hasBlocked(callee, ctx.userId);
  if (!blocked) effects.add(() => toUser(callee, signalFrame(call, me, signal, ctx.rawCallId)));
  effects.add(() => announceCall(call.id));
  await scheduleRingTimeout(tx, call);
}

async function answer(
  ctx: SignalContext,
  call: CallWithParticipants,
  callerId: number,
  callerConnection: string | null,
): Promise<void> {
  const now = new Date();
  await ctx.tx.call.update({ where: { id: call.id }, data: { state: "active", answeredAt: now } });
  await ctx.tx.callParticipant.update({
    where: { callId_userId: { callId: call.id, userId: ctx.userId } },
    data: {
      state: "joined",
      deviceId: ctx.deviceId,
      connectionId: ctx.connectionId,
      joinedAt: now,
      disconnectedAt: null,
    },
  });
  const me = { userId: ctx.userId, deviceId: ctx.deviceId };
  ctx.effects.add(() => {
    toConnection(callerId, callerConnection, signalFrame(call, me, ctx.signal, ctx.rawCallId));
    toUser(ctx.userId, signalFrame(call, me, hangup("answered_elsewhere")), ctx.connectionId);
  });
  ctx.effects.add(() => announceCall(call.id));
}
