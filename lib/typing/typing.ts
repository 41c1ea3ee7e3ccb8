import { memberIds, requireMembership } from "../chats/membership.ts";
import { deliver } from "../realtime/deliver.ts";

export const TYPING_TTL_MS = 6000;
// Clients repeat typing_start while typing; members hear about it at most this often.
const REPEAT_MS = 2000;

type State = { timer: NodeJS.Timeout; sentAt: number };
const STATES = Symbol.for("stu.typing");
type WithStates = typeof globalThis & { [STATES]?: Map<string, State> };
const states = () => ((globalThis as WithStates)[STATES] ??= new Map());

async function tell(chatId: number, userId: number, typing: boolean): Promise<void> {
  const others = (await memberIds(chatId)).filter((id) => id !== userId);
  deliver(others, [{ type: "typing", conversation_id: chatId, user_id: userId, typing }]);
}

/** Marks the user as typing in the chat; it stops by itself after TYPING_TTL_MS without a repeat. */
export async function startTyping(userId: number, chatId: number): Promise<void> {
  await requireMembership(chatId, userId);
  const key = `${chatId}:${userId}`;
  const state = states().get(key);
  if (state) clearTimeout(state.timer);
  const timer = setTimeout(() => void stopTyping(userId, chatId).catch(() => {}), TYPING_TTL_MS);
  timer.unref();
  const now = Date.now();
  const announce = !state || now - state.sentAt >= REPEAT_MS;
  states().set(key, { timer, sentAt: announce ? now : state.sentAt });
  if (announce) await tell(chatId, userId, true);
}

/** Stops typing at once. The start may have come through another instance or device, so members are told regardless. */
export async function stopTyping(userId: number, chatId: number): Promise<void> {
  const key = `${chatId}:${userId}`;
  const state = states().get(key);
  if (state) {
    clearTimeout(state.timer);
    states().delete(key);
  } else {
    await requireMembership(chatId, userId);
  }
  await tell(chatId, userId, false);
}
