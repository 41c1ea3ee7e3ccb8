-- AlterEnum
ALTER TYPE "AttachmentStatus" ADD VALUE 'expired';
