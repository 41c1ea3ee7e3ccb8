"use client";

import { useEffect, useState } from "react";

type Permission = NotificationPermission | "unsupported";

const STATUS: Record<Permission, { text: string; tone: string }> = {
  granted: {
    text: "Enabled",
    tone: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300",
  },
  denied: {
    text: "Blocked in browser settings",
    tone: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300",
  },
  default: { text: "Off", tone: "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300" },
  unsupported: {
    text: "Not supported in this browser",
    tone: "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300",
  },
};

const current = (): Permission =>
  typeof Notification === "undefined" ? "unsupported" : Notification.permission;

export function NotificationsToggle() {
  // null until hydrated: the server cannot know the browser's permission.
  const [permission, setPermission] = useState<Permission | null>(null);

  useEffect(() => {
    setPermission(current());
    // The user may change the permission from the browser's own UI while the page is open.
    let status: PermissionStatus | undefined;
    const update = () => setPermission(current());
    navigator.permissions
      ?.query({ name: "notifications" })
      .then((s) => {
        status = s;
        s.addEventListener("change", update);
      })
      .catch(() => {});
    return () => status?.removeEventListener("change", update);
  }, []);

  async function enable() {
    setPermission(await Notification.requestPermission());
  }

  const status = permission ? STATUS[permission] : null;
  return (
    <div className="flex flex-col items-start gap-3 sm:flex-row sm:items-center sm:justify-between">
      <p className="text-sm">
        <span className="text-slate-600 dark:text-slate-300">Browser notifications: </span>
        {status ? (
          <span
            data-testid="notifications-status"
            className={`ml-1 rounded-full px-2 py-0.5 text-xs font-medium ${status.tone}`}
          >
            {status.text}
          </span>
        ) : null}
      </p>
      {permission === "default" ? (
        <button type="button" onClick={enable} data-testid="notifications-enable" className="btn-primary">
          Enable notifications
        </button>
      ) : null}
    </div>
  );
}
