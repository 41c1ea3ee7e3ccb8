import { z } from "zod";

/** Browsers' endpoints are a few hundred characters; this leaves room without storing essays. */
export const MAX_ENDPOINT_LENGTH = 2048;

/** base64url of exactly `bytes` bytes (padding tolerated, as some browsers add it). */
const base64url = (bytes: number, what: string) =>
  z
    .string()
    .max(200)
    .refine((v) => /^[A-Za-z0-9_-]+={0,2}$/.test(v) && Buffer.from(v, "base64url").length === bytes, {
      message: `expected the ${what} in base64url (${bytes} bytes)`,
    });

/** The browser's PushSubscription.toJSON(). */
export const subscriptionSchema = z.object({
  endpoint: z.string().min(1).max(MAX_ENDPOINT_LENGTH),
  keys: z.object({
    // An uncompressed P-256 point: 0x04, x, y.
    p256dh: base64url(65, "P-256 public key").refine((v) => Buffer.from(v, "base64url")[0] === 4, {
      message: "expected an uncompressed P-256 public key",
    }),
    auth: base64url(16, "auth secret"),
  }),
  expirationTime: z.number().int().nonnegative().nullable().optional(),
});

export type SubscriptionInput = z.infer<typeof subscriptionSchema>;

export const pushSettingsSchema = z.object({ previews: z.boolean() });
