import type { Quality } from "@/lib/client/calls/store.ts";

const BARS: Record<Quality, number> = { good: 3, fair: 2, poor: 1, unknown: 0 };
const COLOR: Record<Quality, string> = {
  good: "bg-emerald-500",
  fair: "bg-amber-500",
  poor: "bg-red-500",
  unknown: "bg-slate-400",
};

export function qualityTitle(quality: Quality, rttMs: number | null, lossPct: number | null): string {
  if (quality === "unknown" || rttMs === null) return "Connection quality: measuring…";
  const loss = lossPct === null ? "unknown" : `${lossPct.toFixed(1)} %`;
  return `Connection ${quality}: round trip ${Math.round(rttMs)} ms, packet loss ${loss}`;
}

/** Three bars from getStats (the engine measures every 2 s); the numbers are in the title. */
export function CallQuality({
  quality,
  rttMs,
  lossPct,
}: {
  quality: Quality;
  rttMs: number | null;
  lossPct: number | null;
}) {
  const title = qualityTitle(quality, rttMs, lossPct);
  return (
    <span
      data-testid="call-quality"
      data-quality={quality}
      title={title}
      role="img"
      aria-label={title}
      className="inline-flex h-5 items-end gap-0.5"
    >
      {[1, 2, 3].map((n) => (
        <span
          key={n}
          className={`w-1 rounded-sm ${n <= BARS[quality] ? COLOR[quality] : "bg-slate-300 dark:bg-slate-600"}`}
          style={{ height: `${n * 5 + 2}px` }}
        />
      ))}
    </span>
  );
}
