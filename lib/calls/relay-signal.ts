import { memberIds, requireMembership } from "../chats/membership.ts";
import { AppError } from "../http/app-error.ts";
import { deliver } from "../realtime/deliver.ts";

export type Signal = { kind: string } & Record<string, unknown>;

/** WebRTC signalling: relays a call signal to one member, or to every other member of the chat. */
export async function relayCallSignal(input: {
  fromUserId: number;
  chatId: number;
  callId: string | number;
  toUserId?: number;
  signal: Signal;
}): Promise<void> {
  await requireMembership(input.chatId, input.fromUserId);
  const members = await memberIds(input.chatId);
  if (input.toUserId !== undefined && !members.includes(input.toUserId)) {
    throw new AppError("not_found", 404, "That person is not in this chat.");
  }
  const targets =
    input.toUserId !== undefined ? [input.toUserId] : members.filter((id) => id !== input.fromUserId);
  deliver(targets, [
    {
      type: "call_signal",
      conversation_id: input.chatId,
      call_id: input.callId,
      from_user_id: input.fromUserId,
      signal: input.signal,
    },
  ]);
}
