import { getPool } from "../db/client.ts";
import { PUSH_MAX_ATTEMPTS } from "./push-message.ts";

/**
 * Queues the push_message job of each new message whose chat has someone else with a push
 * subscription: a read first, so chats nobody subscribed in cost no write (nor a job to run), then
 * one statement for a whole send batch. Not awaited by the send (the message is stored and
 * acknowledged already; a push lost to a crash in between is a notification missed, never a
 * message). graphile-worker picks the jobs up at once.
 */
export function queuePushes(messageIds: number[]): void {
  if (!messageIds.length) return;
  queue(messageIds).catch((error: Error) => console.error(`[stu] push jobs not queued: ${error.message}`));
}

async function queue(messageIds: number[]): Promise<void> {
  const pool = getPool();
  const { rows } = await pool.query<{ id: number }>(
    `SELECT m.id FROM messages m
     WHERE m.id = ANY($1::int[]) AND EXISTS (
       SELECT 1 FROM chat_members cm
       JOIN devices d ON d.user_id = cm.user_id
       JOIN push_subscriptions ps ON ps.device_id = d.id
       WHERE cm.chat_id = m.chat_id AND cm.user_id <> m.sender_id)`,
    [messageIds],
  );
  if (!rows.length) return;
  const specs = rows.map(({ id }) => ({
    identifier: "push_message",
    payload: { message_id: id },
    max_attempts: PUSH_MAX_ATTEMPTS,
  }));
  await pool.query(
    `SELECT 1 FROM graphile_worker.add_jobs(
       array(SELECT json_populate_recordset(null::graphile_worker.job_spec, $1::json)))`,
    [JSON.stringify(specs)],
  );
}
