import type { Message } from "@/lib/client/types.ts";

type Status = Message["status"] | "sending" | "failed";

const LABEL: Record<Status, string> = {
  sending: "Sending",
  failed: "Not sent",
  sent: "Sent",
  delivered: "Delivered",
  read: "Read",
};

/** Clock while pending, one tick sent, two ticks delivered, two blue ticks read. */
export function Ticks({ status }: { status: Status }) {
  const common = { "data-testid": "message-status", "data-status": status, title: LABEL[status] };
  if (status === "failed") {
    return (
      <span {...common} className="font-bold text-red-500">
        !<span className="sr-only">{LABEL[status]}</span>
      </span>
    );
  }
  if (status === "sending") {
    return (
      <svg
        {...common}
        viewBox="0 0 16 16"
        className="h-3.5 w-3.5"
        fill="none"
        stroke="currentColor"
        aria-label={LABEL[status]}
        role="img"
      >
        <circle cx="8" cy="8" r="6" strokeWidth="1.5" />
        <path d="M8 4.5V8l2.5 1.5" strokeWidth="1.5" strokeLinecap="round" />
      </svg>
    );
  }
  const double = status !== "sent";
  return (
    <svg
      {...common}
      viewBox="0 0 20 16"
      className={`h-3.5 w-4 ${status === "read" ? "text-sky-400 dark:text-sky-300" : ""}`}
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-label={LABEL[status]}
      role="img"
    >
      <path d="M1.5 8.5l3.5 3.5 7-8" />
      {double ? <path d="M8.5 11.5l.5.5 7-8" /> : null}
    </svg>
  );
}
