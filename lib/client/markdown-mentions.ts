import type { Root } from "mdast";
import { findAndReplace } from "mdast-util-find-and-replace";
import { mentionPattern } from "../messages/mentions.ts";

/**
 * A remark plugin: `@username` in running text becomes a <span data-mention>, styled by the
 * message renderer. Code and link text keep theirs as typed.
 */
export function remarkMentions() {
  return (tree: Root) => {
    findAndReplace(
      tree,
      [
        mentionPattern(),
        (value: string, username: string) => ({
          type: "emphasis",
          data: { hName: "span", hProperties: { dataMention: username.toLowerCase() } },
          children: [{ type: "text", value }],
        }),
      ],
      { ignore: ["link", "linkReference", "inlineCode", "code"] },
    );
  };
}
