import type { AuthContext } from "../auth/authenticate.ts";
import { getDb, type Prisma } from "../db/client.ts";
import type { AuditEntry, Message } from "../db/generated/client.ts";
import { conflict, notFound } from "../http/app-error.ts";
import { announceMessages, markModerated } from "../moderation/moderated-messages.ts";
import { announceWarning, createWarning } from "../moderation/warnings.ts";
import { appendAudit } from "./audit-chain.ts";
import { type AuditEntryView, toAuditView } from "./audit-views.ts";
import { afterBan, banInTx, findTargetUser, unbanInTx } from "./ban-user.ts";
import { grantAdminInTx, revokeAdminInTx } from "./roles.ts";
import type { AdminActionInput } from "./schemas.ts";

type Tx = Prisma.TransactionClient;
type Done = { entry: AuditEntry; after?: () => Promise<void> };

/**
 * One admin action and its audit entry, committed together; what must reach other sessions (closed
 * sockets, tombstones, the warning) is sent once the transaction has committed. Answers the entry.
 */
export async function performAdminAction(
  admin: Pick<AuthContext, "userId">,
  input: AdminActionInput,
): Promise<AuditEntryView> {
  const { entry, after } = await getDb().$transaction((tx) => run(tx, admin.userId, input));
  await after?.();
  return toAuditView(entry);
}

async function run(tx: Tx, actorId: number, input: AdminActionInput): Promise<Done> {
  const audit = (fields: { targetUserId?: number; messageId?: number; details?: Record<string, unknown> }) =>
    appendAudit(tx, { actorId, actorKind: "admin", action: input.action, reason: input.reason, ...fields });
  const at = new Date();
  switch (input.action) {
    case "ban_user": {
      const { removed } = await banInTx(tx, {
        userId: input.user_id,
        deleteMessages: input.delete_messages,
        at,
      });
      const entry = await audit({
        targetUserId: input.user_id,
        details: { delete_messages: input.delete_messages, messages_removed: removed.length },
      });
      return { entry, after: () => afterBan(input.user_id, removed) };
    }
    case "unban_user":
      await unbanInTx(tx, input.user_id);
      return { entry: await audit({ targetUserId: input.user_id }) };
    case "delete_message": {
      const removed = await removeMessage(tx, input.message_id, at);
      const entry = await audit({ targetUserId: removed.senderId, messageId: removed.id });
      return { entry, after: () => announceMessages([removed]) };
    }
    case "warn_user": {
      await findTargetUser(tx, input.user_id);
      const warning = await createWarning(tx, {
        userId: input.user_id,
        reason: input.reason,
        createdById: actorId,
      });
      const entry = await audit({ targetUserId: input.user_id, details: { warning_id: warning.id } });
      return { entry, after: async () => announceWarning(warning) };
    }
    case "grant_admin":
      await grantAdminInTx(tx, input.user_id);
      return { entry: await audit({ targetUserId: input.user_id }) };
    case "revoke_admin":
      await revokeAdminInTx(tx, input.user_id);
      return { entry: await audit({ targetUserId: input.user_id }) };
  }
}

/** Any message, in any chat: admins need not be members. Already gone → 409. */
export async function removeMessage(tx: Tx, messageId: number, at: Date): Promise<Message> {
  const message = await tx.message.findUnique({ where: { id: messageId } });
  if (!message) throw notFound("message");
  const [removed] = await markModerated(tx, { messageIds: [messageId] }, at);
  if (!removed) throw conflict("already_removed", "This message is already removed or deleted.");
  return removed;
}
