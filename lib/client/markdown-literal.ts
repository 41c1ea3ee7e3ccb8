/**
 * A remark plugin: the Markdown a chat does not render (headings, images, tables, rules, raw HTML,
 * link definitions, footnotes) goes back to being the text that was typed, "# hi" stays "# hi"
 * rather than vanishing or turning into something that was not meant.
 */
type Node = {
  type: string;
  value?: string;
  children?: Node[];
  position?: { start: { offset?: number }; end: { offset?: number } };
};

const BLOCKS = new Set(["heading", "table", "thematicBreak", "html", "definition", "footnoteDefinition"]);
const INLINE = new Set(["image", "imageReference", "html", "footnoteReference"]);

function literal(node: Node, source: string): string {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  return start === undefined || end === undefined ? (node.value ?? "") : source.slice(start, end);
}

function rewrite(parent: Node, source: string, block: boolean): void {
  parent.children = parent.children?.map((child) => {
    if (block && BLOCKS.has(child.type))
      return { type: "paragraph", children: [{ type: "text", value: literal(child, source) }] };
    if (INLINE.has(child.type)) return { type: "text", value: literal(child, source) };
    // Block containers (lists, quotes) hold blocks; paragraphs and the like hold inline content.
    const holdsBlocks = ["root", "blockquote", "list", "listItem"].includes(child.type);
    rewrite(child, source, holdsBlocks);
    return child;
  });
}

export function remarkLiteral() {
  return (tree: Node, file: { value: unknown }) => rewrite(tree, String(file.value), true);
}
