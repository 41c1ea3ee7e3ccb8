import type { PushSettings } from "../push/settings.ts";
import { api } from "./api.ts";

/** Where push stands on this device, as the Settings page shows it. */
export type PushState = "unsupported" | "denied" | "off" | "on";

/** Set while this device is subscribed: the page then leaves notifications to the service worker. */
const FLAG = "stu.push";

export function pushSupported(): boolean {
  return (
    typeof window !== "undefined" &&
    "serviceWorker" in navigator &&
    "PushManager" in window &&
    typeof Notification !== "undefined"
  );
}

export function registerServiceWorker(): Promise<ServiceWorkerRegistration> {
  return navigator.serviceWorker.register("/sw.js", { scope: "/" });
}

const keyBytes = (base64url: string) =>
  Uint8Array.from(atob(base64url.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));

async function registration(): Promise<ServiceWorkerRegistration> {
  await registerServiceWorker();
  return navigator.serviceWorker.ready;
}

const saveOnServer = (subscription: PushSubscription) =>
  api("/v1/push/subscription", { method: "PUT", body: subscription.toJSON() });

/**
 * This device's state. A subscription this account made here is sent to the server again: the
 * server drops it when a push service answers 410, and re-sending is cheap.
 */
export async function pushState(): Promise<PushState> {
  if (!pushSupported()) return "unsupported";
  if (Notification.permission === "denied") return "denied";
  const subscription = await (await registration()).pushManager.getSubscription();
  // Without the flag the subscription is someone else's on this browser (signed out elsewhere): it
  // is not bound to this account until the user enables push here.
  if (!subscription || Notification.permission !== "granted" || localStorage.getItem(FLAG) !== "1") {
    localStorage.removeItem(FLAG);
    return "off";
  }
  await saveOnServer(subscription);
  localStorage.setItem(FLAG, "1");
  return "on";
}

/** Asks for permission, subscribes with the server's VAPID key and registers the subscription. */
export async function enablePush(): Promise<PushState> {
  if (!pushSupported()) return "unsupported";
  const permission = await Notification.requestPermission();
  if (permission === "denied") return "denied";
  if (permission !== "granted") return "off";
  const { public_key } = await api<{ public_key: string }>("/v1/push/vapid-public-key");
  const manager = (await registration()).pushManager;
  const key = keyBytes(public_key);
  let subscription = await manager.getSubscription();
  // A subscription made for another server key (the keys were changed) cannot be used.
  const old = subscription?.options.applicationServerKey;
  if (subscription && old && !sameBytes(new Uint8Array(old), key)) {
    await subscription.unsubscribe();
    subscription = null;
  }
  subscription ??= await manager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
  await saveOnServer(subscription);
  localStorage.setItem(FLAG, "1");
  return "on";
}

export async function disablePush(): Promise<PushState> {
  const subscription = await (await registration()).pushManager.getSubscription();
  await subscription?.unsubscribe();
  localStorage.removeItem(FLAG);
  await api("/v1/push/subscription", { method: "DELETE" });
  return "off";
}

/**
 * Signing out: the browser's subscription goes too (the server deletes its copy with the session),
 * so the next account signed in here is not pushed to without asking.
 */
export async function forgetPushOnThisBrowser(): Promise<void> {
  localStorage.removeItem(FLAG);
  if (!pushSupported()) return;
  const registration = await navigator.serviceWorker.getRegistration();
  await (await registration?.pushManager.getSubscription())?.unsubscribe();
}

/** The service worker shows this device's notifications; the page does not add its own. */
export const pushActive = () => typeof localStorage !== "undefined" && localStorage.getItem(FLAG) === "1";

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

export const getPushSettings = () => api<PushSettings>("/v1/push/settings");
export const setPushSettings = (settings: PushSettings) =>
  api<PushSettings>("/v1/push/settings", { method: "PUT", body: settings });
