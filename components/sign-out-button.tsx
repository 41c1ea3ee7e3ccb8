"use client";

import { signOut } from "next-auth/react";
import { forgetPushOnThisBrowser } from "@/lib/client/push.ts";

async function signOutHere() {
  await forgetPushOnThisBrowser().catch(() => {});
  await signOut({ callbackUrl: "/signin" });
}

export function SignOutButton() {
  return (
    <button type="button" data-testid="sign-out" onClick={signOutHere} className="btn-secondary">
      Sign out
    </button>
  );
}
