"use client";

import { useEffect, useRef } from "react";
import { AttachIcon, CloseIcon, SendIcon } from "@/components/icons.tsx";
import { useMessenger } from "@/lib/client/store.ts";
import type { LocalAttachment, Member, Message } from "@/lib/client/types.ts";
import type { useUploads } from "@/lib/client/use-uploads.ts";
import { MAX_TEXT as MAX_MESSAGE_LENGTH } from "@/lib/messages/limits.ts";
import { MENTION_LIST_ID, MentionSuggestions } from "./mention-suggestions.tsx";
import { UploadTray } from "./upload-tray.tsx";
import { useMentionPicker } from "./use-mention-picker.ts";

const TYPING_REPEAT_MS = 3_000;
const TYPING_IDLE_MS = 4_000;

type Props = {
  chatId: number;
  replyTo: { message: Message; sender?: Member } | null;
  editing: Message | null;
  uploads: ReturnType<typeof useUploads>;
  onSend(text: string, attachments: LocalAttachment[]): void;
  onSaveEdit(message: Message, text: string): void;
  onCancel(): void;
  onEditLast(): void;
  onTyping(typing: boolean): void;
  /** Who `@` can mention here (the group's other members; none in a dialog). */
  mentionable: Member[];
};

/** Enter sends, Shift+Enter breaks the line; the draft survives switching chats and reloads. */
export function Composer({
  chatId,
  replyTo,
  editing,
  uploads,
  onSend,
  onSaveEdit,
  onCancel,
  onEditLast,
  onTyping,
  mentionable,
}: Props) {
  const draft = useMessenger((s) => s.drafts[chatId] ?? "");
  const setDraft = useMessenger((s) => s.setDraft);
  const input = useRef<HTMLTextAreaElement>(null);
  const typingSince = useRef(0);
  const idleTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const savedDraft = useRef<string | null>(null);
  const mention = useMentionPicker(draft, input, mentionable, (text) => changed(text));

  // Editing borrows the box: the message's text goes in, the draft comes back afterwards.
  useEffect(() => {
    if (editing) {
      savedDraft.current = useMessenger.getState().drafts[chatId] ?? "";
      setDraft(chatId, editing.text);
    } else if (savedDraft.current !== null) {
      setDraft(chatId, savedDraft.current);
      savedDraft.current = null;
    }
    input.current?.focus();
  }, [editing, chatId, setDraft]);

  useEffect(() => {
    if (replyTo) input.current?.focus();
  }, [replyTo]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the box grows with the draft's text.
  useEffect(() => {
    const el = input.current;
    if (!el) return;
    el.style.height = "auto";
    el.style.height = `${Math.min(el.scrollHeight, 200)}px`;
  }, [draft]);

  useEffect(() => () => clearTimeout(idleTimer.current), []);

  function stopTyping() {
    clearTimeout(idleTimer.current);
    if (typingSince.current) onTyping(false);
    typingSince.current = 0;
  }

  function changed(text: string) {
    setDraft(chatId, text);
    if (editing) return;
    if (!text.trim()) return stopTyping();
    if (Date.now() - typingSince.current > TYPING_REPEAT_MS) {
      typingSince.current = Date.now();
      onTyping(true);
    }
    clearTimeout(idleTimer.current);
    idleTimer.current = setTimeout(stopTyping, TYPING_IDLE_MS);
  }

  const files = editing ? [] : uploads.uploads;
  const canSend =
    draft.length <= MAX_MESSAGE_LENGTH &&
    !uploads.busy &&
    !uploads.failed &&
    (draft.trim().length > 0 || files.length > 0);

  function submit() {
    const text = draft.trim();
    if (!canSend) return;
    if (editing) {
      if (!text) return;
      if (text !== editing.text) onSaveEdit(editing, text);
      onCancel();
      return;
    }
    stopTyping();
    onSend(
      text,
      files.map((u) => ({
        id: u.id!,
        filename: u.file.name,
        content_type: u.file.type || "application/octet-stream",
        size: u.file.size,
        preview_url: u.previewUrl,
      })),
    );
    uploads.take();
    setDraft(chatId, "");
  }

  const tooLong = draft.length > MAX_MESSAGE_LENGTH;
  const banner = editing
    ? { label: "Edit message", text: editing.text }
    : replyTo
      ? {
          label: `Reply to ${replyTo.sender?.display_name || replyTo.sender?.username || "message"}`,
          text: replyTo.message.text || "Attachment",
        }
      : null;

  return (
    <div className="border-t border-slate-200 bg-white px-3 py-2 dark:border-slate-800 dark:bg-slate-900 md:px-6">
      <div className="mx-auto max-w-3xl">
        {banner ? (
          <div
            className="mb-2 flex items-center gap-3 rounded-lg border-l-4 border-indigo-500 bg-slate-50 px-3 py-1.5 dark:bg-slate-800"
            data-testid="composer-context"
          >
            <div className="min-w-0 flex-1 text-sm">
              <p className="font-medium text-indigo-600 dark:text-indigo-300">{banner.label}</p>
              <p className="truncate text-slate-600 dark:text-slate-300">{banner.text}</p>
            </div>
            <button type="button" className="icon-btn h-8 w-8" aria-label="Cancel" onClick={onCancel}>
              <CloseIcon className="h-4 w-4" />
            </button>
          </div>
        ) : null}
        {editing ? null : <UploadTray uploads={uploads.uploads} onRemove={uploads.remove} />}
        <form
          className="flex items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          {editing ? null : (
            <label
              className="icon-btn h-11 w-11 shrink-0 cursor-pointer focus-within:outline-2 focus-within:outline-indigo-600"
              title="Attach files"
            >
              <span className="sr-only">Attach files</span>
              <AttachIcon />
              <input
                type="file"
                multiple
                data-testid="attach-input"
                className="sr-only"
                onChange={(e) => {
                  uploads.add([...(e.target.files ?? [])]);
                  e.target.value = "";
                }}
              />
            </label>
          )}
          <label className="relative min-w-0 flex-1">
            <MentionSuggestions people={mention.people} selected={mention.selected} onPick={mention.pick} />
            <span className="sr-only">Message</span>
            <textarea
              ref={input}
              data-testid="composer-input"
              rows={1}
              value={draft}
              placeholder="Message"
              onChange={(e) => {
                changed(e.target.value);
                mention.caretMoved();
              }}
              onSelect={mention.caretMoved}
              onBlur={stopTyping}
              aria-autocomplete={mentionable.length ? "list" : undefined}
              aria-controls={mention.open ? MENTION_LIST_ID : undefined}
              aria-activedescendant={mention.activeId}
              onPaste={(e) => {
                const pasted = [...e.clipboardData.files];
                if (!pasted.length || editing) return;
                e.preventDefault();
                uploads.add(pasted);
              }}
              onKeyDown={(e) => {
                if (mention.handleKey(e)) return;
                if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
                  e.preventDefault();
                  submit();
                } else if (e.key === "Escape" && (editing || replyTo)) {
                  e.preventDefault();
                  onCancel();
                } else if (e.key === "ArrowUp" && !draft && !editing) {
                  e.preventDefault();
                  onEditLast();
                }
              }}
              aria-invalid={tooLong || undefined}
              className="block max-h-[200px] w-full resize-none rounded-2xl border border-slate-300 bg-slate-50 px-4 py-2.5 text-base outline-none focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30 dark:border-slate-700 dark:bg-slate-950"
            />
          </label>
          <button
            type="submit"
            data-testid="composer-send"
            aria-label={editing ? "Save" : "Send"}
            disabled={!canSend}
            className="grid h-11 w-11 shrink-0 place-items-center rounded-full bg-indigo-600 text-white hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:opacity-40"
          >
            <SendIcon />
          </button>
        </form>
        {tooLong ? (
          <p role="alert" className="mt-1 text-xs text-red-600">
            Too long: {draft.length} of {MAX_MESSAGE_LENGTH} characters.
          </p>
        ) : null}
      </div>
    </div>
  );
}
