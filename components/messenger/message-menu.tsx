"use client";

import { ActionSheet, SheetItem } from "@/components/action-sheet.tsx";
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
 * "more" button).
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
  function run(action: () => void) {
    onClose();
    action();
  }
  const item = (label: string) => ({ label, testId: `message-menu-${label.toLowerCase()}` });

  const message = target?.message;
  return (
    <ActionSheet open={target !== null} label="Message actions" testId="message-menu" onClose={onClose}>
      {target && message ? (
        <>
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
          <SheetItem {...item("Reply")} onClick={() => run(() => onReply(message))}>
            <ReplyIcon />
          </SheetItem>
          {message.text ? (
            <SheetItem
              label="Copy text"
              testId="message-menu-copy"
              onClick={() => run(() => void copyText(message.text).then(onCopied, () => onCopied(false)))}
            >
              <CopyIcon />
            </SheetItem>
          ) : null}
          {target.canPin ? (
            <SheetItem
              label={message.pinned ? "Unpin" : "Pin"}
              testId="message-menu-pin"
              onClick={() => run(() => onPin(message, !message.pinned))}
            >
              <PinIcon />
            </SheetItem>
          ) : null}
          <SheetItem {...item("Forward")} onClick={() => run(() => onForward(message))}>
            <ForwardIcon />
          </SheetItem>
          <SheetItem {...item("Select")} onClick={() => run(() => onSelect(message))}>
            <CheckCircleIcon />
          </SheetItem>
          {target.mine ? (
            <SheetItem {...item("Edit")} onClick={() => run(() => onEdit(message))}>
              <EditIcon />
            </SheetItem>
          ) : null}
          <SheetItem {...item("Delete")} danger onClick={() => run(() => onDelete(message))}>
            <TrashIcon />
          </SheetItem>
          {target.mine ? null : (
            <SheetItem {...item("Report")} danger onClick={() => run(() => onReport(message))}>
              <FlagIcon />
            </SheetItem>
          )}
        </>
      ) : null}
    </ActionSheet>
  );
}
