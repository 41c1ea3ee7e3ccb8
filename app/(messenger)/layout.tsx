import type { ReactNode } from "react";
import { MessengerProvider } from "@/components/messenger/messenger-provider.tsx";
import { MessengerShell } from "@/components/messenger/messenger-shell.tsx";
import { requireCurrentUser } from "@/lib/web/current-user.ts";

export const dynamic = "force-dynamic";

// The shell lives in the layout so the socket and caches survive moving between chats.
export default async function MessengerLayout({ children }: { children: ReactNode }) {
  const user = await requireCurrentUser();
  const me = {
    id: user.id,
    email: user.email,
    username: user.username,
    display_name: user.display_name,
    avatar_url: user.avatar_url,
    device_id: user.device_id,
    role: user.role,
  };
  return (
    <MessengerProvider me={me}>
      <MessengerShell />
      {children}
    </MessengerProvider>
  );
}
