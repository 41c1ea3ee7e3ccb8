/**
 * The bench's XMPP client (@xmpp/client over c2s TCP on 127.0.0.1), one per user, speaking the
 * load generator's BenchClient interface:
 * - a 1:1 message is `<message type="chat" id="<bench id>">` to the partner's bare JID with a body
 *   and a XEP-0184 receipt request; a group message is `type="groupchat"` to the MUC room;
 * - the sender's acknowledgement is the XEP-0198 `<a h=…/>` that covers the message (the client
 *   requests one with `<r/>` right after every burst of sends, i.e. per message at these rates);
 * - a recipient reports the delivery when its client reads the message, then answers the
 *   receipt request as clients do (`<received id=…/>`). Groups send no receipts (XEP-0184 §5.4).
 * Only loaded after ensureXmppLibrary() (bench/peer/node_modules).
 */
import { type Client, client, type Element, xml } from "@xmpp/client";
import type { BenchClient, LoadEvents, SendTarget } from "../lib/client.ts";

export type XmppAccount = {
  service: string;
  domain: string;
  mucDomain: string;
  username: string;
  password: string;
  resource: string;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const SM = "urn:xmpp:sm:3";
const RECEIPTS = "urn:xmpp:receipts";
const MUC = "http://jabber.org/protocol/muc";

/** The bench id of a message: its stanza id, or (as the bench writes it) the body's second word. */
function benchId(stanza: Element): string | undefined {
  const body = stanza.getChildText("body");
  if (!body?.startsWith("bench ")) return stanza.attrs.id;
  const end = body.indexOf(" ", 6);
  return end > 6 ? body.slice(6, end) : body.slice(6);
}

export type ConnectOptions = {
  index: number;
  account: XmppAccount;
  /** Absent for idle connections, which only hold a session. */
  events?: LoadEvents;
  userName(index: number): string;
  roomName(group: number): string;
  /** The group whose room this user joins on connect, if any. */
  group?: number;
  timeoutMs?: number;
};

export class XmppBenchClient implements BenchClient {
  /** Bench ids sent and not yet acknowledged by XEP-0198, for telling them from other stanzas. */
  private readonly unacked = new Set<string>();
  private readonly nick: string;

  private constructor(
    readonly index: number,
    private readonly xmpp: Client,
    private readonly options: ConnectOptions,
  ) {
    this.nick = options.account.username;
  }

  /** Connects, authenticates (SASL PLAIN), binds, enables XEP-0198, sends presence, joins its room. */
  static async connect(options: ConnectOptions): Promise<XmppBenchClient> {
    const { account } = options;
    const xmpp = client({
      service: account.service,
      domain: account.domain,
      resource: account.resource,
      // PLAIN even without TLS (the library would pick SCRAM-SHA-1 there): the bench measures
      // messages, not logins; the password travels only over loopback.
      credentials: (authenticate, mechanisms) =>
        authenticate(
          { username: account.username, password: account.password },
          mechanisms.includes("PLAIN") ? "PLAIN" : mechanisms[0]!,
        ),
    });
    // A dropped connection fails its unacknowledged messages instead of reconnecting.
    xmpp.reconnect.stop();
    // send() writes its own `<r/>` with each message; the library's debounced one (250 ms after a
    // run of sends) would only add a second request.
    xmpp.streamManagement.requestAckDebounce = 60_000;
    const self = new XmppBenchClient(options.index, xmpp, options);
    // The library waits 2 s for each step of the login; a busy machine needs longer.
    xmpp.timeout = options.timeoutMs ?? 30_000;
    xmpp.on("error", () => {}); // reported through the SM `fail` of what was outstanding
    // The library detaches its listeners when the stream closes; a reset arriving after that
    // must not be an unhandled 'error' (what was outstanding has already failed by then).
    xmpp.on("connect", () => xmpp.socket?.on?.("error", () => {}));
    xmpp.on("stanza", (stanza: Element) => self.onStanza(stanza));
    // XEP-0198 counting of our own. The library queues a stanza for its `ack` event only once the
    // socket's write callback ran, so an <a/> that comes back sooner (seen with TLS) is matched to
    // the wrong stanza from then on. Here every stanza is recorded when it is handed to the socket.
    const send = xmpp.send.bind(xmpp);
    const sendMany = xmpp.sendMany.bind(xmpp);
    xmpp.send = (element: Element) => {
      self.record(element);
      return send(element);
    };
    xmpp.sendMany = (elements: Element[]) => {
      for (const element of elements) self.record(element);
      return sendMany(elements);
    };
    xmpp.on("nonza", (element: Element) => {
      if (element.is("a", SM)) self.onAckCount(Number(element.attrs.h));
    });
    xmpp.on("disconnect", () => self.failOutstanding("connection_lost"));

    const timeoutMs = options.timeoutMs ?? 30_000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(
              `${account.username}/${account.resource}: not online within ${timeoutMs} ms (${xmpp.status}, SM ${xmpp.streamManagement.enabled})`,
            ),
          ),
        timeoutMs,
      );
    });
    try {
      const online = new Promise<void>((resolve) => xmpp.once("online", () => resolve()));
      await Promise.race([xmpp.start(), timeout]);
      await Promise.race([online, timeout]);
      // As the ws library does for stu's bench sockets (and ejabberd for its own): no Nagle delay.
      xmpp.socket?.setNoDelay?.(true);
      // "online" comes with resource binding; <enabled/> answers the <enable/> sent right after.
      const smDeadline = performance.now() + 5000;
      while (!xmpp.streamManagement.enabled && performance.now() < smDeadline) await sleep(5);
      if (!xmpp.streamManagement.enabled)
        throw new Error(`${account.username}: stream management not enabled`);
      // Available presence for the load clients. Idle sessions stay unavailable: the bench spreads
      // thousands of them over a few hundred accounts, and each available resource would get the
      // presence of all its siblings (n² stanzas per account, queued for XEP-0198), which
      // measures presence traffic rather than what a session costs.
      if (options.events) await xmpp.send(xml("presence"));

      if (options.group !== undefined) await Promise.race([self.join(options.group), timeout]);
      return self;
    } catch (error) {
      await xmpp.stop().catch(() => {});
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  private roomJid(group: number): string {
    return `${this.options.roomName(group)}@${this.options.account.mucDomain}`;
  }

  /** Enters the group's room (no history) and waits for the room's self-presence. */
  private join(group: number): Promise<void> {
    const room = this.roomJid(group);
    return new Promise((resolve, reject) => {
      const onStanza = (stanza: Element) => {
        if (stanza.name !== "presence" || stanza.attrs.from !== `${room}/${this.nick}`) return;
        this.xmpp.off("stanza", onStanza);
        if (stanza.attrs.type === "error") reject(new Error(`${this.nick}: cannot join ${room}`));
        else resolve();
      };
      this.xmpp.on("stanza", onStanza);
      this.xmpp
        .send(
          xml(
            "presence",
            { to: `${room}/${this.nick}` },
            xml("x", { xmlns: MUC }, xml("history", { maxstanzas: 0 })),
          ),
        )
        .catch(reject);
    });
  }

  send(id: string, target: SendTarget, text: string): void {
    const { account } = this.options;
    const stanza =
      "user" in target
        ? xml(
            "message",
            { to: `${this.options.userName(target.user)}@${account.domain}`, id, type: "chat" },
            xml("body", {}, text),
            xml("request", { xmlns: RECEIPTS }),
          )
        : xml("message", { to: this.roomJid(target.group), id, type: "groupchat" }, xml("body", {}, text));
    this.unacked.add(id);
    // The message and the request for its XEP-0198 ack in one write.
    this.xmpp.sendMany([stanza, xml("r", { xmlns: SM })]).catch(() => this.onFail(stanza, "send_failed"));
  }

  /** Stanzas sent since <enable/> (XEP-0198 counts from there), by bench id where they carry one. */
  private outbound: Array<string | undefined> = [];
  private counting = false;
  private handled = 0;

  private record(element: Element): void {
    if (element.is("enable", SM)) {
      this.counting = true;
      this.outbound = [];
      this.handled = 0;
    } else if (
      this.counting &&
      (element.name === "message" || element.name === "presence" || element.name === "iq")
    ) {
      const id = element.name === "message" ? element.attrs.id : undefined;
      this.outbound.push(id && this.unacked.has(id) ? id : undefined);
    }
  }

  /** <a h=…/>: the server has handled h stanzas of this stream. */
  private onAckCount(h: number): void {
    const at = performance.now();
    while (this.handled < h && this.outbound.length > 0) {
      const id = this.outbound.shift();
      this.handled += 1;
      if (id && this.unacked.delete(id)) this.options.events?.ack(id, at);
    }
  }

  private failOutstanding(code: string): void {
    for (const id of this.unacked) this.options.events?.fail(id, code);
    this.unacked.clear();
  }

  private onFail(stanza: Element, code: string): void {
    const id = stanza.name === "message" ? stanza.attrs.id : undefined;
    if (!id || !this.unacked.delete(id)) return;
    this.options.events?.fail(id, code);
  }

  private onStanza(stanza: Element): void {
    if (stanza.name !== "message") return;
    const at = performance.now();
    const events = this.options.events;
    if (stanza.attrs.type === "error") {
      const id = stanza.attrs.id;
      const error = stanza.getChild("error");
      const condition = error?.children.find((c): c is Element => typeof c !== "string")?.name;
      if (id && events) events.fail(id, `xmpp:${condition ?? "error"}`);
      return;
    }
    if (!stanza.getChild("body")) return; // receipts, chat states
    const from = stanza.attrs.from ?? "";
    if (stanza.attrs.type === "groupchat") {
      // The room reflects the sender's own message back to it: not a delivery.
      if (from.endsWith(`/${this.nick}`) || stanza.getChild("delay", "urn:xmpp:delay")) return;
      const id = benchId(stanza);
      if (id) events?.deliver(id, at, this.index);
      return;
    }
    const id = benchId(stanza);
    if (id) events?.deliver(id, at, this.index);
    if (stanza.getChild("request", RECEIPTS) && stanza.attrs.id) {
      this.xmpp
        .send(
          xml(
            "message",
            { to: from, id: `r-${stanza.attrs.id}` },
            xml("received", { xmlns: RECEIPTS, id: stanza.attrs.id }),
          ),
        )
        .catch(() => {});
    }
  }

  /** Ends the stream (the library sends a last `<a/>` first) and closes the socket. */
  async close(): Promise<void> {
    if (this.xmpp.status === "offline") return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.xmpp.stop().catch(() => {}),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, 5000);
      }),
    ]);
    clearTimeout(timer);
  }
}
