import { getDb, Prisma } from "../db/client.ts";
import type { CallWithParticipants } from "./call-view.ts";
import { Effects } from "./effects.ts";

export type Tx = Prisma.TransactionClient;

const isUniqueViolation = (error: unknown) =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

/**
 * Runs one call state change in a transaction and sends its effects after the commit. Two clients
 * creating the same call (or two calls in one chat) at once: the loser's insert hits a unique index,
 * and its second attempt finds the winner's row and goes on from there.
 */
export async function inCallTransaction<T>(change: (tx: Tx, effects: Effects) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const effects = new Effects();
    try {
      const result = await getDb().$transaction((tx) => change(tx, effects), { timeout: 10_000 });
      await effects.run();
      return result;
    } catch (error) {
      if (attempt >= 2 || !isUniqueViolation(error)) throw error;
    }
  }
}

/**
 * The chat's latest call with this call_id, its row locked until the transaction ends (first answer
 * wins, across instances too).
 */
export async function lockCallByKey(
  tx: Tx,
  chatId: number,
  callKey: string,
): Promise<CallWithParticipants | null> {
  const rows = await tx.$queryRaw<{ id: number }[]>`
    SELECT id FROM calls WHERE chat_id = ${chatId} AND call_id = ${callKey} ORDER BY id DESC LIMIT 1 FOR UPDATE`;
  return rows[0] ? tx.call.findUnique({ where: { id: rows[0].id }, include: { participants: true } }) : null;
}

export async function lockCall(tx: Tx, id: number): Promise<CallWithParticipants | null> {
  const rows = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM calls WHERE id = ${id} FOR UPDATE`;
  return rows[0] ? tx.call.findUnique({ where: { id }, include: { participants: true } }) : null;
}

/** A call this person is taking part in right now (joined, in a call that has not ended). */
export async function joinedCallOf(tx: Tx, userId: number, exceptCallId?: number) {
  return tx.callParticipant.findFirst({
    where: {
      userId,
      state: "joined",
      call: { state: { not: "ended" }, ...(exceptCallId ? { id: { not: exceptCallId } } : {}) },
    },
    select: { callId: true },
  });
}
