import { inject } from "vitest";
import { type Account, Api, createAccount } from "./api.ts";

/** Signs in as the admin global-setup made from ADMIN_EMAILS. */
export async function rootAdminToken(api = new Api()): Promise<string> {
  const { email, password } = inject("rootAdmin");
  const res = await api.post("/v1/auth/login", { email, password });
  if (res.status !== 200)
    throw new Error(`root admin sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.access_token;
}

/** A new account made an admin the way a real one is: another admin's grant_admin. */
export async function createAdmin(api = new Api()): Promise<Account> {
  const account = await createAccount(api);
  const granted = await api.post(
    "/v1/admin/actions",
    { action: "grant_admin", user_id: account.userId, reason: "test admin" },
    await rootAdminToken(api),
  );
  if (granted.status !== 201)
    throw new Error(`grant_admin failed: ${granted.status} ${JSON.stringify(granted.body)}`);
  return account;
}

/** Polls until `check` answers something truthy (or fails after `timeoutMs`). */
export async function eventually<T>(
  check: () => Promise<T | undefined | false | null>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
