import { describe, expect, it } from "vitest";
import { isMentioned } from "@/lib/push/mention.ts";

describe("isMentioned", () => {
  it("finds @username in any case, at a word boundary", () => {
    expect(isMentioned("hi @ann", "ann")).toBe(true);
    expect(isMentioned("@ANN: look", "ann")).toBe(true);
    expect(isMentioned("(@ann)", "ann")).toBe(true);
    expect(isMentioned("thanks @ann.", "ann")).toBe(true);
    expect(isMentioned("hi @annie", "ann")).toBe(false);
    expect(isMentioned("mail bob@ann.org", "ann")).toBe(false);
    expect(isMentioned("hi ann", "ann")).toBe(false);
    expect(isMentioned("@@ann", "ann")).toBe(false);
    expect(isMentioned("hi @a.b", "a.b")).toBe(true);
    expect(isMentioned("hi @axb", "a.b")).toBe(false);
  });
});
