import { memberIds } from "../chats/membership.ts";
import { getConfig } from "../config/env.ts";
import { getDb } from "../db/client.ts";
import { deliver, deliverToConnections } from "../realtime/deliver.ts";
import type { Frame } from "../realtime/events.ts";
import { blockersAmong } from "../users/blocks.ts";
import { type CallWithParticipants, toCallView } from "./call-view.ts";

/**
 * What a state change sends, queued while its transaction runs and sent once it has committed
 * (a rolled-back change sends nothing). Steps run in order; a failing one is logged, not thrown:
 * the change is already stored.
 */
export class Effects {
  private readonly steps: Array<() => Promise<unknown> | unknown> = [];

  add(step: () => Promise<unknown> | unknown): void {
    this.steps.push(step);
  }

  async run(): Promise<void> {
    for (const step of this.steps.splice(0)) {
      try {
        await step();
      } catch (error) {
        console.error(`[stu] call effect failed: ${(error as Error)?.stack ?? error}`);
      }
    }
  }
}

export type SignalSource = { userId: number; deviceId: number | null };

/** A `call_signal` frame as peers receive it. */
export function signalFrame(
  call: { chatId: number; callId: string },
  from: SignalSource,
  signal: Record<string, unknown>,
  callId: string | number = call.callId,
): Frame {
  return {
    type: "call_signal",
    conversation_id: call.chatId,
    call_id: callId,
    from_user_id: from.userId,
    from_device_id: from.deviceId,
    signal,
  };
}

/** A hangup the server makes (cancelled, missed, answered_elsewhere, …): it always says why. */
export const hangup = (reason: string) => ({ kind: "hangup", reason });

export function toUser(userId: number, frame: Frame, exceptConnection?: string): void {
  deliver([userId], [frame], exceptConnection);
}

export function toConnection(userId: number, connectionId: string | null, frame: Frame): void {
  if (connectionId) deliverToConnections([userId], [connectionId], [frame]);
}

/** To a dialog callee, unless they blocked the caller (they are never rung, so they notice nothing). */
export async function toCallee(call: { callerId: number }, calleeId: number, frame: Frame): Promise<void> {
  if (!(await blockersAmong(call.callerId, [calleeId])).has(calleeId)) toUser(calleeId, frame);
}

/** Who hears of a call: its chat's members, less (in a dialog) someone who blocked the caller. */
export async function audienceOf(call: {
  chatId: number;
  callerId: number;
  isGroup: boolean;
}): Promise<number[]> {
  const members = await memberIds(call.chatId);
  if (call.isGroup) return members;
  const blockers = await blockersAmong(call.callerId, members);
  return members.filter((id) => !blockers.has(id));
}

export async function loadCall(id: number): Promise<CallWithParticipants | null> {
  return getDb().call.findUnique({ where: { id }, include: { participants: true } });
}

/** `call_update` with the call as it is now, to every connection of its audience. */
export async function announceCall(id: number): Promise<void> {
  const call = await loadCall(id);
  if (!call) return;
  deliver(await audienceOf(call), [
    {
      type: "call_update",
      conversation_id: call.chatId,
      call: toCallView(call, getConfig().calls.maxParticipants),
    },
  ]);
}
