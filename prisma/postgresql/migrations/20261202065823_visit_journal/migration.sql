-- CreateTable
CREATE TABLE "VisitJournal" (
    "id" TEXT NOT NULL,
    "storedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VisitJournal_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "VisitJournal_storedAt_idx" ON "VisitJournal"("storedAt");

