import { z } from "zod";
import { idSchema } from "../chats/schemas.ts";
import { getConfig } from "../config/env.ts";
import { getDb } from "../db/client.ts";
import type { Prisma } from "../db/generated/client.ts";
import { notFound } from "../http/app-error.ts";
import { pageLimit } from "../http/cursor.ts";
import { blockedBy } from "../users/blocks.ts";
import { type CallView, toCallView } from "./call-view.ts";

export const listCallsSchema = z.object({
  chat_id: idSchema.optional(),
  before_id: idSchema.optional(),
  limit: pageLimit(100, 50),
});

/**
 * The calls of the user's chats; a dialog call from someone the user blocked is left out (it never
 * rang for them, and its entry is hidden from their history too).
 */
async function visibleCalls(
  userId: number,
  where: Prisma.CallWhereInput,
  take?: number,
): Promise<CallView[]> {
  const blocked = await blockedBy(userId);
  const calls = await getDb().call.findMany({
    where: {
      ...where,
      chat: { members: { some: { userId } } },
      ...(blocked.length ? { NOT: { isGroup: false, callerId: { in: blocked } } } : {}),
    },
    include: { participants: true },
    orderBy: { id: "desc" },
    take,
  });
  const max = getConfig().calls.maxParticipants;
  return calls.map((c) => toCallView(c, max));
}

/** Calls not ended in the user's chats (the banner and the incoming screen after a reload). */
export function listActiveCalls(userId: number): Promise<CallView[]> {
  return visibleCalls(userId, { state: { not: "ended" } });
}

/** Newest first, optionally of one chat, before a call id. */
export function listCalls(userId: number, query: z.infer<typeof listCallsSchema>): Promise<CallView[]> {
  return visibleCalls(
    userId,
    {
      ...(query.chat_id !== undefined ? { chatId: query.chat_id } : {}),
      ...(query.before_id !== undefined ? { id: { lt: query.before_id } } : {}),
    },
    query.limit,
  );
}

/** One call of a chat the user is in; any other is a 404. */
export async function getCall(userId: number, id: number): Promise<CallView> {
  const [call] = await visibleCalls(userId, { id });
  if (!call) throw notFound("call");
  return call;
}
