import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import {
  type MessagePages,
  messagesKey,
  PAGE_SIZE,
  reachesNewest,
  upsertMessage,
} from "../../lib/client/cache.ts";
import { snippetParts } from "../../lib/client/search.ts";
import type { Message } from "../../lib/client/types.ts";

const message = (id: number) => ({ id, chat_id: 1, text: `m${id}` }) as Message;
/** Newest first, like the API's pages. */
const page = (from: number, to: number) => {
  const out: Message[] = [];
  for (let id = to; id >= from; id--) out.push(message(id));
  return out;
};

describe("snippetParts", () => {
  it("cuts the snippet into text and marked parts at the offsets", () => {
    expect(
      snippetParts({
        snippet: "…a heron, two Herons",
        highlights: [
          [3, 8],
          [14, 19],
        ],
      }),
    ).toEqual([
      { text: "…a ", marked: false },
      { text: "heron", marked: true },
      { text: ", two ", marked: false },
      { text: "Heron", marked: true },
      { text: "s", marked: false },
    ]);
    expect(snippetParts({ snippet: "<b>x</b>", highlights: [] })).toEqual([
      { text: "<b>x</b>", marked: false },
    ]);
  });
});

describe("history windows (a jump to an old search hit)", () => {
  it("knows whether the loaded history reaches the newest message", () => {
    expect(reachesNewest({ pages: [page(1, 50)], pageParams: [undefined] })).toBe(true);
    expect(reachesNewest({ pages: [page(100, 149)], pageParams: [{ around: 120 }] })).toBe(false);
    expect(
      reachesNewest({
        pages: [page(150, 160), page(100, 149)],
        pageParams: [{ after: 149 }, { around: 120 }],
      }),
    ).toBe(true);
    expect(reachesNewest({ pages: [page(150, 150 + PAGE_SIZE - 1)], pageParams: [{ after: 149 }] })).toBe(
      false,
    );
  });

  it("leaves a new message out of a window that does not reach it, and adds it once it does", () => {
    const qc = new QueryClient();
    const windowed: MessagePages = { pages: [page(100, 149)], pageParams: [{ around: 120 }] };
    qc.setQueryData(messagesKey(1), windowed);
    upsertMessage(qc, message(500));
    expect(qc.getQueryData<MessagePages>(messagesKey(1))!.pages[0]![0]!.id).toBe(149);
    qc.setQueryData(messagesKey(1), {
      pages: [page(150, 160), ...windowed.pages],
      pageParams: [{ after: 149 }, { around: 120 }],
    });
    upsertMessage(qc, message(500));
    expect(qc.getQueryData<MessagePages>(messagesKey(1))!.pages[0]![0]!.id).toBe(500);
  });
});
