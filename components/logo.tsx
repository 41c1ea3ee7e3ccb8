export function Logo({ size = "md" }: { size?: "md" | "lg" }) {
  const mark = size === "lg" ? "h-10 w-10 text-lg" : "h-9 w-9";
  const word = size === "lg" ? "text-2xl tracking-tight" : "text-xl";
  return (
    <span className="inline-flex items-center gap-2">
      <span
        className={`grid place-items-center rounded-2xl bg-indigo-600 font-bold text-white ${mark}`}
        aria-hidden
      >
        s
      </span>
      <span className={`font-semibold ${word}`}>stu</span>
    </span>
  );
}
