"use client";

import { useState } from "react";
import { ActionSheet, SheetItem } from "@/components/action-sheet.tsx";
import { ArchiveIcon, BackIcon, BellIcon, BellOffIcon, PinIcon, UnreadIcon } from "@/components/icons.tsx";
import { type ChatStateChange, isMuted, type MuteSpan, mutedLabel } from "@/lib/client/chat-state.ts";
import type { Chat } from "@/lib/client/types.ts";

const SPANS: { span: MuteSpan; label: string }[] = [
  { span: "1h", label: "For 1 hour" },
  { span: "8h", label: "For 8 hours" },
  { span: "1d", label: "For 1 day" },
  { span: "forever", label: "Always" },
];

type Props = {
  chat: Chat | null;
  onClose(): void;
  onChange(chat: Chat, change: ChatStateChange): void;
  onMarkRead(chat: Chat): void;
};

/** A chat's own settings from the chat list: pin, mute, mark unread or read, archive. */
export function ChatRowMenu({ chat, onClose, onChange, onMarkRead }: Props) {
  const [choosingMute, setChoosingMute] = useState(false);
  function close() {
    setChoosingMute(false);
    onClose();
  }
  function run(action: () => void) {
    close();
    action();
  }
  const muted = chat ? isMuted(chat) : false;
  const unread = chat ? chat.unread_count > 0 || chat.marked_unread === true : false;

  return (
    <ActionSheet open={chat !== null} label="Chat actions" testId="chat-menu" onClose={close}>
      {chat ? (
        <>
          <div className="px-4 pt-2 pb-3">
            <p className="truncate font-medium">{chat.title}</p>
            {muted ? (
              <p className="text-sm text-slate-500 dark:text-slate-400" data-testid="chat-menu-muted">
                {mutedLabel(chat)}
              </p>
            ) : null}
          </div>
          {choosingMute ? (
            <>
              <SheetItem label="Back" testId="chat-menu-mute-back" onClick={() => setChoosingMute(false)}>
                <BackIcon />
              </SheetItem>
              {SPANS.map(({ span, label }) => (
                <SheetItem
                  key={span}
                  label={label}
                  testId={`chat-menu-mute-${span}`}
                  onClick={() => run(() => onChange(chat, { kind: "mute", span }))}
                />
              ))}
            </>
          ) : (
            <>
              {chat.archived ? null : (
                <SheetItem
                  label={chat.pinned ? "Unpin" : "Pin to top"}
                  testId="chat-menu-pin"
                  onClick={() => run(() => onChange(chat, { kind: "pin", on: !chat.pinned }))}
                >
                  <PinIcon />
                </SheetItem>
              )}
              {muted ? (
                <SheetItem
                  label="Unmute"
                  testId="chat-menu-unmute"
                  onClick={() => run(() => onChange(chat, { kind: "unmute" }))}
                >
                  <BellIcon />
                </SheetItem>
              ) : (
                <SheetItem label="Mute…" testId="chat-menu-mute" onClick={() => setChoosingMute(true)}>
                  <BellOffIcon />
                </SheetItem>
              )}
              <SheetItem
                label={unread ? "Mark as read" : "Mark as unread"}
                testId="chat-menu-unread"
                onClick={() =>
                  run(() => (unread ? onMarkRead(chat) : onChange(chat, { kind: "unread", on: true })))
                }
              >
                <UnreadIcon />
              </SheetItem>
              <SheetItem
                label={chat.archived ? "Unarchive" : "Archive"}
                testId="chat-menu-archive"
                onClick={() => run(() => onChange(chat, { kind: "archive", on: !chat.archived }))}
              >
                <ArchiveIcon />
              </SheetItem>
            </>
          )}
        </>
      ) : null}
    </ActionSheet>
  );
}
