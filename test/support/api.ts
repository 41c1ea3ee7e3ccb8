import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { waitForCode } from "./mail-catcher.ts";

export type ApiResponse<T = any> = { status: number; headers: Headers; body: T };

const usedIps = new Set<string>();
/**
 * A distinct client address per test client (the server runs with TRUST_PROXY), so per-IP rate
 * limits are exercised for real without tests sharing a budget. Random in 10.0.0.0/8: test files
 * run in several worker processes at once, and a per-process sequence let two of them share an
 * address (and its sign-up limit) once the suite had enough clients.
 */
export function newIp(): string {
  for (;;) {
    const [a, b, c] = randomBytes(3);
    const ip = `10.${a}.${b}.${c}`;
    if (!usedIps.has(ip)) {
      usedIps.add(ip);
      return ip;
    }
  }
}

export function uniqueEmail(tag = "user"): string {
  return `${tag}-${randomBytes(5).toString("hex")}@example.test`;
}

export function uniqueUsername(tag = "u"): string {
  return `${tag}_${randomBytes(5).toString("hex")}`;
}

export const baseUrl = () => inject("baseUrl");
export const mailUrl = () => inject("mailUrl");

type RequestOptions = { body?: unknown; raw?: string; token?: string; headers?: Record<string, string> };

/** Which server a client talks to: the shared one by default, or one a test started itself. */
export type ServerUrls = { baseUrl: string; mailUrl: string };

export class Api {
  constructor(
    readonly ip = newIp(),
    private readonly server?: ServerUrls,
  ) {}

  get baseUrl(): string {
    return this.server?.baseUrl ?? baseUrl();
  }

  get mailUrl(): string {
    return this.server?.mailUrl ?? mailUrl();
  }

  async request<T = any>(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { "x-forwarded-for": this.ip, ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined = options.raw;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers["content-type"] = "application/json";
    }
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers, body, redirect: "manual" });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // Not JSON (an HTML page): keep the text.
    }
    return { status: res.status, headers: res.headers, body: parsed as T };
  }

  get = <T = any>(path: string, token?: string) => this.request<T>("GET", path, { token });
  post = <T = any>(path: string, body?: unknown, token?: string) =>
    this.request<T>("POST", path, { body, token });
}

export type Account = {
  email: string;
  password: string;
  username: string;
  userId: number;
  deviceId: number;
  accessToken: string;
  refreshToken: string;
};

/** Registers through the API, reads the code from the SMTP catcher and verifies. */
export async function createAccount(
  api = new Api(),
  overrides: { email?: string; password?: string } = {},
): Promise<Account> {
  const email = overrides.email ?? uniqueEmail();
  const password = overrides.password ?? "a long enough password";
  const username = uniqueUsername();
  const reg = await api.post("/v1/auth/register", { email, password, username });
  if (reg.status !== 201) throw new Error(`register failed: ${reg.status} ${JSON.stringify(reg.body)}`);
  const code = await waitForCode(api.mailUrl, email);
  const ver = await api.post("/v1/auth/verify", { email, code, device_name: "test" });
  if (ver.status !== 200) throw new Error(`verify failed: ${ver.status} ${JSON.stringify(ver.body)}`);
  return {
    email,
    password,
    username,
    userId: ver.body.user_id,
    deviceId: ver.body.device_id,
    accessToken: ver.body.access_token,
    refreshToken: ver.body.refresh_token,
  };
}

export function expectError(res: ApiResponse, status: number, code: string): void {
  const ok =
    res.status === status && res.body?.error?.code === code && typeof res.body.error.message === "string";
  if (!ok) throw new Error(`expected ${status} ${code}, got ${res.status} ${JSON.stringify(res.body)}`);
}
