-- Calls (issue 11): call records, their participants, and the call entry in a chat's history.

-- CreateEnum
CREATE TYPE "CallKind" AS ENUM ('voice', 'video');

-- CreateEnum
CREATE TYPE "CallState" AS ENUM ('ringing', 'active', 'ended');

-- CreateEnum
CREATE TYPE "CallEndReason" AS ENUM ('completed', 'missed', 'declined', 'busy', 'cancelled', 'connection_lost', 'failed');

-- CreateEnum
CREATE TYPE "CallParticipantState" AS ENUM ('ringing', 'joined', 'left', 'declined', 'missed');

-- CreateTable
CREATE TABLE "calls" (
    "id" SERIAL NOT NULL,
    "call_id" TEXT NOT NULL,
    "chat_id" INTEGER NOT NULL,
    "caller_id" INTEGER NOT NULL,
    "caller_device_id" INTEGER NOT NULL,
    "kind" "CallKind" NOT NULL,
    "is_group" BOOLEAN NOT NULL DEFAULT false,
    "state" "CallState" NOT NULL DEFAULT 'ringing',
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answered_at" TIMESTAMPTZ(3),
    "ended_at" TIMESTAMPTZ(3),
    "end_reason" "CallEndReason",
    "message_id" INTEGER,

    CONSTRAINT "calls_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "call_participants" (
    "call_id" INTEGER NOT NULL,
    "user_id" INTEGER NOT NULL,
    "device_id" INTEGER,
    "connection_id" TEXT,
    "state" "CallParticipantState" NOT NULL,
    "joined_at" TIMESTAMPTZ(3),
    "left_at" TIMESTAMPTZ(3),
    "disconnected_at" TIMESTAMPTZ(3),

    CONSTRAINT "call_participants_pkey" PRIMARY KEY ("call_id","user_id")
);

-- AlterTable
ALTER TABLE "messages" ADD COLUMN "call_id" INTEGER;


-- CreateIndex
CREATE UNIQUE INDEX "calls_one_running_per_chat" ON "calls"("chat_id") WHERE state <> 'ended';

-- CreateIndex
CREATE INDEX "calls_chat_id_id_idx" ON "calls"("chat_id", "id");

-- CreateIndex
CREATE INDEX "calls_chat_id_call_id_idx" ON "calls"("chat_id", "call_id");

-- CreateIndex
CREATE INDEX "call_participants_user_id_state_idx" ON "call_participants"("user_id", "state");

-- CreateIndex
CREATE INDEX "call_participants_connection_id_idx" ON "call_participants"("connection_id");

-- CreateIndex
CREATE UNIQUE INDEX "messages_call_id_key" ON "messages"("call_id");

-- AddForeignKey
ALTER TABLE "messages" ADD CONSTRAINT "messages_call_id_fkey" FOREIGN KEY ("call_id") REFERENCES "calls"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "calls" ADD CONSTRAINT "calls_chat_id_fkey" FOREIGN KEY ("chat_id") REFERENCES "chats"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "calls" ADD CONSTRAINT "calls_caller_id_fkey" FOREIGN KEY ("caller_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "call_participants" ADD CONSTRAINT "call_participants_call_id_fkey" FOREIGN KEY ("call_id") REFERENCES "calls"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "call_participants" ADD CONSTRAINT "call_participants_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
