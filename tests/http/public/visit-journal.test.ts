import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../helpers/app.js";
import { createVisitJournal } from "../../../src/services/visit-journal.js";
import { vnDayKey } from "../../../src/lib/vi-time.js";

const BASELINE = 127627;
// A process id that has just ended: the journal of a killed instance.
const deadPid = () => spawnSync(process.execPath, ["-e", ""]).pid!;

/** Journal files as a process killed before storing them leaves them (the file name carries its pid). */
function leaveSegment(t: TestApp, visits: number, views: { articleId: number; n: number } | null, options: { pid?: number; databaseUrl?: string } = {}) {
  const dir = path.join(t.config.dataDir, "visit-journal");
  const journal = createVisitJournal(dir, options.databaseUrl ?? t.config.databaseUrl);
  for (let i = 0; i < visits; i++) journal.visit(vnDayKey(new Date()));
  for (let i = 0; i < (views?.n ?? 0); i++) journal.view(views!.articleId);
  const segment = journal.rotate()!;
  const file = path.join(dir, path.basename(segment.file!).replace(`-${process.pid}-`, `-${options.pid ?? deadPid()}-`));
  fs.renameSync(segment.file!, file);
  return { id: segment.id, file };
}

const today = async (t: TestApp) => ((await request(t.app).get("/api/visits").expect(200)).body as { today: number; total: number });

describe("visit journal: counts a killed process had not stored", () => {
  it("are stored once on the next start, with the article views, and the file is removed", async () => {
    const t = await createTestApp();
    const article = await t.prisma.article.findFirstOrThrow({ where: { status: "published" } });
    const left = leaveSegment(t, 7, { articleId: article.id, n: 3 });
    expect(await today(t)).toMatchObject({ today: 7, total: BASELINE + 7 });
    expect(fs.existsSync(left.file)).toBe(false);
    expect((await t.prisma.visitDay.findUniqueOrThrow({ where: { day: vnDayKey(new Date()) } })).count).toBe(7);
    expect((await t.prisma.article.findUniqueOrThrow({ where: { id: article.id } })).viewCount).toBe(article.viewCount + 3);
    expect(await t.prisma.visitJournal.count({ where: { id: left.id } })).toBe(1);
  });

  it("never add a segment twice: one whose id is already stored (killed between commit and clean-up) adds nothing", async () => {
    const t = await createTestApp();
    const left = leaveSegment(t, 5, null);
    await t.prisma.visitJournal.create({ data: { id: left.id } });
    expect(await today(t)).toMatchObject({ today: 0, total: BASELINE });
    expect(fs.existsSync(left.file)).toBe(false);
  });

  it("leave alone the segments of a live process and of another database", async () => {
    const t = await createTestApp();
    const live = leaveSegment(t, 4, null, { pid: process.ppid });
    const other = leaveSegment(t, 6, null, { databaseUrl: "file:/elsewhere/portal.db" });
    expect(await today(t)).toMatchObject({ today: 0, total: BASELINE });
    expect(fs.existsSync(live.file)).toBe(true);
    expect(fs.existsSync(other.file)).toBe(true);
  });
});
