import { notFound } from "@/lib/http/app-error.ts";
import { json, noContent } from "@/lib/http/responses.ts";
import { authRoute } from "@/lib/http/route.ts";
import { readJson } from "@/lib/http/validation.ts";
import { subscriptionSchema } from "@/lib/push/schemas.ts";
import { findSubscription, removeSubscriptions, saveSubscription } from "@/lib/push/subscriptions.ts";

// GET /v1/push/subscription – this device's subscription, or 404 when it has none
export const GET = authRoute(async (_req, auth) => {
  const found = await findSubscription(auth.deviceId);
  if (!found) throw notFound("push subscription");
  return json(found);
});

// PUT /v1/push/subscription – the browser's PushSubscription JSON; replaces this device's one
export const PUT = authRoute(async (req, auth) =>
  json(await saveSubscription(auth.deviceId, await readJson(req, subscriptionSchema))),
);

// DELETE /v1/push/subscription – stop pushing to this device
export const DELETE = authRoute(async (_req, auth) => {
  await removeSubscriptions([auth.deviceId]);
  return noContent();
});
