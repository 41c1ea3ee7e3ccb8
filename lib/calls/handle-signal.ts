import { requireMembership } from "../chats/membership.ts";
import { conflict } from "../http/app-error.ts";
import { inCallTransaction, lockCallByKey } from "./call-lock.ts";
import { dialogSignal } from "./dialog-call.ts";
import { groupSignal } from "./group-call.ts";
import { parseSignal, type Signal } from "./schemas.ts";

export type CallSignalInput = {
  userId: number;
  deviceId: number;
  /** The socket the frame came on: calls are bound to one connection per participant. */
  connectionId: string;
  chatId: number;
  callId: string | number;
  toUserId?: number;
  signal: unknown;
};

/**
 * One call_signal frame: checked (a chat the sender is not in does not exist for them), then the
 * call's state changes under its row lock, and what it sends goes out after the commit.
 */
// A `join` for an ended call is a late click on a banner: it must not ring everyone again.
const startsCall = (signal: Signal) => signal.kind === "offer" && signal.ice_restart !== true;

export async function handleCallSignal(input: CallSignalInput): Promise<void> {
  const signal = parseSignal(input.signal);
  const { chat } = await requireMembership(input.chatId, input.userId);
  const callKey = String(input.callId);
  await inCallTransaction(async (tx, effects) => {
    let call = await lockCallByKey(tx, chat.id, callKey);
    // Clients that number their calls (1, 2, …) may use a number again once its call is over: a
    // fresh offer starts a new call. Anything else for an ended call is too late.
    if (call?.state === "ended") {
      if (!startsCall(signal)) throw conflict("call_ended", "That call has ended.");
      call = null;
    }
    const ctx = {
      tx,
      effects,
      chat,
      call,
      callKey,
      rawCallId: input.callId,
      userId: input.userId,
      deviceId: input.deviceId,
      connectionId: input.connectionId,
      toUserId: input.toUserId,
      signal,
    };
    await (chat.type === "group" ? groupSignal(ctx) : dialogSignal(ctx));
  });
}
