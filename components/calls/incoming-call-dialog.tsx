"use client";

import { useEffect, useRef } from "react";
import { Avatar } from "@/components/avatar.tsx";
import { HangUpIcon, PhoneIcon, VideoIcon } from "@/components/icons.tsx";
import { acceptCall, declineCall } from "@/lib/client/calls/actions.ts";
import type { IncomingCall } from "@/lib/client/calls/store.ts";
import { useCallChat } from "./use-call-chat.ts";

export function incomingLabel(call: Pick<IncomingCall, "group" | "kind">): string {
  return `Incoming ${call.group ? "group " : ""}${call.kind} call`;
}

/**
 * The ringing screen: a native modal <dialog> (focus moves in, the page behind is inert). Accept has
 * the focus, so Enter accepts; Escape declines. The engine rings and posts the system notification.
 */
export function IncomingCallDialog({ call }: { call: IncomingCall }) {
  const ref = useRef<HTMLDialogElement>(null);
  const acceptRef = useRef<HTMLButtonElement>(null);
  const { chat, member, nameOf } = useCallChat(call.chatId);
  const caller = member(call.callerId);
  const callerName = nameOf(call.callerId);
  const label = incomingLabel(call);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    // showModal focuses the first button (Decline); Enter must answer.
    acceptRef.current?.focus();
    return () => dialog?.close();
  }, []);

  const accept = (kind: IncomingCall["kind"]) => void acceptCall(call.callId, kind);
  const decline = () => declineCall(call.callId);

  // Enter answers wherever the focus is, except on a control that has its own Enter (Decline, a field).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (e.key !== "Enter" || target?.closest("button, input, textarea, select, a")) return;
      e.preventDefault();
      void acceptCall(call.callId, call.kind);
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [call.callId, call.kind]);

  return (
    <dialog
      ref={ref}
      aria-label={label}
      data-testid="incoming-call"
      data-call-id={call.callId}
      onCancel={(e) => {
        // Escape: the store closes the dialog once the call is declined.
        e.preventDefault();
        decline();
      }}
      className="m-auto w-[min(22rem,calc(100vw-2rem))] rounded-3xl border border-slate-200 bg-white p-0 text-slate-900 shadow-2xl backdrop:bg-slate-950/60 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-100"
    >
      <div className="flex flex-col items-center px-6 pt-8 pb-6 text-center">
        <span className="relative grid place-items-center">
          <span
            aria-hidden
            className="absolute inset-0 animate-ping rounded-full bg-emerald-400/40 motion-reduce:animate-none"
          />
          <Avatar name={callerName} seed={call.callerId} url={caller?.avatar_url} size="xl" />
        </span>
        <p className="mt-5 text-xl font-semibold [overflow-wrap:anywhere]" data-testid="incoming-caller">
          {callerName}
        </p>
        {call.group && chat ? (
          <p className="mt-0.5 text-sm font-medium text-indigo-600 [overflow-wrap:anywhere] dark:text-indigo-300">
            {chat.title}
          </p>
        ) : null}
        <p className="mt-1 text-sm text-slate-500 dark:text-slate-400">{label}…</p>
        <div className="mt-7 flex w-full items-start justify-center gap-6">
          <RoundAction label="Decline" tone="bg-red-600 hover:bg-red-500 text-white" onClick={decline}>
            <HangUpIcon className="h-6 w-6" />
          </RoundAction>
          {call.kind === "video" ? (
            <RoundAction
              label="Accept as voice"
              tone="bg-slate-200 text-slate-800 hover:bg-slate-300 dark:bg-slate-700 dark:text-slate-100 dark:hover:bg-slate-600"
              onClick={() => accept("voice")}
            >
              <PhoneIcon className="h-6 w-6" />
            </RoundAction>
          ) : null}
          <RoundAction
            label="Accept"
            tone="bg-emerald-600 hover:bg-emerald-500 text-white"
            onClick={() => accept(call.kind)}
            buttonRef={acceptRef}
          >
            {call.kind === "video" ? <VideoIcon className="h-6 w-6" /> : <PhoneIcon className="h-6 w-6" />}
          </RoundAction>
        </div>
      </div>
    </dialog>
  );
}

function RoundAction({
  label,
  tone,
  onClick,
  buttonRef,
  children,
}: {
  label: string;
  tone: string;
  onClick(): void;
  buttonRef?: React.Ref<HTMLButtonElement>;
  children: React.ReactNode;
}) {
  return (
    <button
      type="button"
      ref={buttonRef}
      onClick={onClick}
      className="group flex w-20 flex-col items-center gap-2 text-xs font-medium text-slate-600 focus-visible:outline-none dark:text-slate-300"
    >
      <span
        className={`grid h-14 w-14 place-items-center rounded-full shadow-md transition group-focus-visible:outline-2 group-focus-visible:outline-offset-2 group-focus-visible:outline-indigo-600 ${tone}`}
      >
        {children}
      </span>
      {label}
    </button>
  );
}
