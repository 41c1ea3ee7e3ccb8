import { accountOf } from "@/lib/auth/account.ts";
import { json, noContent } from "@/lib/http/responses.ts";
import { authRoute } from "@/lib/http/route.ts";
import { readJson } from "@/lib/http/validation.ts";
import { deleteAccount } from "@/lib/users/delete-account.ts";
import { deleteAccountSchema, updateMeSchema } from "@/lib/users/schemas.ts";
import { toMe } from "@/lib/users/serialize.ts";
import { updateMe } from "@/lib/users/users.ts";

// GET /v1/users/me – the caller's own profile
export const GET = authRoute(async (_req, auth) => json(toMe(await accountOf(auth))));

// PATCH /v1/users/me – change username, display name or avatar
export const PATCH = authRoute(async (req, auth) =>
  json(toMe(await updateMe(auth.userId, await readJson(req, updateMeSchema)))),
);

// DELETE /v1/users/me – delete the account (body {password}); its messages stay as "Deleted account"
export const DELETE = authRoute(async (req, auth) => {
  await deleteAccount(auth.userId, (await readJson(req, deleteAccountSchema)).password);
  return noContent();
});
