-- Message actions (issue 13): pins, forwarding, delete for me.

-- A pinned message of a chat (at most one row per message). (chat_id, pinned_at) serves the pin
-- list and the latest pin of a chat list; the primary key serves history's `pinned` probe.
CREATE TABLE "message_pins" (
    "message_id" INTEGER NOT NULL,
    "chat_id" INTEGER NOT NULL,
    "pinned_by_id" INTEGER,
    "pinned_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "message_pins_pkey" PRIMARY KEY ("message_id")
);

CREATE INDEX "message_pins_chat_id_pinned_at_idx" ON "message_pins"("chat_id", "pinned_at");

ALTER TABLE "message_pins" ADD CONSTRAINT "message_pins_message_id_fkey" FOREIGN KEY ("message_id") REFERENCES "messages"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "message_pins" ADD CONSTRAINT "message_pins_chat_id_fkey" FOREIGN KEY ("chat_id") REFERENCES "chats"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "message_pins" ADD CONSTRAINT "message_pins_pinned_by_id_fkey" FOREIGN KEY ("pinned_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- "Delete for me": a message one member no longer sees. The primary key leads with user_id, so
-- history's per-row probe for the reader is one index look-up.
CREATE TABLE "message_hides" (
    "user_id" INTEGER NOT NULL,
    "message_id" INTEGER NOT NULL,
    "hidden_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "message_hides_pkey" PRIMARY KEY ("user_id", "message_id")
);

CREATE INDEX "message_hides_message_id_idx" ON "message_hides"("message_id");

ALTER TABLE "message_hides" ADD CONSTRAINT "message_hides_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "message_hides" ADD CONSTRAINT "message_hides_message_id_fkey" FOREIGN KEY ("message_id") REFERENCES "messages"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A forwarded message names its original author (a snapshot of the name, as it was when first
-- forwarded) and where it came from. No foreign keys: the original may be gone later.
ALTER TABLE "messages" ADD COLUMN "forwarded_from_user_id" INTEGER,
ADD COLUMN "forwarded_from_name" TEXT,
ADD COLUMN "forwarded_from_message_id" INTEGER,
ADD COLUMN "forwarded_from_chat_id" INTEGER;
