import { getConfig } from "../config/env.ts";
import { getDb } from "../db/client.ts";
import { checkEndpoint } from "./endpoint.ts";
import type { SubscriptionInput } from "./schemas.ts";

export type SubscriptionView = {
  device_id: number;
  endpoint: string;
  expiration_time: string | null;
  created_at: string;
  updated_at: string;
};

type Row = { deviceId: number; endpoint: string; expiresAt: Date | null; createdAt: Date; updatedAt: Date };

const viewOf = (row: Row): SubscriptionView => ({
  device_id: row.deviceId,
  endpoint: row.endpoint,
  expiration_time: row.expiresAt?.toISOString() ?? null,
  created_at: row.createdAt.toISOString(),
  updated_at: row.updatedAt.toISOString(),
});

/**
 * The device's one subscription: a new one replaces whatever it had (browsers rotate them). Two
 * sessions registering one endpoint at the same moment: one of them gets a 409 and may retry.
 */
export async function saveSubscription(
  deviceId: number,
  input: SubscriptionInput,
): Promise<SubscriptionView> {
  const endpoint = checkEndpoint(input.endpoint, getConfig().push.allowHttpEndpoints);
  const data = {
    endpoint,
    p256dh: input.keys.p256dh.replace(/=+$/, ""),
    auth: input.keys.auth.replace(/=+$/, ""),
    expiresAt: input.expirationTime ? new Date(input.expirationTime) : null,
  };
  const row = await getDb().$transaction(async (tx) => {
    // The browser now belongs to this session: a subscription another session left behind on the
    // same endpoint (signed in there before, not signed out through the app) is dropped.
    await tx.pushSubscription.deleteMany({ where: { endpoint, deviceId: { not: deviceId } } });
    return tx.pushSubscription.upsert({ where: { deviceId }, create: { deviceId, ...data }, update: data });
  });
  return viewOf(row);
}

export async function findSubscription(deviceId: number): Promise<SubscriptionView | null> {
  const row = await getDb().pushSubscription.findUnique({ where: { deviceId } });
  return row ? viewOf(row) : null;
}

/** Idempotent: a device without a subscription is already where the caller wants it. */
export async function removeSubscriptions(deviceIds: number[]): Promise<void> {
  if (deviceIds.length) await getDb().pushSubscription.deleteMany({ where: { deviceId: { in: deviceIds } } });
}
