import { requireMembership } from "../chats/membership.ts";
import { conflict } from "../http/app-error.ts";
import { inCallTransaction, lockCallByKey } from "./call-lock.ts";
import { dialogSignal } from "./dialog-call.ts";
import { groupSignal } from "./group-call.ts";
import { parseSignal } from "./schemas.ts";

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
export async function handleCallSignal(input: CallSignalInput): Promise<void> {
  const signal = parseSignal(input.signal);
  const { chat } = await requireMembership(input.chatId, input.userId);
  const callKey = String(input.callId);
  await inCallTransaction(async (tx, effects) => {
    const call = await lockCallByKey(tx, callKey);
    if (call && call.chatId !== chat.id)
      throw conflict("call_id_in_use", "This call_id belongs to a call in another chat; choose a new one.");
    if (call?.state === "ended") throw conflict("call_ended", "That call has ended.");
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
