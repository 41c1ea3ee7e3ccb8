import type { Chat } from "../db/generated/client.ts";
import { AppError, conflict } from "../http/app-error.ts";
import type { Tx } from "./call-lock.ts";
import type { CallWithParticipants } from "./call-view.ts";
import type { Effects } from "./effects.ts";
import type { Signal } from "./schemas.ts";

/** One call_signal frame being handled, inside the transaction that holds the call's row lock. */
export type SignalContext = {
  tx: Tx;
  effects: Effects;
  chat: Chat;
  /** The call the frame names (locked), or null when its call_id is new. */
  call: CallWithParticipants | null;
  callKey: string;
  /** The call_id as the client sent it (an integer stays one in relayed frames). */
  rawCallId: string | number;
  userId: number;
  deviceId: number;
  connectionId: string;
  toUserId: number | undefined;
  signal: Signal;
};

export const callError = (code: string, message: string, extra: Record<string, unknown> = {}) =>
  new AppError(code, 409, message, { details: extra });

export const notInCall = () => callError("not_in_call", "This connection is not taking part in that call.");
export const alreadyInCall = () => callError("already_in_call", "You are already in a call.");
export const noSuchCall = () => new AppError("not_found", 404, "No such call.");
export const callInProgress = (callKey: string) =>
  callError("call_in_progress", "A call is already going on in this chat.", { call_id: callKey });

export { conflict };

/**
 * The participant of this frame's user, rebound to this connection when it is the same device
 * coming back: after its socket dropped (disconnected_at), or an ICE-restart offer or a join from a
 * new socket of that device (the server may not have noticed the old socket is gone yet).
 */
export async function myParticipant(ctx: SignalContext) {
  const call = ctx.call!;
  const mine = call.participants.find((p) => p.userId === ctx.userId);
  if (!mine) return { mine: undefined, bound: false };
  if (mine.connectionId === ctx.connectionId) return { mine, bound: mine.state === "joined" };
  const reconnecting =
    mine.disconnectedAt !== null ||
    (ctx.signal.kind === "offer" && ctx.signal.ice_restart === true) ||
    ctx.signal.kind === "join";
  if (mine.state === "joined" && mine.deviceId === ctx.deviceId && reconnecting) {
    await ctx.tx.callParticipant.update({
      where: { callId_userId: { callId: call.id, userId: ctx.userId } },
      data: { connectionId: ctx.connectionId, disconnectedAt: null },
    });
    mine.connectionId = ctx.connectionId;
    mine.disconnectedAt = null;
    return { mine, bound: true };
  }
  return { mine, bound: false };
}
