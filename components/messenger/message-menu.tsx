"use client";

import { type ReactNode, useEffect, useRef } from "react";
import {
  CheckCircleIcon,
  CopyIcon,
  EditIcon,
  FlagIcon,
  ForwardIcon,
  PinIcon,
  ReplyIcon,
  TrashIcon,
} from "@/components/icons.tsx";
import type { Message } from "@/lib/client/types.ts";
import { QuickReactions } from "./reaction-picker.tsx";

export type MenuTarget = { message: Message; mine: boolean; canPin: boolean };

type Props = {
  target: MenuTarget | null;
  onClose(): void;
  onReply(message: Message): void;
  onEdit(message: Message): void;
  onDelete(message: Message): void;
  onReport(message: Message): void;
  onCopied(ok: boolean): void;
  onReact(message: Message, emoji: string): void;
  onPickReaction(message: Message): void;
  onPin(message: Message, pinned: boolean): void;
  onForward(message: Message): void;
  onSelect(message: Message): void;
};

/** Copies text; falls back to a hidden textarea where the Clipboard API is missing (plain http). */
async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.append(area);
    area.select();
    const ok = document.execCommand("copy");
    area.remove();
    return ok;
  }
}

/**
 * A message's actions as a sheet from the bottom of the screen, for touch screens (long press or the
 * "more" button). A native modal <dialog>: focus moves in and back, Escape and a tap outside close it.
 */
export function MessageMenu({
  target,
  onClose,
  onReply,
  onEdit,
  onDelete,
  onReport,
  onCopied,
  onReact,
  onPickReaction,
  onPin,
  onForward,
  onSelect,
}: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  // A tap outside closes the sheet; the click that ends the long press which opened it does not.
  const downOutside = useRef(false);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (target && !dialog.open) {
      dialog.showModal();
      // The sheet itself takes focus (Tab reaches the actions), not its first action, which would
      // look chosen already.
      dialog.focus();
    }
    if (!target && dialog.open) dialog.close();
  }, [target]);

  function run(action: () => void) {
    onClose();
    action();
  }

  const message = target?.message;
  return (
    <dialog
      ref={ref}
      tabIndex={-1}
      aria-label="Message actions"
      data-testid="message-menu"
      onClose={onClose}
      onPointerDown={(e) => {
        downOutside.current = e.target === ref.current;
      }}
      onClick={(e) => {
        if (e.target === ref.current && downOutside.current) onClose();
        downOutside.current = false;
      }}
      onKeyDown={(e) => {
        if (e.key === "Escape") onClose();
      }}
      className="m-0 mt-auto max-h-[100dvh] w-full max-w-none overflow-y-auto rounded-t-2xl border-0 bg-white p-0 text-slate-900 shadow-2xl outline-none backdrop:bg-slate-950/40 sm:m-auto sm:w-80 sm:rounded-2xl dark:bg-slate-900 dark:text-slate-100 dark:ring-1 dark:ring-slate-700"
    >
      {target && message ? (
        <div className="p-2 pb-[max(0.5rem,env(safe-area-inset-bottom))]">
          {message.text ? (
            <div className="px-3 pt-2 pb-3">
              <p className="line-clamp-2 text-sm text-slate-500 [overflow-wrap:anywhere] dark:text-slate-400">
                {message.text}
              </p>
            </div>
          ) : null}
          <div className="flex justify-center px-2 pb-2">
            <QuickReactions
              reactions={message.reactions}
              onPick={(emoji) => run(() => onReact(message, emoji))}
              onMore={() => run(() => onPickReaction(message))}
            />
          </div>
          <MenuItem label="Reply" onClick={() => run(() => onReply(message))}>
            <ReplyIcon />
          </MenuItem>
          {message.text ? (
            <MenuItem
              label="Copy text"
              testId="message-menu-copy"
              onClick={() => run(() => void copyText(message.text).then(onCopied, () => onCopied(false)))}
            >
              <CopyIcon />
            </MenuItem>
          ) : null}
          {target.canPin ? (
            <MenuItem
              label={message.pinned ? "Unpin" : "Pin"}
              testId="message-menu-pin"
              onClick={() => run(() => onPin(message, !message.pinned))}
            >
              <PinIcon />
            </MenuItem>
          ) : null}
          <MenuItem label="Forward" onClick={() => run(() => onForward(message))}>
            <ForwardIcon />
          </MenuItem>
          <MenuItem label="Select" onClick={() => run(() => onSelect(message))}>
            <CheckCircleIcon />
          </MenuItem>
          {target.mine ? (
            <MenuItem label="Edit" onClick={() => run(() => onEdit(message))}>
              <EditIcon />
            </MenuItem>
          ) : null}
          <MenuItem label="Delete" danger onClick={() => run(() => onDelete(message))}>
            <TrashIcon />
          </MenuItem>
          {target.mine ? null : (
            <MenuItem label="Report" danger onClick={() => run(() => onReport(message))}>
              <FlagIcon />
            </MenuItem>
          )}
          <button
            type="button"
            onClick={onClose}
            className="mt-1 block w-full rounded-xl px-4 py-3 text-center text-base font-medium text-slate-600 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600 dark:text-slate-300 dark:hover:bg-slate-800"
          >
            Cancel
          </button>
        </div>
      ) : null}
    </dialog>
  );
}

function MenuItem({
  label,
  testId,
  danger = false,
  onClick,
  children,
}: {
  label: string;
  testId?: string;
  danger?: boolean;
  onClick(): void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      data-testid={testId ?? `message-menu-${label.toLowerCase()}`}
      onClick={onClick}
      className={`flex w-full items-center gap-3 rounded-xl px-4 py-3 text-left text-base hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600 dark:hover:bg-slate-800 ${
        danger ? "text-red-600 dark:text-red-400" : ""
      }`}
    >
      {children}
      {label}
    </button>
  );
}
