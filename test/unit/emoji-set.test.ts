import { describe, expect, it } from "vitest";
import { EMOJI_GROUPS, QUICK_REACTIONS } from "@/lib/client/emoji-set.ts";
import { emojiSchema } from "@/lib/reactions/schemas.ts";

describe("the picker's emoji", () => {
  it("are each one emoji the server accepts, and none twice in a group", () => {
    const all = [...QUICK_REACTIONS, ...EMOJI_GROUPS.flatMap((g) => g.emoji)];
    expect(all.length).toBeGreaterThan(300);
    const refused = all.filter((e) => !emojiSchema.safeParse(e).success);
    expect(refused).toEqual([]);
    for (const g of EMOJI_GROUPS) expect(new Set(g.emoji).size, g.name).toBe(g.emoji.length);
  });

  it("the server refuses what is not exactly one emoji", () => {
    for (const bad of ["", "a", "👍👍", "👍 ", ":)", "<b>", "\uFE0F", "a\uFE0F", "👍\u200D"])
      expect(emojiSchema.safeParse(bad).success, bad).toBe(false);
    for (const ok of ["👍", "👍🏿", "❤️", "🏳️‍🌈", "👩‍👩‍👧‍👦", "1️⃣", "🇯🇵"])
      expect(emojiSchema.safeParse(ok).data, ok).toBe(ok);
  });

  it("stores the fully-qualified spelling of an emoji sent without (or with an extra) variation selector", () => {
    for (const [sent, stored] of [
      ["❤", "❤️"],
      ["☺", "☺️"],
      ["👍️", "👍"],
      ["🏳‍🌈", "🏳️‍🌈"],
      ["❤‍🔥", "❤️‍🔥"],
    ])
      expect(emojiSchema.safeParse(sent).data, sent).toBe(stored);
  });
});
