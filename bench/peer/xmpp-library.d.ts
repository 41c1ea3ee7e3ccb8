// The part of @xmpp/client 0.14 (plain JavaScript, no types of its own) that the peer uses.
declare module "@xmpp/client" {
  import type { EventEmitter } from "node:events";

  export type Element = {
    name: string;
    attrs: Record<string, string | undefined>;
    children: Array<Element | string>;
    getChild(name: string, xmlns?: string): Element | undefined;
    getChildText(name: string, xmlns?: string): string | null;
    is(name: string, xmlns?: string): boolean;
    text(): string;
  };

  export function xml(
    name: string,
    attrs?: Record<string, string | number | undefined>,
    ...children: Array<Element | string>
  ): Element;

  type Authenticate = (
    credentials: { username: string; password: string },
    mechanism: string,
  ) => Promise<void>;

  export type ClientOptions = {
    service: string;
    domain: string;
    resource?: string;
    credentials?: (authenticate: Authenticate, mechanisms: string[]) => Promise<void>;
    username?: string;
    password?: string;
  };

  export interface StreamManagement extends EventEmitter {
    enabled: boolean;
    id: string;
    outbound_q: unknown[];
    requestAckDebounce: number;
    requestAckInterval: number;
    timeout: number;
  }

  export interface Client extends EventEmitter {
    status: string;
    /** How long each step of connecting and logging in may take, in ms (2,000 by default). */
    timeout: number;
    socket: {
      secure?: boolean;
      setNoDelay?(on: boolean): void;
      on?(event: "error", fn: () => void): void;
    } | null;
    jid: { toString(): string; resource: string } | null;
    reconnect: { stop(): void };
    streamManagement: StreamManagement;
    start(): Promise<unknown>;
    stop(): Promise<void>;
    send(...elements: Element[]): Promise<void>;
    sendMany(elements: Element[]): Promise<void>;
    write(data: string): Promise<void>;
  }

  export function client(options: ClientOptions): Client;
}
