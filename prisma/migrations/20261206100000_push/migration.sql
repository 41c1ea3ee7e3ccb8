-- Web Push: at most one subscription per device (session); it goes with the device's row, and is
-- deleted when the session is signed out or revoked. Keys are the browser's (base64url).
CREATE TABLE "push_subscriptions" (
    "id" SERIAL NOT NULL,
    "device_id" INTEGER NOT NULL,
    "endpoint" TEXT NOT NULL,
    "p256dh" TEXT NOT NULL,
    "auth" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "push_subscriptions_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "push_subscriptions_device_id_key" ON "push_subscriptions"("device_id");

-- One browser's subscription belongs to the session that registered it last (another account
-- signed in on that browser must not get the first one's notifications).
CREATE UNIQUE INDEX "push_subscriptions_endpoint_key" ON "push_subscriptions"("endpoint");

ALTER TABLE "push_subscriptions" ADD CONSTRAINT "push_subscriptions_device_id_fkey"
  FOREIGN KEY ("device_id") REFERENCES "devices"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Whether push notifications may show message text (off: sender and chat only).
ALTER TABLE "users" ADD COLUMN "push_previews" BOOLEAN NOT NULL DEFAULT false;
