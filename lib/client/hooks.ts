import { useEffect, useReducer } from "react";
import { presenceOf, typingIn, useMessenger } from "./store.ts";
import type { Chat, Member } from "./types.ts";

/** Who is typing in the chat now; re-renders when the soonest indicator expires. */
export function useTypingUsers(chatId: number): number[] {
  const typing = useMessenger((s) => s.typing[chatId]);
  const [, tick] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    const until = Object.values(typing ?? {}).filter((t) => t > Date.now());
    if (!until.length) return;
    const timer = setTimeout(tick, Math.min(...until) - Date.now() + 20);
    return () => clearTimeout(timer);
  }, [typing]);
  return typingIn({ [chatId]: typing ?? {} }, chatId);
}

/** A member's presence: the socket's latest word, or what the chat view said if that is newer. */
export function usePresence(member: Pick<Member, "id" | "online" | "last_seen_at"> | undefined) {
  const live = useMessenger((s) => (member ? s.presence[member.id] : undefined));
  const viewsFrom = useMessenger((s) => s.presenceViewsFrom);
  if (!member) return { online: false, last_seen_at: null };
  return presenceOf(live, { online: member.online, last_seen_at: member.last_seen_at }, viewsFrom);
}

export function otherMember(chat: Chat, meId: number): Member | undefined {
  return chat.type === "dialog" ? (chat.members.find((m) => m.id !== meId) ?? chat.members[0]) : undefined;
}

export function typingText(chat: Chat, userIds: number[]): string | null {
  if (!userIds.length) return null;
  if (chat.type === "dialog") return "typing…";
  const names = userIds.map((id) => {
    const m = chat.members.find((x) => x.id === id);
    return m ? (m.display_name || m.username).split(" ")[0] : "Someone";
  });
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  return `${names.length} people are typing…`;
}

export function useNow(intervalMs: number): number {
  const [now, tick] = useReducer(() => Date.now(), Date.now());
  useEffect(() => {
    const timer = setInterval(tick, intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
