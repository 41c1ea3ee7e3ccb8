import { type AuthContext, renewTokenAuth, type TokenAuth } from "../lib/auth/authenticate.ts";
import { handleCallSignal } from "../lib/calls/handle-signal.ts";
import { databaseUnavailable, isDatabaseUnavailable } from "../lib/db/unavailable.ts";
import { deleteMessage, editMessage, hideMessage } from "../lib/messages/change-message.ts";
import { forwardMessages } from "../lib/messages/forward-messages.ts";
import { markReceipt } from "../lib/messages/receipts.ts";
import { sendMessage } from "../lib/messages/send-message.ts";
import { pinMessage, unpinMessage } from "../lib/pins/pin-message.ts";
import { react } from "../lib/reactions/react.ts";
import type { Frame } from "../lib/realtime/events.ts";
import { startTyping, stopTyping } from "../lib/typing/typing.ts";
import type { ClientFrame } from "./frames.ts";

export type FrameContext = {
  auth: AuthContext;
  connectionId: string;
  reply(frame: Frame): void;
  /** The connection now lives on the renewed token. */
  renewAuth(auth: TokenAuth): void;
};

/**
 * One validated frame → the same domain call the REST API makes → an ACK where the protocol has
 * one. A database outage becomes a `service_unavailable` error frame the client can retry on.
 */
export async function handleFrame(frame: ClientFrame, ctx: FrameContext): Promise<void> {
  try {
    await dispatch(frame, ctx);
  } catch (error) {
    throw isDatabaseUnavailable(error) ? databaseUnavailable() : error;
  }
}

async function dispatch(frame: ClientFrame, ctx: FrameContext): Promise<void> {
  const { userId } = ctx.auth;
  switch (frame.type) {
    case "send_message": {
      const { message } = await sendMessage(
        {
          chatId: frame.conversation_id,
          senderId: userId,
          text: frame.text,
          tempId: frame.temp_id,
          replyToId: frame.reply_to_id,
          attachmentIds: frame.attachments,
        },
        { exceptConnection: ctx.connectionId },
      );
      ctx.reply({ type: "message_sent", temp_id: frame.temp_id ?? null, message });
      return;
    }
    case "typing_start":
      return startTyping(userId, frame.conversation_id);
    case "typing_stop":
      return stopTyping(userId, frame.conversation_id);
    case "delivered":
    case "read":
      return markReceipt(userId, frame.message_id, frame.type, frame.conversation_id);
    case "edit_message":
      await editMessage(userId, frame.message_id, frame.text);
      return;
    case "delete_message":
      return frame.for === "me"
        ? hideMessage(userId, frame.message_id)
        : deleteMessage(ctx.auth, frame.message_id);
    case "pin_message":
      await pinMessage({ userId, messageId: frame.message_id });
      return;
    case "unpin_message":
      return unpinMessage({ userId, messageId: frame.message_id });
    case "forward_messages": {
      const { messages } = await forwardMessages({
        userId,
        targetChatId: frame.conversation_id,
        fromChatId: frame.from_chat_id,
        messageIds: frame.message_ids,
        tempId: frame.temp_id,
      });
      ctx.reply({ type: "messages_forwarded", temp_id: frame.temp_id ?? null, messages });
      return;
    }
    case "add_reaction":
    case "remove_reaction":
      await react({
        userId,
        messageId: frame.message_id,
        emoji: frame.emoji,
        action: frame.type === "add_reaction" ? "add" : "remove",
      });
      return;
    case "call_signal":
      return handleCallSignal({
        userId,
        deviceId: ctx.auth.deviceId,
        connectionId: ctx.connectionId,
        chatId: frame.conversation_id,
        callId: frame.call_id,
        toUserId: frame.to_user_id,
        signal: frame.signal,
      });
    case "auth": {
      const renewed = await renewTokenAuth(ctx.auth, frame.token);
      ctx.renewAuth(renewed);
      ctx.reply({ type: "auth_ok", token_expires_at: renewed.expiresAt.toISOString() });
      return;
    }
    case "ping":
      ctx.reply({ type: "pong", time: new Date().toISOString() });
      return;
  }
}
