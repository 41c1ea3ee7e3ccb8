import type { User } from "../db/generated/client.ts";

export function toMe(user: User) {
  return {
    id: user.id,
    email: user.email,
    username: user.username,
    display_name: user.displayName,
    avatar_url: user.avatarUrl,
    role: user.role,
    email_verified: user.emailVerifiedAt !== null,
    created_at: user.createdAt.toISOString(),
  };
}

export function toPublicUser(user: User, online: boolean) {
  return {
    id: user.id,
    username: user.username,
    display_name: user.displayName,
    avatar_url: user.avatarUrl,
    online,
    last_seen_at: user.lastSeenAt?.toISOString() ?? null,
    deleted: user.deletedAt !== null,
  };
}
