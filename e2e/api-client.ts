import { type APIRequestContext, expect } from "@playwright/test";
import { BASE_URL } from "./env.ts";
import type { TestUser } from "./fixtures.ts";

/** Someone signed in over the REST API (for seeding what a test then looks at in the browser). */
export type ApiUser = {
  id: number;
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
  delete<T>(path: string, body?: unknown): Promise<T>;
};

export async function apiAs(request: APIRequestContext, user: TestUser): Promise<ApiUser> {
  const login = await request.post(`${BASE_URL}/v1/auth/login`, {
    data: { email: user.email, password: user.password, device_name: "e2e seed" },
  });
  expect(login.ok(), await login.text()).toBe(true);
  const { access_token: token, user_id: id } = (await login.json()) as {
    access_token: string;
    user_id: number;
  };
  const headers = { authorization: `Bearer ${token}` };
  async function call<T>(method: "GET" | "POST" | "DELETE", path: string, body?: unknown): Promise<T> {
    let res = await request.fetch(`${BASE_URL}${path}`, { method, headers, data: body });
    // Seeding hundreds of messages outruns the send rate limit: wait as told, as a client would.
    for (let tries = 0; res.status() === 429 && tries < 60; tries++) {
      const wait = Number(res.headers()["retry-after"] ?? 1);
      await new Promise((resolve) => setTimeout(resolve, Math.max(wait, 0.2) * 1000));
      res = await request.fetch(`${BASE_URL}${path}`, { method, headers, data: body });
    }
    expect(res.ok(), `${method} ${path} -> ${res.status()} ${await res.text()}`).toBe(true);
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }
  return {
    id,
    get: (path) => call("GET", path),
    post: (path, body) => call("POST", path, body),
    delete: (path, body) => call("DELETE", path, body),
  };
}
