"use client";

import { useEffect, useState } from "react";
import { SwitchRow } from "./switch.tsx";

/** Read by the call engine before every call: "1" forces iceTransportPolicy "relay". */
const KEY = "stu.calls.relay";

/** Calls through the TURN relay only: the other side never learns this device's addresses. */
export function CallsRelayToggle() {
  // null until hydrated: the server cannot read localStorage.
  const [on, setOn] = useState<boolean | null>(null);
  useEffect(() => setOn(localStorage.getItem(KEY) === "1"), []);

  function toggle() {
    const next = !on;
    if (next) localStorage.setItem(KEY, "1");
    else localStorage.removeItem(KEY);
    setOn(next);
  }

  return (
    <SwitchRow
      label="Always relay calls"
      description="Send call audio and video through the server, so the people you call do not see your IP address. Calls may sound a little worse."
      on={on}
      testId="calls-relay"
      onToggle={toggle}
    />
  );
}
