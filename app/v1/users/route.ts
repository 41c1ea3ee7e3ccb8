import { json } from "@/lib/http/responses.ts";
import { authRoute } from "@/lib/http/route.ts";
import { readQuery } from "@/lib/http/validation.ts";
import { searchUsersSchema } from "@/lib/users/schemas.ts";
import { publicProfiles, searchUsers } from "@/lib/users/users.ts";

// GET /v1/users?query= – find people to start a chat with
export const GET = authRoute(async (req, auth) =>
  json(await publicProfiles(await searchUsers(auth.userId, readQuery(req, searchUsersSchema)))),
);
