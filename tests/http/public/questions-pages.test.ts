import request from "supertest";
import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { BROWSER_UA, createTestApp } from "../../helpers/app.js";
import { htmlChecker } from "../../helpers/html.js";
import { askAgent, buildQuestion, sendQuestion, VALID_QUESTION } from "../../helpers/questions.js";
import { questionSitemapEntries, searchQuestions } from "../../../src/services/questions-public.js";

const get = (app: Parameters<typeof request>[0], path: string) => request(app).get(path).set("User-Agent", BROWSER_UA);
const expectValid = htmlChecker();

describe("tracking a question by its code (/hoi-dap/tra-cuu)", () => {
  it("shows the status and title, never the asker's name, e-mail, phone or address", async () => {
    const t = await createTestApp();
    const { agent, token } = await askAgent(t.app);
    const { code } = (await sendQuestion(agent, { ...VALID_QUESTION, _csrf: token }).set("Accept", "application/json").expect(201)).body;
    const res = await get(t.app, `/hoi-dap/tra-cuu?ma=${code}`).expect(200);
    expect(res.text).toContain("Đã tiếp nhận");
    expect(res.text).toContain(VALID_QUESTION.title);
    for (const secret of [VALID_QUESTION.name, VALID_QUESTION.email, VALID_QUESTION.phone, VALID_QUESTION.address, "Nguyễn V. A."]) {
      expect(res.text).not.toContain(secret);
    }
    expect(res.text).toContain('<meta name="robots" content="noindex, nofollow">');
    await expectValid(res.text, "lookup");
  });

  it("finds the code whatever its case, spaces or dashes", async () => {
    const t = await createTestApp();
    const q = await buildQuestion(t.prisma, { status: "processing", published: false });
    const body = q.code.slice(3);
    for (const typed of [q.code.toLowerCase(), `  ${q.code} `, `${body.slice(0, 4)} ${body.slice(4)}`, body, `hd ${body.toLowerCase()}`]) {
      const res = await get(t.app, `/hoi-dap/tra-cuu?ma=${encodeURIComponent(typed)}`).expect(200);
      expect(res.text, typed).toContain("Đang xử lý");
    }
  });

  it("reveals nothing for a wrong, guessed or malformed code: the same 404 page", async () => {
    const t = await createTestApp();
    const q = await buildQuestion(t.prisma, { status: "processing", published: false });
    const neighbour = q.code.slice(0, -1) + (q.code.endsWith("Z") ? "Y" : "Z");
    const pages: string[] = [];
    for (const typed of [neighbour, "HD-AAAAAAAA", "HD-0000000O", "HD-1", "'; DROP TABLE", "x".repeat(500), `${q.code}%`]) {
      const res = await get(t.app, `/hoi-dap/tra-cuu?ma=${encodeURIComponent(typed)}`).expect(404);
      expect(res.text, typed).toContain("Không tìm thấy câu hỏi với mã này");
      expect(res.text).not.toContain(q.title);
      // The page's content is the same for every one, but for the code typed back in its field.
      const main = /<main[\s\S]*<\/main>/.exec(res.text)![0];
      pages.push(main.replace(/ value="[^"]*" maxlength="20"/, ""));
    }
    expect(new Set(pages).size).toBe(1);
    const json = await get(t.app, `/hoi-dap/tra-cuu?ma=${neighbour}`).set("Accept", "application/json").expect(404);
    expect(json.text).not.toContain(q.title);
  });

  it("does not find a question in the trash", async () => {
    const t = await createTestApp();
    const q = await buildQuestion(t.prisma, { deletedAt: new Date() });
    await get(t.app, `/hoi-dap/tra-cuu?ma=${q.code}`).expect(404);
  });

  it("shows the forwarding note, and links the published answer", async () => {
    const t = await createTestApp();
    const forwarded = await buildQuestion(t.prisma, { status: "forwarded", forwardNote: "Đề nghị liên hệ Sở Tài nguyên và Môi trường.", published: false });
    const res = await get(t.app, `/hoi-dap/tra-cuu?ma=${forwarded.code}`).expect(200);
    expect(res.text).toContain("Không thuộc thẩm quyền");
    expect(res.text).toContain("Đề nghị liên hệ Sở Tài nguyên và Môi trường.");
    const answered = await buildQuestion(t.prisma);
    const page = await get(t.app, `/hoi-dap/tra-cuu?ma=${answered.code}`).expect(200);
    expect(page.text).toContain("Đã trả lời");
    expect(page.text).toContain(`href="/hoi-dap/${answered.slug}"`);
    const unpublished = await buildQuestion(t.prisma, { published: false });
    const quiet = await get(t.app, `/hoi-dap/tra-cuu?ma=${unpublished.code}`).expect(200);
    expect(quiet.text).toContain("không được công khai");
    expect(quiet.text).not.toContain(unpublished.answer);
  });

  it("limits lookups to 30 in 15 minutes per address (429)", async () => {
    const t = await createTestApp();
    for (let i = 0; i < 30; i++) await get(t.app, `/hoi-dap/tra-cuu?ma=HD-AAAAAAA${"23456789ABCDEFGHJKLMNPQRSTUVWXYZ"[i]}`).expect(404);
    const res = await get(t.app, "/hoi-dap/tra-cuu?ma=HD-BBBBBBBB").expect(429);
    expect(res.text).toContain("Bạn đã tra cứu quá nhiều lần");
    // The empty form is not a lookup.
    await get(t.app, "/hoi-dap/tra-cuu").expect(200);
  });
});

describe("published questions (/hoi-dap, /hoi-dap/:slug)", () => {
  it("lists published questions newest first with the asker shortened; no e-mail or phone anywhere", async () => {
    const t = await createTestApp();
    const older = await buildQuestion(t.prisma, { title: "Câu hỏi cũ hơn về một cửa", name: "Lê Thị Hồng Nhung", publishedAt: new Date("2026-10-01T03:00:00Z") });
    const newer = await buildQuestion(t.prisma, { title: "Câu hỏi mới hơn về dịch vụ công", name: "Phạm Quốc Bảo", publishedAt: new Date("2026-11-20T03:00:00Z") });
    const hidden = await buildQuestion(t.prisma, { title: "Câu hỏi chưa công khai", published: false });
    const trashed = await buildQuestion(t.prisma, { title: "Câu hỏi trong thùng rác", deletedAt: new Date() });
    await t.changed();
    const res = await get(t.app, "/hoi-dap").expect(200);
    expect(res.text.indexOf(newer.title)).toBeGreaterThan(-1);
    expect(res.text.indexOf(newer.title)).toBeLessThan(res.text.indexOf(older.title));
    expect(res.text).toContain("Lê T. H. N.");
    expect(res.text).toContain("Phạm Q. B.");
    for (const q of [older, newer, hidden, trashed]) {
      expect(res.text).not.toContain(q.email);
      expect(res.text).not.toContain(q.phone);
      expect(res.text).not.toContain(q.name);
    }
    expect(res.text).not.toContain(hidden.title);
    expect(res.text).not.toContain(trashed.title);
    expect(res.text).toContain('href="/hoi-dap/rss.xml"');
    await expectValid(res.text, "list");
    await get(t.app, `/hoi-dap/${hidden.slug ?? "khong-co"}`).expect(404);
    await get(t.app, `/hoi-dap/${trashed.slug}`).expect(404);
  });

  it("pages through ten at a time with ?trang=N", async () => {
    const t = await createTestApp();
    const before = await t.prisma.question.count({ where: { published: true, deletedAt: null } });
    for (let i = 1; i <= 12; i++) {
      await buildQuestion(t.prisma, { title: `Hỏi đáp phân trang số ${i}`, publishedAt: new Date(Date.UTC(2026, 10, i)) });
    }
    await t.changed();
    const first = await get(t.app, "/hoi-dap").expect(200);
    expect(first.text).toContain("Hỏi đáp phân trang số 12");
    expect(first.text).not.toContain("Hỏi đáp phân trang số 2<");
    expect(first.text).toContain('href="/hoi-dap?trang=2"');
    const second = await get(t.app, "/hoi-dap?trang=2").expect(200);
    expect(second.text).toContain("Hỏi đáp phân trang số 2<");
    expect(second.text).toContain("Hỏi đáp phân trang số 1<");
    expect(before + 12).toBeGreaterThan(10);
    await get(t.app, "/hoi-dap?trang=abc").expect(400);
  });

  it("searches title, question and answer ignoring case and diacritics", async () => {
    const t = await createTestApp();
    const byTitle = await buildQuestion(t.prisma, { title: "Lệ phí cấp đổi giấy phép lái xe" });
    const byQuestion = await buildQuestion(t.prisma, { question: "Tôi muốn hỏi về thủ tục chứng thực bản sao điện tử từ bản chính." });
    const byAnswer = await buildQuestion(t.prisma, { answer: "<p>Ông/bà nộp hồ sơ qua <strong>Cổng dịch vụ công quốc gia</strong>.</p>" });
    const hidden = await buildQuestion(t.prisma, { title: "Lệ phí giấy phép chưa công khai", published: false });
    await t.changed();
    const title = await get(t.app, `/hoi-dap?q=${encodeURIComponent("le phi GIAY PHEP")}`).expect(200);
    expect(title.text).toContain(byTitle.title);
    expect(title.text).not.toContain(hidden.title);
    expect(title.text).not.toContain(byAnswer.title);
    expect(title.text).toContain('<meta name="robots" content="noindex, follow">');
    const question = await get(t.app, `/hoi-dap?q=${encodeURIComponent("chứng thực điện tử")}`).expect(200);
    expect(question.text).toContain(byQuestion.title);
    const answer = await get(t.app, `/hoi-dap?q=${encodeURIComponent("cong dich vu cong quoc gia")}`).expect(200);
    expect(answer.text).toContain(byAnswer.title);
    const none = await get(t.app, `/hoi-dap?q=${encodeURIComponent("không có từ này xyzzy")}`).expect(200);
    expect(none.text).toContain("Không tìm thấy câu hỏi nào");
  });

  it("shows one question with its answer, who answered, the dates, a print view, and no contact detail", async () => {
    const t = await createTestApp();
    const q = await buildQuestion(t.prisma, {
      name: "Nguyễn Văn An",
      title: "Thời gian giải quyết hồ sơ đất đai",
      question: "Dòng thứ nhất của câu hỏi.\n\nDòng thứ hai <script>alert(1)</script>.",
      answer: "<p>Theo quy định, thời hạn là <strong>10 ngày làm việc</strong>.</p>",
      answeredBy: "Văn phòng Đăng ký đất đai thành phố Cần Thơ",
      createdAt: new Date("2026-11-02T03:00:00Z"),
      answeredAt: new Date("2026-11-05T03:00:00Z"),
    });
    const res = await get(t.app, `/hoi-dap/${q.slug}`).expect(200);
    expect(res.text).toContain("Nguyễn V. A. hỏi ngày 02/11/2026");
    expect(res.text).toContain("trả lời ngày 05/11/2026");
    expect(res.text).toContain("Văn phòng Đăng ký đất đai thành phố Cần Thơ");
    expect(res.text).toContain("<strong>10 ngày làm việc</strong>");
    expect(res.text).toContain("<p>Dòng thứ nhất của câu hỏi.</p>");
    expect(res.text).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    for (const secret of ["Nguyễn Văn An", q.email, q.phone, q.address]) expect(res.text).not.toContain(secret);
    expect(res.text).toContain('<meta name="DC.creator" content="Văn phòng Đăng ký đất đai thành phố Cần Thơ">');
    await expectValid(res.text, "detail");
    const print = await get(t.app, `/hoi-dap/${q.slug}?in=1`).expect(200);
    expect(print.text).toContain("Bản in của câu hỏi");
    expect(print.text).toContain('<meta name="robots" content="noindex, follow">');
    await get(t.app, "/hoi-dap/KHONG_HOP_LE").expect(400);
  });

  it("shows a forwarded question with the office's note", async () => {
    const t = await createTestApp();
    const q = await buildQuestion(t.prisma, { status: "forwarded", forwardNote: "Đề nghị ông liên hệ Công an thành phố Cần Thơ.", published: true });
    const res = await get(t.app, `/hoi-dap/${q.slug}`).expect(200);
    expect(res.text).toContain("Hướng dẫn của cơ quan");
    expect(res.text).toContain("Đề nghị ông liên hệ Công an thành phố Cần Thơ.");
  });

  it("publishes a feed of the latest answers, with the asker shortened and no contact detail", async () => {
    const t = await createTestApp();
    const q = await buildQuestion(t.prisma, { title: "Câu hỏi trong RSS", name: "Võ Minh Tâm", publishedAt: new Date(Date.now() - 60_000) });
    const hidden = await buildQuestion(t.prisma, { title: "Câu hỏi không vào RSS", published: false });
    await t.changed();
    const res = await request(t.app).get("/hoi-dap/rss.xml").expect(200);
    expect(res.headers["content-type"]).toContain("application/rss+xml");
    const feed = new XMLParser().parse(res.text);
    const items = [feed.rss.channel.item].flat();
    expect(items[0].title).toBe("Câu hỏi trong RSS");
    expect(items[0].link).toMatch(new RegExp(`/hoi-dap/${q.slug}$`));
    expect(res.text).toContain("Võ M. T. hỏi:");
    expect(res.text).not.toContain(hidden.title);
    for (const secret of ["Võ Minh Tâm", q.email, q.phone]) expect(res.text).not.toContain(secret);
  });

  it("shows the seeded demo questions: five answered and published, one received and one forwarded kept back", async () => {
    const t = await createTestApp();
    const seeded = await t.prisma.question.findMany({ where: { origin: "seed" } });
    expect(seeded).toHaveLength(7);
    expect(seeded.every((q) => q.email.endsWith("@example.com"))).toBe(true);
    expect(seeded.filter((q) => q.published).map((q) => q.status)).toEqual(Array(5).fill("answered"));
    expect(seeded.filter((q) => !q.published).map((q) => q.status).sort()).toEqual(["forwarded", "received"]);
    const html = (await get(t.app, "/hoi-dap").expect(200)).text;
    expect(html).toContain("Nộp hồ sơ trực tuyến rồi có phải nộp thêm bản giấy không?");
    expect(html).toContain("Trần V. M. hỏi ngày 14/09/2026");
    expect(html).not.toContain("Tranh chấp ranh giới đất");
    expect(html).not.toContain("sáng thứ Bảy");
    const first = seeded.find((q) => q.published)!;
    await get(t.app, `/hoi-dap/${first.slug}`).expect(200);
  });

  it("gives the site search and the sitemap the published questions only", async () => {
    const t = await createTestApp();
    const shown = await buildQuestion(t.prisma, { title: "Tra cứu hồ sơ trực tuyến trên cổng dịch vụ công" });
    const hidden = await buildQuestion(t.prisma, { title: "Tra cứu hồ sơ chưa công khai", published: false });
    const now = new Date();
    const result = await searchQuestions(t.prisma, now, ["tra", "cuu", "ho", "so"], 0, 10);
    expect(result.hits.map((h) => h.title)).toContain(shown.title);
    expect(result.hits.map((h) => h.title)).not.toContain(hidden.title);
    expect(result.hits.find((h) => h.title === shown.title)).toMatchObject({ url: `/hoi-dap/${shown.slug}`, label: "Hỏi đáp" });
    const entries = await questionSitemapEntries(t.prisma, now);
    expect(entries.map((e) => e.path)).toContain(`/hoi-dap/${shown.slug}`);
    expect(entries.every((e) => e.lastmod instanceof Date)).toBe(true);
    expect(entries).toHaveLength(await t.prisma.question.count({ where: { published: true, deletedAt: null } }));
  });
});
