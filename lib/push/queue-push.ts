import { getPool } from "../db/client.ts";
import { PUSH_MAX_ATTEMPTS } from "./push-message.ts";

/**
 * Queues the push_message job of each new message: one statement for a whole send batch, not
 * awaited by the send (the message is stored and acknowledged already; a push lost to a crash in
 * between is a notification missed, never a message). graphile-worker picks it up at once.
 */
export function queuePushes(messageIds: number[]): void {
  if (!messageIds.length) return;
  const specs = messageIds.map((id) => ({
    identifier: "push_message",
    payload: { message_id: id },
    max_attempts: PUSH_MAX_ATTEMPTS,
  }));
  getPool()
    .query(
      `SELECT 1 FROM graphile_worker.add_jobs(
         array(SELECT json_populate_recordset(null::graphile_worker.job_spec, $1::json)))`,
      [JSON.stringify(specs)],
    )
    .catch((error: Error) => console.error(`[stu] push jobs not queued: ${error.message}`));
}
