"use client";

import { useEffect, useRef } from "react";
import { Avatar } from "@/components/avatar.tsx";
import { MinimiseIcon } from "@/components/icons.tsx";
import { useMessengerContext } from "@/components/messenger/messenger-provider.tsx";
import type { ActiveCall, RemotePeer } from "@/lib/client/calls/store.ts";
import { CallControls } from "./call-controls.tsx";
import { CallQuality } from "./call-quality.tsx";
import { callKindText, callStatusText } from "./call-status.ts";
import { LocalPreview } from "./local-preview.tsx";
import { PeerTile } from "./peer-tile.tsx";
import { callScreenLabel, useCallChat } from "./use-call-chat.ts";
import { useDuration } from "./use-duration.ts";

/** Columns for 1–7 remote people: one column on a phone up to 4, then two; up to three on a wide screen. */
function gridFor(count: number): string {
  if (count <= 1) return "grid-cols-1";
  if (count === 2) return "grid-cols-1 sm:grid-cols-2";
  if (count <= 4) return "grid-cols-1 min-[480px]:grid-cols-2";
  return "grid-cols-2 lg:grid-cols-3";
}

/** The full-screen call (a phone-sized window on every screen: video wants all the room it can get). */
export function CallScreen({ call, onMinimise }: { call: ActiveCall; onMinimise(): void }) {
  const ref = useRef<HTMLDivElement>(null);
  const { chat, member } = useCallChat(call.chatId);
  const label = callScreenLabel(chat, call.group);
  const duration = useDuration(call.answeredAt);
  const peers = Object.values(call.peers);
  const { me } = useMessengerContext();
  const dialogPeer = call.group ? undefined : chat?.members.find((m) => m.id !== me.id);
  const waiting = peers.length === 0 || (!call.group && call.phase === "outgoing");

  useEffect(() => {
    ref.current?.focus();
  }, []);

  return (
    <div
      ref={ref}
      role="dialog"
      aria-modal="true"
      aria-label={label}
      tabIndex={-1}
      data-testid="call-screen"
      data-call-id={call.callId}
      data-call-phase={call.phase}
      onKeyDown={(e) => {
        if (e.key === "Escape") onMinimise();
      }}
      className="fixed inset-0 z-40 flex flex-col bg-slate-50 pt-[env(safe-area-inset-top)] pr-[env(safe-area-inset-right)] pb-[env(safe-area-inset-bottom)] pl-[env(safe-area-inset-left)] text-slate-900 outline-none dark:bg-slate-950 dark:text-slate-100"
    >
      <header className="flex items-center gap-2 px-2 py-2 sm:gap-3 sm:px-5 sm:py-3">
        <button
          type="button"
          aria-label="Minimise call"
          title="Minimise call"
          data-testid="call-minimise"
          onClick={onMinimise}
          className="icon-btn h-11 w-11"
        >
          <MinimiseIcon />
        </button>
        <div className="min-w-0 flex-1">
          <h2 className="truncate font-semibold" data-testid="call-title">
            {call.group ? (chat?.title ?? "Group call") : (chat?.title ?? "Call")}
          </h2>
          <p className="truncate text-sm text-slate-500 dark:text-slate-400" data-testid="call-status">
            {duration !== null && (call.phase === "connected" || call.phase === "reconnecting") ? (
              <span data-testid="call-duration" className="tabular-nums">
                {duration}
              </span>
            ) : waiting ? (
              // The status itself is under the avatar.
              callKindText(call)
            ) : (
              callStatusText(call)
            )}
            {call.group && peers.length ? ` · ${peers.length + 1} people` : ""}
          </p>
        </div>
        <div className="px-2">
          <CallQuality quality={call.quality} rttMs={call.rttMs} lossPct={call.lossPct} />
        </div>
      </header>

      <div className="relative min-h-0 flex-1 px-2 sm:px-5">
        {waiting ? (
          <Waiting
            name={call.group ? (chat?.title ?? "Group call") : (chat?.title ?? "Call")}
            seed={dialogPeer?.id ?? call.chatId}
            url={call.group ? chat?.avatar_url : dialogPeer?.avatar_url}
            text={call.group && peers.length === 0 ? "Waiting for others to join…" : callStatusText(call)}
          />
        ) : (
          <div className={`grid h-full auto-rows-fr gap-2 ${gridFor(peers.length)}`} data-testid="peer-grid">
            {peers.map((p: RemotePeer) => (
              <PeerTile
                key={p.userId}
                peer={p}
                member={member(p.userId)}
                kind={call.kind}
                large={peers.length <= 2}
              />
            ))}
          </div>
        )}
        <LocalPreview call={call} />
        {call.phase === "reconnecting" ? (
          <div
            role="status"
            data-testid="call-reconnecting"
            className="absolute inset-y-0 inset-x-2 z-20 flex justify-center rounded-2xl bg-slate-950/40 pt-6 sm:inset-x-5"
          >
            <p className="flex h-fit items-center gap-3 rounded-full bg-slate-900/90 px-5 py-2.5 font-medium text-white shadow-lg">
              <span
                aria-hidden
                className="h-4 w-4 animate-spin rounded-full border-2 border-white/40 border-t-white"
              />
              Reconnecting…
            </p>
          </div>
        ) : null}
      </div>

      <footer className="px-3 pt-4 pb-5 sm:pb-6">
        <CallControls call={call} />
      </footer>
    </div>
  );
}

function Waiting({
  name,
  seed,
  url,
  text,
}: {
  name: string;
  seed: number;
  url?: string | null;
  text: string;
}) {
  return (
    <div className="grid h-full place-items-center rounded-2xl bg-slate-200/70 p-6 text-center dark:bg-slate-900">
      <div className="flex flex-col items-center">
        <span className="relative grid place-items-center">
          <span
            aria-hidden
            className="absolute inset-0 animate-ping rounded-full bg-indigo-400/30 motion-reduce:animate-none"
          />
          <Avatar name={name} seed={seed} url={url} size="xl" />
        </span>
        <p className="mt-5 text-xl font-semibold [overflow-wrap:anywhere]">{name}</p>
        <p className="mt-1 text-slate-500 dark:text-slate-400" data-testid="call-waiting">
          {text}
        </p>
      </div>
    </div>
  );
}
