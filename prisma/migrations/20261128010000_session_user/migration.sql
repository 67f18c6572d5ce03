-- Sessions remember their user, so disabling an account or resetting a password ends
-- that user's sessions with one indexed DELETE instead of reading every session.
ALTER TABLE "Session" ADD COLUMN "userId" INTEGER;
CREATE INDEX "Session_userId_idx" ON "Session"("userId");
-- Sessions saved before this migration: fill the column from their JSON data.
UPDATE "Session" SET "userId" = json_extract("data", '$.userId') WHERE "userId" IS NULL;
