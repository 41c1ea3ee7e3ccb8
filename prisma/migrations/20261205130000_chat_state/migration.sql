-- Each member's own view of a chat: muted (until a time; "always" is the year 9999), archived,
-- pinned to the top of the list (the time orders the pins), marked unread by hand.
ALTER TABLE "chat_members"
  ADD COLUMN "muted_until" TIMESTAMPTZ(3),
  ADD COLUMN "archived_at" TIMESTAMPTZ(3),
  ADD COLUMN "pinned_at" TIMESTAMPTZ(3),
  ADD COLUMN "marked_unread" BOOLEAN NOT NULL DEFAULT false;
