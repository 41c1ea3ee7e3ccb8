"use client";

import { useEffect, useState } from "react";
import { useMessenger } from "@/lib/client/store.ts";

const GRACE_MS = 1_000;

/** Shown while the socket is down; a quick reconnect (under a second) does not flash it. */
export function ConnectionBanner() {
  const status = useMessenger((s) => s.status);
  const [show, setShow] = useState(false);
  useEffect(() => {
    if (status === "online") return setShow(false);
    if (status === "offline") return setShow(true);
    const timer = setTimeout(() => setShow(true), GRACE_MS);
    return () => clearTimeout(timer);
  }, [status]);
  if (!show) return null;
  return (
    <div
      role="status"
      data-testid="connection-banner"
      data-state={status}
      className="flex items-center justify-center gap-2 bg-amber-100 px-4 py-1.5 text-sm font-medium text-amber-900 dark:bg-amber-950 dark:text-amber-200"
    >
      <span className="h-2 w-2 animate-pulse rounded-full bg-amber-500" aria-hidden />
      {status === "offline" ? "Waiting for network…" : "Connecting…"}
    </div>
  );
}
