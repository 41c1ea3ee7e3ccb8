"use client";

import { useEffect, useState } from "react";
import { useCalls } from "@/lib/client/calls/store.ts";
import { CallAudio } from "./call-audio.tsx";
import { CallNotice } from "./call-notice.tsx";
import { CallScreen } from "./call-screen.tsx";
import { IncomingCallDialog } from "./incoming-call-dialog.tsx";
import { MinimisedCall } from "./minimised-call.tsx";

/** Everything calls put on screen, mounted once in the messenger shell so it survives moving between chats. */
export function CallLayer() {
  const current = useCalls((s) => s.current);
  const incoming = useCalls((s) => s.incoming[0] ?? null);
  const [minimised, setMinimised] = useState(false);
  const callId = current?.callId ?? null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: every new call opens full size.
  useEffect(() => setMinimised(false), [callId]);

  return (
    <>
      {current ? <CallAudio peers={Object.values(current.peers)} /> : null}
      {current && !minimised ? <CallScreen call={current} onMinimise={() => setMinimised(true)} /> : null}
      {current && minimised ? <MinimisedCall call={current} onRestore={() => setMinimised(false)} /> : null}
      {incoming ? <IncomingCallDialog key={incoming.callId} call={incoming} /> : null}
      <CallNotice />
    </>
  );
}
