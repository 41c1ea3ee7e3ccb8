import type { z } from "zod";
import { getDb, Prisma } from "../db/client.ts";
import type { User } from "../db/generated/client.ts";
import { conflict, notFound } from "../http/app-error.ts";
import { avatarFromUpload } from "../media/set-avatar.ts";
import { getPresence } from "../presence/store.ts";
import type { searchUsersSchema, updateMeSchema } from "./schemas.ts";
import { toPublicUser } from "./serialize.ts";

const visible = { emailVerifiedAt: { not: null }, bannedAt: null } satisfies Prisma.UserWhereInput;

export async function updateMe(userId: number, input: z.infer<typeof updateMeSchema>): Promise<User> {
  const avatarUrl =
    input.avatar_id === null
      ? null
      : input.avatar_id === undefined
        ? input.avatar_url
        : await avatarFromUpload(userId, input.avatar_id);
  try {
    return await getDb().user.update({
      where: { id: userId },
      data: { username: input.username, displayName: input.display_name, avatarUrl },
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw conflict("username_taken", "That username is taken. Choose another one.");
    }
    throw error;
  }
}

/** Another person's profile; unverified and banned accounts are not visible. */
export async function getUser(id: number): Promise<User> {
  const user = await getDb().user.findFirst({ where: { id, ...visible } });
  if (!user) throw notFound("user");
  return user;
}

/**
 * People to start a chat with: username or name prefix/substring, or an exact e-mail address.
 * People who blocked the viewer are not found.
 */
export async function searchUsers(
  viewerId: number,
  input: z.infer<typeof searchUsersSchema>,
): Promise<User[]> {
  const q = input.query.replace(/^@/, "");
  return getDb().user.findMany({
    where: {
      ...visible,
      deletedAt: null,
      id: { not: viewerId },
      blocking: { none: { blockedId: viewerId } },
      OR: [
        { username: { startsWith: q.toLowerCase() } },
        { displayName: { contains: q, mode: "insensitive" } },
        { email: q.toLowerCase() },
      ],
    },
    orderBy: [{ username: "asc" }],
    take: input.limit,
  });
}

/** Public profiles with their live presence, in one presence look-up. */
export async function publicProfiles(users: User[]) {
  const online = await getPresence().onlineOf(users.map((u) => u.id));
  return users.map((u) => toPublicUser(u, online.has(u.id)));
}
