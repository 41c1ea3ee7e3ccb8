import { initials } from "@/lib/client/format.ts";

const COLORS = [
  "bg-rose-500",
  "bg-orange-500",
  "bg-amber-500",
  "bg-emerald-500",
  "bg-teal-500",
  "bg-sky-500",
  "bg-indigo-500",
  "bg-violet-500",
  "bg-fuchsia-500",
];

type Props = {
  name: string;
  seed: number;
  url?: string | null;
  size?: "sm" | "md" | "lg" | "xl";
  online?: boolean;
};

const SIZES = {
  sm: "h-8 w-8 text-xs",
  md: "h-12 w-12 text-base",
  lg: "h-20 w-20 text-2xl",
  xl: "h-28 w-28 text-4xl",
};

/** A picture when there is one, else initials on a colour fixed by the id; optional online dot. */
export function Avatar({ name, seed, url, size = "md", online }: Props) {
  return (
    <span className={`relative inline-flex shrink-0 ${SIZES[size]}`}>
      {url ? (
        // biome-ignore lint/performance/noImgElement: avatars come from the app's own signed media URLs.
        <img src={url} alt="" className="h-full w-full rounded-full object-cover" />
      ) : (
        <span
          aria-hidden
          className={`grid h-full w-full place-items-center rounded-full font-semibold text-white ${COLORS[seed % COLORS.length]}`}
        >
          {initials(name)}
        </span>
      )}
      {online ? (
        <span
          data-testid="online-dot"
          className="absolute right-0 bottom-0 h-3 w-3 rounded-full border-2 border-white bg-emerald-500 dark:border-slate-900"
        >
          <span className="sr-only">online</span>
        </span>
      ) : null}
    </span>
  );
}
