"use client";

import { useEffect, useId, useState } from "react";

/** Read by the call engine before every call: "1" forces iceTransportPolicy "relay". */
const KEY = "stu.calls.relay";

/** Calls through the TURN relay only: the other side never learns this device's addresses. */
export function CallsRelayToggle() {
  // null until hydrated: the server cannot read localStorage.
  const [on, setOn] = useState<boolean | null>(null);
  const labelId = useId();
  const descriptionId = useId();
  useEffect(() => setOn(localStorage.getItem(KEY) === "1"), []);

  function toggle() {
    const next = !on;
    if (next) localStorage.setItem(KEY, "1");
    else localStorage.removeItem(KEY);
    setOn(next);
  }

  return (
    <div className="flex items-start justify-between gap-4">
      <div>
        <p id={labelId} className="text-sm font-medium">
          Always relay calls
        </p>
        <p id={descriptionId} className="mt-0.5 text-sm text-slate-500 dark:text-slate-400">
          Send call audio and video through the server, so the people you call do not see your IP address.
          Calls may sound a little worse.
        </p>
      </div>
      <button
        type="button"
        role="switch"
        aria-checked={on ?? false}
        aria-labelledby={labelId}
        aria-describedby={descriptionId}
        disabled={on === null}
        data-testid="calls-relay"
        onClick={toggle}
        className={`relative inline-flex h-7 w-12 shrink-0 items-center rounded-full transition focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 ${
          on ? "bg-indigo-600" : "bg-slate-300 dark:bg-slate-700"
        }`}
      >
        <span
          aria-hidden
          className={`inline-block h-5 w-5 rounded-full bg-white shadow transition ${on ? "translate-x-6" : "translate-x-1"}`}
        />
      </button>
    </div>
  );
}
