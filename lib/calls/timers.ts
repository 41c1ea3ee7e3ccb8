import type { Task } from "graphile-worker";
import { z } from "zod";
import { getConfig } from "../config/env.ts";
import { getDb } from "../db/client.ts";
import { addJob } from "../jobs/add-job.ts";
import { inCallTransaction, lockCall, type Tx } from "./call-lock.ts";
import { announceCall, hangup, signalFrame, toCallee, toConnection, toUser } from "./effects.ts";
import { endCall } from "./end-call.ts";
import { leave } from "./group-call.ts";

/**
 * The ring timer: a durable job, added in the transaction that creates the call (no call without
 * its timer), so it fires even if this instance is gone by then.
 */
export async function scheduleRingTimeout(tx: Tx, call: { id: number; startedAt: Date }): Promise<void> {
  await addJob(
    "call_ring_timeout",
    { call: call.id },
    {
      runAt: new Date(call.startedAt.getTime() + getConfig().calls.ringTimeout * 1000),
      jobKey: `call_ring_timeout:${call.id}`,
      maxAttempts: 5,
    },
    tx,
  );
}

const ringPayload = z.object({ call: z.number().int() });

/**
 * Nobody answered in time. A dialog ends missed (the caller hears "no answer", the callee's devices
 * stop ringing); in a group the members still ringing have missed it, and the call goes on.
 */
export async function ringTimedOut(callId: number): Promise<void> {
  await inCallTransaction(async (tx, effects) => {
    const call = await lockCall(tx, callId);
    if (!call || call.state === "ended") return;
    const ringing = call.participants.filter((p) => p.state === "ringing");
    if (call.isGroup) {
      if (!ringing.length) return;
      await tx.callParticipant.updateMany({
        where: { callId, state: "ringing" },
        data: { state: "missed" },
      });
      const starter = { userId: call.callerId, deviceId: call.callerDeviceId };
      for (const p of ringing)
        effects.add(() => toUser(p.userId, signalFrame(call, starter, hangup("missed"))));
      effects.add(() => announceCall(callId));
      return;
    }
    if (call.state !== "ringing") return;
    const caller = call.participants.find((p) => p.userId === call.callerId);
    const callee = call.participants.find((p) => p.userId !== call.callerId);
    if (caller && callee) {
      effects.add(() => {
        toConnection(
          caller.userId,
          caller.connectionId,
          signalFrame(call, { userId: callee.userId, deviceId: null }, hangup("no_answer")),
        );
        return toCallee(
          call,
          callee.userId,
          signalFrame(call, { userId: caller.userId, deviceId: call.callerDeviceId }, hangup("missed")),
        );
      });
    }
    await endCall(tx, call, "missed", effects);
  });
}

const ringTimeoutTask: Task = async (payload) => ringTimedOut(ringPayload.parse(payload).call);

const gracePayload = z.object({ call: z.number().int(), user: z.number().int(), connection: z.string() });

/**
 * A socket bound to a call closed: its participant is marked away and has reconnectGrace seconds
 * to come back on a new socket of the same device (any call_signal for the call rebinds it).
 */
export async function callConnectionClosed(connectionId: string): Promise<void> {
  const away = await getDb().callParticipant.findMany({
    where: { connectionId, state: "joined", call: { state: { not: "ended" } } },
    select: { callId: true, userId: true },
  });
  const grace = getConfig().calls.reconnectGrace;
  for (const p of away) {
    const marked = await getDb().callParticipant.updateMany({
      where: { callId: p.callId, userId: p.userId, connectionId, state: "joined" },
      data: { disconnectedAt: new Date() },
    });
    if (!marked.count) continue;
    await addJob(
      "call_grace",
      { call: p.callId, user: p.userId, connection: connectionId },
      {
        runAt: new Date(Date.now() + grace * 1000),
        jobKey: `call_grace:${p.callId}:${p.userId}`,
        maxAttempts: 5,
      },
    );
  }
}

/**
 * The grace is over. Still on the socket that closed: a dialog ends connection_lost (the other side
 * is told), a group participant leaves. Rebound to a new socket meanwhile: nothing to do.
 */
export async function graceOver(callId: number, userId: number, connectionId: string): Promise<void> {
  await inCallTransaction(async (tx, effects) => {
    const call = await lockCall(tx, callId);
    if (!call || call.state === "ended") return;
    const lost = call.participants.find((p) => p.userId === userId);
    if (lost?.state !== "joined" || lost.connectionId !== connectionId || !lost.disconnectedAt) return;
    if (call.isGroup) return leave(tx, call, lost, effects);
    const other = call.participants.find((p) => p.userId !== userId);
    if (other) {
      const frame = signalFrame(call, { userId, deviceId: lost.deviceId }, hangup("connection_lost"));
      effects.add(() =>
        other.state === "joined"
          ? toConnection(other.userId, other.connectionId, frame)
          : toUser(other.userId, frame),
      );
    }
    await endCall(tx, call, "connection_lost", effects);
  });
}

const graceTask: Task = async (payload) => {
  const { call, user, connection } = gracePayload.parse(payload);
  await graceOver(call, user, connection);
};

export const callTasks = { call_ring_timeout: ringTimeoutTask, call_grace: graceTask };
