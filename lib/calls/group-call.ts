import { getConfig } from "../config/env.ts";
import type { CallParticipant } from "../db/generated/client.ts";
import type { Tx } from "./call-lock.ts";
import { joinedCallOf } from "./call-lock.ts";
import type { CallWithParticipants } from "./call-view.ts";
import { announceCall, type Effects, hangup, signalFrame, toConnection, toUser } from "./effects.ts";
import { endCall } from "./end-call.ts";
import { offerKind } from "./schemas.ts";
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

/** Groups larger than this get only the banner, not a ringing call on every member's devices. */
export const MAX_RUNG_MEMBERS = 16;

/** A group call: a mesh of joined participants, who join and leave while it goes on. */
export async function groupSignal(ctx: SignalContext): Promise<void> {
  const { signal } = ctx;
  if (signal.kind === "join") return ctx.call ? join(ctx, ctx.call) : void (await startCall(ctx));
  // A client written to the contract alone knows no `join`: its first offer starts the call (or
  // joins the running one), and an answer from a rung member joins them.
  if (!ctx.call && signal.kind === "offer") ctx.call = await startCall(ctx);
  const call = ctx.call;
  if (!call) throw noSuchCall();
  const found = await myParticipant(ctx);
  const { mine } = found;
  let { bound } = found;
  if (!bound && (signal.kind === "offer" || (signal.kind === "answer" && mine?.state === "ringing"))) {
    await join(ctx, call); // binds this connection, or throws (full, in another call)
    bound = true;
  }
  const me = { userId: ctx.userId, deviceId: ctx.deviceId };

  if (signal.kind === "reject" || signal.kind === "hangup") {
    if (bound && mine) return leave(ctx.tx, call, mine, ctx.effects);
    if (mine?.state === "ringing") {
      await ctx.tx.callParticipant.update({
        where: { callId_userId: { callId: call.id, userId: ctx.userId } },
        data: { state: "declined" },
      });
      ctx.effects.add(() =>
        toUser(ctx.userId, signalFrame(call, me, hangup("declined_elsewhere")), ctx.connectionId),
      );
      ctx.effects.add(() => announceCall(call.id));
      return;
    }
    if (signal.kind === "reject" && mine) return; // declined already, or gone: nothing rings
    throw notInCall();
  }

  // offer / answer / ice / media: from a joined participant to another one (its connection in the
  // call), or to a member still being rung (all their devices); without to_user_id, to all of them.
  if (!bound) throw notInCall();
  const reachable = call.participants.filter(
    (p) => p.userId !== ctx.userId && (p.state === "joined" || p.state === "ringing"),
  );
  const targets = ctx.toUserId === undefined ? reachable : reachable.filter((p) => p.userId === ctx.toUserId);
  if (ctx.toUserId !== undefined && !targets.length)
    throw callError("not_in_call", "That person is not in this call.");
  const frame = signalFrame(call, me, signal, ctx.rawCallId);
  ctx.effects.add(() => {
    for (const target of targets) {
      if (target.state === "joined") toConnection(target.userId, target.connectionId, frame);
      else toUser(target.userId, frame);
    }
  });
}

async function startCall(ctx: SignalContext): Promise<CallWithParticipants> {
  const { tx, chat, signal } = ctx;
  const kind =
    signal.kind === "offer" ? offerKind(signal) : signal.kind === "join" ? signal.media : undefined;
  const running = await tx.call.findFirst({ where: { chatId: chat.id, state: { not: "ended" } } });
  if (running) throw callInProgress(running.callId);
  if (await joinedCallOf(tx, ctx.userId)) throw alreadyInCall();
  const members = await tx.chatMember.findMany({ where: { chatId: chat.id }, select: { userId: true } });
  const rung = members.length <= MAX_RUNG_MEMBERS ? members.filter((m) => m.userId !== ctx.userId) : [];
  const now = new Date();
  const call = await tx.call.create({
    data: {
      callId: ctx.callKey,
      chatId: chat.id,
      callerId: ctx.userId,
      callerDeviceId: ctx.deviceId,
      kind: kind ?? "voice",
      isGroup: true,
      state: "active",
      answeredAt: now,
      participants: {
        create: [
          {
            userId: ctx.userId,
            deviceId: ctx.deviceId,
            connectionId: ctx.connectionId,
            state: "joined",
            joinedAt: now,
          },
          ...rung.map((m) => ({ userId: m.userId, state: "ringing" as const })),
        ],
      },
    },
    include: { participants: true },
  });
  ctx.effects.add(() => announceCall(call.id));
  if (rung.length) await scheduleRingTimeout(tx, call);
  return call;
}

async function join(ctx: SignalContext, call: CallWithParticipants): Promise<void> {
  const { mine, bound } = await myParticipant(ctx);
  if (mine?.state === "joined") {
    if (!bound) throw alreadyInCall(); // joined from another device
    ctx.effects.add(() => announceCall(call.id)); // back after a reconnect: the rejoiner gets the list
    return;
  }
  if (await joinedCallOf(ctx.tx, ctx.userId, call.id)) throw alreadyInCall();
  const joined = call.participants.filter((p) => p.state === "joined").length;
  const max = getConfig().calls.maxParticipants;
  if (joined >= max)
    throw callError("call_full", `This call already has ${max} people, the most it can take.`);
  const data = {
    state: "joined" as const,
    deviceId: ctx.deviceId,
    connectionId: ctx.connectionId,
    joinedAt: new Date(),
    leftAt: null,
    disconnectedAt: null,
  };
  await ctx.tx.callParticipant.upsert({
    where: { callId_userId: { callId: call.id, userId: ctx.userId } },
    create: { callId: call.id, userId: ctx.userId, ...data },
    update: data,
  });
  if (mine?.state === "ringing") {
    const me = { userId: ctx.userId, deviceId: ctx.deviceId };
    ctx.effects.add(() =>
      toUser(ctx.userId, signalFrame(call, me, hangup("answered_elsewhere")), ctx.connectionId),
    );
  }
  ctx.effects.add(() => announceCall(call.id));
}

/**
 * A participant leaves (hung up, or their socket did not come back in time). The last one to leave
 * ends the call: completed when anyone besides the starter ever joined, else missed.
 */
export async function leave(
  tx: Tx,
  call: CallWithParticipants,
  participant: CallParticipant,
  effects: Effects,
): Promise<void> {
  await tx.callParticipant.update({
    where: { callId_userId: { callId: call.id, userId: participant.userId } },
    data: { state: "left", leftAt: new Date() },
  });
  const stillJoined = call.participants.some((p) => p.state === "joined" && p.userId !== participant.userId);
  if (stillJoined) {
    effects.add(() => announceCall(call.id));
    return;
  }
  const othersJoined = call.participants.some((p) => p.userId !== call.callerId && p.joinedAt !== null);
  return endCall(tx, call, othersJoined ? "completed" : "missed", effects);
}
