-- AlterTable
ALTER TABLE "attachments" ALTER COLUMN "size" DROP NOT NULL;
