-- CreateTable
CREATE TABLE "VisitJournal" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "storedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "VisitJournal_storedAt_idx" ON "VisitJournal"("storedAt");

