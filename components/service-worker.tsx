"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { registerServiceWorker } from "@/lib/client/push.ts";

/** Registers public/sw.js on every page, and follows its "open this chat" requests (a notification click). */
export function ServiceWorker() {
  const router = useRouter();
  useEffect(() => {
    if (!("serviceWorker" in navigator)) return;
    registerServiceWorker().catch(() => {});
    const onMessage = (event: MessageEvent) => {
      const data = event.data as { type?: string; url?: string } | null;
      if (data?.type !== "open_url" || typeof data.url !== "string") return;
      const target = new URL(data.url, location.origin);
      if (target.origin === location.origin) router.push(target.pathname);
    };
    navigator.serviceWorker.addEventListener("message", onMessage);
    return () => navigator.serviceWorker.removeEventListener("message", onMessage);
  }, [router]);
  return null;
}
