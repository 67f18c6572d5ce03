-- CreateIndex
CREATE INDEX "Article_departmentId_status_publishedAt_idx" ON "Article"("departmentId", "status", "publishedAt");

-- CreateIndex
CREATE INDEX "Article_authorId_status_publishedAt_idx" ON "Article"("authorId", "status", "publishedAt");

