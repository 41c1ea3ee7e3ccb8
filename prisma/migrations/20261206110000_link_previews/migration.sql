-- Link previews: one row per normalised URL, shared by the messages that link it (lib/link-previews).
CREATE TABLE "link_previews" (
    "id" SERIAL NOT NULL,
    "url_key" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "title" TEXT,
    "description" TEXT,
    "site_name" TEXT,
    "image_key" TEXT,
    "image_width" INTEGER,
    "image_height" INTEGER,
    "fetched_at" TIMESTAMPTZ(3) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "link_previews_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "link_previews_url_key_key" ON "link_previews"("url_key");

ALTER TABLE "messages" ADD COLUMN "link_preview_id" INTEGER;

CREATE INDEX "messages_link_preview_id_idx" ON "messages"("link_preview_id");

ALTER TABLE "messages" ADD CONSTRAINT "messages_link_preview_id_fkey" FOREIGN KEY ("link_preview_id") REFERENCES "link_previews"("id") ON DELETE SET NULL ON UPDATE CASCADE;
