"use client";

import { useParams } from "next/navigation";
import { useEffect } from "react";
import { CallLayer } from "@/components/calls/call-layer.tsx";
import { WarningNotice } from "@/components/safety/warning-notice.tsx";
import { unreadWeight } from "@/lib/client/chat-state.ts";
import { useChats } from "@/lib/client/queries.ts";
import { useMessenger } from "@/lib/client/store.ts";
import { ChatList } from "./chat-list.tsx";
import { ConnectionBanner } from "./connection-banner.tsx";
import { Conversation } from "./conversation.tsx";

/** The unread total in the tab title, as mail and chat apps do; muted chats stay out of it. */
function useUnreadTitle() {
  const chats = useChats();
  const total = (chats.data ?? []).reduce((sum, c) => sum + unreadWeight(c), 0);
  useEffect(() => {
    document.title = total ? `(${total}) stu` : "stu";
  }, [total]);
}

/** Side by side from 768 px; below that the list and the open chat are separate screens. */
export function MessengerShell() {
  const params = useParams<{ id?: string }>();
  const parsed = Number(params.id);
  const chatId = Number.isInteger(parsed) && parsed > 0 ? parsed : null;
  const status = useMessenger((s) => s.status);
  useUnreadTitle();

  return (
    <div className="flex h-dvh flex-col" data-testid="messenger" data-socket={status}>
      <ConnectionBanner />
      <div className="flex min-h-0 flex-1">
        <aside
          className={`${chatId ? "hidden md:flex" : "flex"} w-full flex-col border-slate-200 bg-white md:w-[340px] md:shrink-0 md:border-r lg:w-[380px] dark:border-slate-800 dark:bg-slate-900`}
        >
          <ChatList activeId={chatId} />
        </aside>
        <main
          className={`${chatId ? "flex" : "hidden md:flex"} min-w-0 flex-1 flex-col bg-slate-100 dark:bg-slate-950`}
        >
          {chatId ? (
            <Conversation chatId={chatId} />
          ) : (
            <div className="grid flex-1 place-items-center p-6 text-center" data-testid="no-chat-selected">
              <div>
                <p className="text-lg font-medium text-slate-600 dark:text-slate-300">
                  Select a chat to start messaging
                </p>
                <p className="mt-1 text-sm text-slate-500">or start a new one with the pencil button.</p>
              </div>
            </div>
          )}
        </main>
      </div>
      <WarningNotice />
      <CallLayer />
    </div>
  );
}
