// stu's service worker: shows Web Push notifications when no stu window is in view, and opens the
// chat on a click. The payload is lib/push/payload.ts's PushPayload (text only when the user
// allowed previews). No fetch handler: stu works online only, and a no-op one slows every request.

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

function readPayload(event) {
  try {
    return event.data ? event.data.json() : {};
  } catch {
    return {};
  }
}

async function stuWindows() {
  return self.clients.matchAll({ type: "window", includeUncontrolled: true });
}

self.addEventListener("push", (event) => {
  const data = readPayload(event);
  event.waitUntil(
    (async () => {
      // A window in view shows the message live (and its own chat list badge): no system notification.
      const windows = await stuWindows();
      if (windows.some((w) => w.focused || w.visibilityState === "visible")) return;
      await self.registration.showNotification(data.title || "stu", {
        body: data.body || "New message",
        tag: data.tag || "stu",
        // A new message in the same chat replaces the old notification and alerts again.
        renotify: Boolean(data.tag),
        icon: "/icons/icon-192.png",
        badge: "/icons/badge-96.png",
        data: { url: data.url || "/", chat_id: data.chat_id },
      });
    })(),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = new URL(event.notification.data?.url || "/", self.location.origin).href;
  event.waitUntil(
    (async () => {
      const windows = await stuWindows();
      const open = windows.find((w) => w.url === url) || windows[0];
      if (open) {
        await open.focus();
        // The page moves to the chat without a reload (components/service-worker.tsx).
        if (open.url !== url) open.postMessage({ type: "open_url", url });
        return;
      }
      await self.clients.openWindow(url);
    })(),
  );
});
