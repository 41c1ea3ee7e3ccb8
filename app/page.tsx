import { Logo } from "@/components/logo.tsx";
import { SignOutButton } from "@/components/sign-out-button.tsx";
import { SocketStatus } from "@/components/socket-status.tsx";

import { requireCurrentUser } from "@/lib/web/current-user.ts";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const user = await requireCurrentUser();

  return (
    <main className="mx-auto flex min-h-dvh max-w-2xl flex-col px-4 py-6">
      <header className="flex items-center justify-between">
        <Logo />
        <div className="flex items-center gap-4">
          <SocketStatus />
          <SignOutButton />
        </div>
      </header>
      <section className="mt-16 rounded-2xl border border-slate-200 bg-white p-8 text-center shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <div className="mx-auto grid h-16 w-16 place-items-center rounded-full bg-indigo-100 text-2xl font-semibold text-indigo-700 dark:bg-indigo-950 dark:text-indigo-300">
          {(user.display_name || user.username).slice(0, 1).toUpperCase()}
        </div>
        <h1 className="mt-4 text-2xl font-semibold" data-testid="signed-in-as">
          Signed in as {user.display_name}
        </h1>
        <p className="mt-1 text-slate-500">@{user.username}</p>
        <p className="break-all text-sm text-slate-500">{user.email}</p>
        <p className="mt-6 text-sm text-slate-500">Your chats will appear here.</p>
      </section>
    </main>
  );
}
