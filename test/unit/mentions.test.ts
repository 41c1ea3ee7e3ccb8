import { describe, expect, it } from "vitest";
import { insertMention, mentionQueryAt, mentionSuggestions } from "@/lib/client/mention-query.ts";
import type { Member } from "@/lib/client/types.ts";
import { isMentioned, mentionedUsernames } from "@/lib/messages/mentions.ts";

const member = (id: number, username: string, display_name: string): Member => ({
  id,
  username,
  display_name,
  avatar_url: null,
  online: false,
  last_seen_at: null,
  role: "member",
});

describe("mentions", () => {
  it("finds @usernames, not e-mail addresses or parts of words, in any case", () => {
    expect(mentionedUsernames("@alice and @Bob_2, see you. (@carol)")).toEqual(["alice", "bob_2", "carol"]);
    expect(mentionedUsernames("mail alice@example.com or x@bob")).toEqual([]);
    expect(mentionedUsernames("@al is too short, @alice! twice @alice")).toEqual(["alice"]);
    expect(isMentioned("hi @alice.", "alice")).toBe(true);
    expect(isMentioned("hi @alicex", "alice")).toBe(false);
    expect(isMentioned("привет @alice", "ALICE")).toBe(true);
  });

  it("knows the @word being typed and completes it", () => {
    expect(mentionQueryAt("hello @al", 9)).toEqual({ start: 6, query: "al" });
    expect(mentionQueryAt("@", 1)).toEqual({ start: 0, query: "" });
    expect(mentionQueryAt("mail me at a@b", 14)).toBeNull();
    expect(mentionQueryAt("hello @al there", 15)).toBeNull();
    expect(insertMention("hello @al there", 9, 6, "alice")).toEqual({
      text: "hello @alice there",
      caret: 13,
    });
    expect(insertMention("@b", 2, 0, "bob")).toEqual({ text: "@bob ", caret: 5 });
  });

  it("suggests members by username first, then by a word of their name", () => {
    const people = [member(1, "annie", "Zed Smith"), member(2, "zoe", "Ann Lee"), member(3, "bob", "Bob")];
    expect(mentionSuggestions(people, "an").map((m) => m.username)).toEqual(["annie", "zoe"]);
    expect(mentionSuggestions(people, "").map((m) => m.username)).toEqual(["annie", "zoe", "bob"]);
    expect(mentionSuggestions(people, "x")).toEqual([]);
  });
});
