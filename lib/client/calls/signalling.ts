import type { RealtimeSocket, ServerFrame } from "../socket.ts";
import {
  type CallErrorFrame,
  type CallSignalFrame,
  type CallView,
  callErrorFrame,
  callSignalFrame,
  callUpdateFrame,
  type Signal,
} from "./types.ts";

export type CallFrame =
  | { type: "update"; call: CallView }
  | { type: "signal"; frame: CallSignalFrame }
  | { type: "error"; frame: CallErrorFrame };

/** A server frame about calls, checked; null for other frames and for malformed ones (logged). */
export function parseCallFrame(frame: ServerFrame): CallFrame | null {
  if (frame.type === "call_update") {
    const parsed = callUpdateFrame.safeParse(frame);
    if (parsed.success) return { type: "update", call: parsed.data.call };
  } else if (frame.type === "call_signal") {
    const parsed = callSignalFrame.safeParse(frame);
    if (parsed.success) return { type: "signal", frame: parsed.data };
  } else if (frame.type === "error" && frame.call_id !== undefined) {
    const parsed = callErrorFrame.safeParse(frame);
    if (parsed.success) return { type: "error", frame: parsed.data };
  } else return null;
  console.warn("stu calls: ignored a malformed frame", frame.type);
  return null;
}

/** Sends `call_signal` frames on the tab's socket; false when the socket is away. */
export class Signalling {
  constructor(private readonly socket: RealtimeSocket) {}

  send(chatId: number, callId: string, signal: Signal, toUserId?: number): boolean {
    return this.socket.send({
      type: "call_signal",
      conversation_id: chatId,
      call_id: callId,
      ...(toUserId === undefined ? {} : { to_user_id: toUserId }),
      signal,
    });
  }
}
