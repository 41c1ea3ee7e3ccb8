/** A file's type as a small square: its extension (up to four letters), or "file" without one. */
export function FileBadge({ filename, small = false }: { filename: string; small?: boolean }) {
  const dot = filename.lastIndexOf(".");
  const extension = dot > 0 && dot < filename.length - 1 ? filename.slice(dot + 1, dot + 5) : "file";
  return (
    <span
      aria-hidden="true"
      className={`grid h-10 w-10 shrink-0 place-items-center rounded-lg bg-indigo-500 font-bold text-white uppercase ${small ? "text-[10px]" : "text-xs"}`}
    >
      {extension}
    </span>
  );
}
