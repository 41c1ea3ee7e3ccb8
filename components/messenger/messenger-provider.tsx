"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { signOut } from "next-auth/react";
import { createContext, type ReactNode, useContext, useEffect, useRef, useState } from "react";
import { callEngine } from "@/lib/client/calls/engine.ts";
import { Realtime } from "@/lib/client/realtime.ts";
import type { Me } from "@/lib/client/types.ts";

type Context = { me: Me; realtime: Realtime; activeChat: React.MutableRefObject<number | null> };

const MessengerContext = createContext<Context | null>(null);

export function useMessengerContext(): Context {
  const value = useContext(MessengerContext);
  if (!value) throw new Error("useMessengerContext outside MessengerProvider");
  return value;
}

/** One query cache and one socket for the signed-in tab, alive across chat navigation. */
export function MessengerProvider({ me, children }: { me: Me; children: ReactNode }) {
  const router = useRouter();
  const activeChat = useRef<number | null>(null);
  const [qc] = useState(
    () => new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } }),
  );
  const [realtime] = useState(
    () =>
      new Realtime({
        qc,
        me,
        readingChat: () => (document.visibilityState === "visible" ? activeChat.current : null),
        onRemovedFromChat: (chatId) => {
          if (activeChat.current === chatId) router.replace("/");
        },
        // The sign-in page says why when the account was banned.
        onSignedOut: (reason) =>
          void signOut({ callbackUrl: reason === "banned" ? "/signin?banned=1" : "/signin" }),
      }),
  );

  const [calls] = useState(() => ({ socket: realtime.socket, qc, me }));

  useEffect(() => {
    // The call engine first: it takes the call frames from the socket's first message on.
    callEngine.start(calls);
    realtime.start();
    return () => {
      realtime.stop();
      callEngine.stop();
    };
  }, [realtime, calls]);

  return (
    <QueryClientProvider client={qc}>
      <MessengerContext.Provider value={{ me, realtime, activeChat }}>{children}</MessengerContext.Provider>
    </QueryClientProvider>
  );
}
