import { accountOf } from "@/lib/auth/account.ts";
import { json } from "@/lib/http/responses.ts";
import { authRoute } from "@/lib/http/route.ts";
import { readJson } from "@/lib/http/validation.ts";
import { updateMeSchema } from "@/lib/users/schemas.ts";
import { toMe } from "@/lib/users/serialize.ts";
import { updateMe } from "@/lib/users/users.ts";

// GET /v1/users/me – the caller's own profile
export const GET = authRoute(async (_req, auth) => json(toMe(await accountOf(auth))));

// PATCH /v1/users/me – change username, display name or avatar
export const PATCH = authRoute(async (req, auth) =>
  json(toMe(await updateMe(auth.userId, await readJson(req, updateMeSchema)))),
);
