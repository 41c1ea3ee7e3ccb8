"use client";

import { type KeyboardEvent, type RefObject, useState } from "react";
import { insertMention, mentionQueryAt, mentionSuggestions } from "@/lib/client/mention-query.ts";
import type { Member } from "@/lib/client/types.ts";

/**
 * The `@` autocomplete of the composer: who matches the word at the caret, the highlighted one, and
 * the keys that choose (↑ ↓, Enter or Tab) or dismiss it (Escape, until the word changes).
 */
export function useMentionPicker(
  draft: string,
  input: RefObject<HTMLTextAreaElement | null>,
  members: Member[],
  setText: (text: string) => void,
) {
  const [caret, setCaret] = useState(0);
  const [selected, setSelected] = useState(0);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const at = members.length ? mentionQueryAt(draft, caret) : null;
  const key = at ? `${at.start}:${at.query}` : null;
  const people = at && key !== dismissed ? mentionSuggestions(members, at.query) : [];
  const open = people.length > 0;
  const current = Math.min(selected, people.length - 1);

  function caretMoved() {
    const el = input.current;
    if (!el) return;
    setCaret(el.selectionStart);
    setSelected(0);
  }

  function pick(member: Member) {
    if (!at) return;
    const next = insertMention(draft, caret, at.start, member.username);
    setText(next.text);
    setCaret(next.caret);
    // After React has put the new text in, the caret goes behind the mention.
    requestAnimationFrame(() => {
      const el = input.current;
      if (!el) return;
      el.focus();
      el.setSelectionRange(next.caret, next.caret);
    });
  }

  /** True when the key was the picker's (the composer must not also act on it). */
  function handleKey(e: KeyboardEvent): boolean {
    if (!open || e.nativeEvent.isComposing) return false;
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1 };
    if (e.key in moves) {
      setSelected((current + moves[e.key]! + people.length) % people.length);
    } else if (e.key === "Enter" || e.key === "Tab") {
      pick(people[current]!);
    } else if (e.key === "Escape") {
      setDismissed(key);
    } else return false;
    e.preventDefault();
    return true;
  }

  return {
    open,
    people,
    selected: current,
    activeId: open ? `mention-option-${people[current]!.id}` : undefined,
    caretMoved,
    pick,
    handleKey,
  };
}
