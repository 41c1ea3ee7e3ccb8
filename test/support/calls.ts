import { randomUUID } from "node:crypto";
import { afterEach } from "vitest";
import { type Account, type Api, baseUrl } from "./api.ts";
import { TestSocket } from "./socket.ts";

/** An SDP with an audio and a sending video section (what a video call offers). */
export const VIDEO_SDP = [
  "v=0",
  "o=- 1 2 IN IP4 127.0.0.1",
  "s=-",
  "t=0 0",
  "m=audio 9 UDP/TLS/RTP/SAVPF 111",
  "a=sendrecv",
  "m=video 9 UDP/TLS/RTP/SAVPF 96",
  "a=sendrecv",
  "",
].join("\r\n");
/** Audio, and a video transceiver without a track (a voice call of the web app). */
export const VOICE_SDP = VIDEO_SDP.replace(
  "m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=sendrecv",
  "m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=inactive",
);

export const newCallId = () => randomUUID();

/** A second session (device) of the same person. */
export async function secondDevice(api: Api, account: Account): Promise<Account> {
  const res = await api.post("/v1/auth/login", { email: account.email, password: account.password });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { ...account, deviceId: res.body.device_id, accessToken: res.body.access_token };
}

export async function dialogBetween(api: Api, a: Account, b: Account): Promise<number> {
  const res = await api.post("/v1/dialogs", { user_id: b.userId }, a.accessToken);
  if (res.status !== 200 && res.status !== 201) throw new Error(`dialog failed: ${JSON.stringify(res.body)}`);
  return res.body.id;
}

export async function groupOf(
  api: Api,
  owner: Account,
  members: Account[],
  title = "Call group",
): Promise<number> {
  const res = await api.post(
    "/v1/chats",
    { type: "group", title, members: members.map((m) => m.userId) },
    owner.accessToken,
  );
  if (res.status !== 201) throw new Error(`group failed: ${JSON.stringify(res.body)}`);
  return res.body.id;
}

/** Sends a call_signal frame. */
export function signal(
  socket: TestSocket,
  chatId: number,
  callId: string | number,
  sig: Record<string, unknown>,
  toUserId?: number,
): void {
  socket.send({
    type: "call_signal",
    conversation_id: chatId,
    call_id: callId,
    ...(toUserId !== undefined ? { to_user_id: toUserId } : {}),
    signal: sig,
  });
}

/** The next call_signal of this kind (and hangup reason) for the call. */
export function nextSignal(socket: TestSocket, callId: string | number, kind: string, reason?: string) {
  return socket.next(
    "call_signal",
    (f) =>
      f.call_id === callId && f.signal.kind === kind && (reason === undefined || f.signal.reason === reason),
  );
}

/** The next call_update for the call where `where` holds. */
export function nextUpdate(
  socket: TestSocket,
  callId: string,
  where: (call: any) => boolean = () => true,
  timeoutMs?: number,
) {
  return socket.next("call_update", (f) => f.call.call_id === callId && where(f.call), timeoutMs);
}

export function nextError(socket: TestSocket, callId: string | number, code: string) {
  return socket.next("error", (f) => f.call_id === callId && f.code === code);
}

/** The call entry of a call, as a live new_message. */
export function nextEntry(socket: TestSocket, callId: string, timeoutMs?: number) {
  return socket.next("new_message", (f) => f.message.call?.call_id === callId, timeoutMs);
}

export const signalsOf = (socket: TestSocket, callId: string | number) =>
  socket.all("call_signal").filter((f) => f.call_id === callId);

/** One socket per account, in the same order (a tuple in, a tuple out). */
export async function connectAll<T extends readonly Account[]>(
  baseUrl: string,
  accounts: readonly [...T],
): Promise<{ [K in keyof T]: TestSocket }> {
  return (await Promise.all(accounts.map((a) => TestSocket.connect(baseUrl, a.accessToken)))) as {
    [K in keyof T]: TestSocket;
  };
}

/**
 * `const sockets = socketsClosedAfterEach();` then `await sockets([alice, bob] as const)` in a test:
 * one socket per account on the test server, all closed after each test.
 */
export function socketsClosedAfterEach() {
  const open: TestSocket[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });
  return async <T extends readonly Account[]>(accounts: readonly [...T]) => {
    const list = await connectAll(baseUrl(), accounts);
    open.push(...(list as TestSocket[]));
    return list;
  };
}
