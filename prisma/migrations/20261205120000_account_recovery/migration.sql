-- Password reset and e-mail change reuse the verification codes; a reset also has a link token
-- (stored only hashed), an e-mail change the address it moves to.
ALTER TYPE "CodePurpose" ADD VALUE 'password_reset';
ALTER TYPE "CodePurpose" ADD VALUE 'email_change';

ALTER TABLE "verification_codes" ADD COLUMN "token_hash" TEXT, ADD COLUMN "new_email" TEXT;
CREATE UNIQUE INDEX "verification_codes_token_hash_key" ON "verification_codes"("token_hash");

-- A deleted account keeps its row (its messages stay, shown as "Deleted account"); the profile is wiped.
ALTER TABLE "users" ADD COLUMN "deleted_at" TIMESTAMPTZ(3);
