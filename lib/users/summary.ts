import type { User } from "../db/generated/client.ts";

/** The short form of a person used wherever one is named: `UserSummary` of the contract. */
export type UserSummary = {
  id: number;
  username: string;
  display_name: string;
  avatar_url: string | null;
};

export function toUserSummary(
  user: Pick<User, "id" | "username" | "displayName" | "avatarUrl">,
): UserSummary {
  return {
    id: user.id,
    username: user.username,
    display_name: user.displayName,
    avatar_url: user.avatarUrl,
  };
}
