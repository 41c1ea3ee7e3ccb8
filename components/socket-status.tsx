"use client";

import { useEffect, useState } from "react";
import { api } from "@/lib/client/api.ts";

type State = "connecting" | "connected" | "disconnected";

/** Opens the real-time socket with a token minted for this browser session and shows its state. */
export function SocketStatus() {
  const [state, setState] = useState<State>("connecting");

  useEffect(() => {
    let ws: WebSocket | null = null;
    let cancelled = false;
    (async () => {
      try {
        const { access_token } = await api<{ access_token: string }>("/v1/auth/token");
        if (cancelled) return;
        const scheme = location.protocol === "https:" ? "wss" : "ws";
        ws = new WebSocket(`${scheme}://${location.host}/ws?token=${encodeURIComponent(access_token)}`);
        ws.onmessage = (event) => {
          if (JSON.parse(event.data).type === "hello") setState("connected");
        };
        ws.onclose = () => setState("disconnected");
      } catch {
        setState("disconnected");
      }
    })();
    return () => {
      cancelled = true;
      ws?.close();
    };
  }, []);

  const dot = { connecting: "bg-amber-400", connected: "bg-emerald-500", disconnected: "bg-red-500" }[state];
  return (
    <span
      data-testid="socket-status"
      data-state={state}
      className="inline-flex items-center gap-2 text-sm text-slate-500"
    >
      <span className={`h-2 w-2 rounded-full ${dot}`} aria-hidden />
      {state === "connected" ? "Connected" : state === "connecting" ? "Connecting…" : "Offline"}
    </span>
  );
}
