import request from "supertest";
import type { PrismaClient } from "../../src/db.js";
import { newQuestionCode } from "../../src/services/questions-code.js";
import { questionSearchText } from "../../src/services/questions.js";
import { csrfFrom } from "./login.js";

/** A question as a citizen fills in the form. */
export const VALID_QUESTION = {
  name: "Nguyễn Văn An",
  email: "an.nguyen.hoi@example.com",
  phone: "0931 015 119",
  address: "12 Trần Hưng Đạo, phường Ninh Kiều, Cần Thơ",
  title: "Thời hạn trả kết quả đăng ký kinh doanh",
  question: "Xin hỏi hồ sơ đăng ký thành lập doanh nghiệp nộp trực tuyến thì bao lâu có kết quả?",
};

/** A visitor's agent with the ask form's CSRF token. */
export async function askAgent(app: Parameters<typeof request.agent>[0]) {
  const agent = request.agent(app);
  const token = await csrfFrom(agent, "/hoi-dap/gui-cau-hoi");
  return { agent, token };
}

/** Sends the ask form as a browser does (multipart), with an optional file. */
export function sendQuestion(
  agent: ReturnType<typeof request.agent>,
  fields: Record<string, string>,
  file?: { buffer: Buffer; name: string },
) {
  let req = agent.post("/hoi-dap");
  for (const [name, value] of Object.entries(fields)) req = req.field(name, value);
  if (file) req = req.attach("file", file.buffer, file.name);
  return req;
}

let n = 0;

/** A question stored directly, answered and published unless told otherwise. */
export async function buildQuestion(
  prisma: PrismaClient,
  data: Partial<{
    title: string;
    question: string;
    name: string;
    email: string;
    phone: string;
    status: string;
    answer: string;
    answeredBy: string;
    forwardNote: string;
    published: boolean;
    createdAt: Date;
    answeredAt: Date | null;
    publishedAt: Date;
    deletedAt: Date | null;
  }> = {},
) {
  n += 1;
  const title = data.title ?? `Câu hỏi thử số ${n} về một cửa`;
  const question = data.question ?? `Nội dung câu hỏi thử số ${n} về bộ phận một cửa của phường.`;
  const status = data.status ?? "answered";
  const answer = data.answer ?? (status === "answered" ? `<p>Trả lời câu hỏi số ${n}: nộp hồ sơ tại bộ phận một cửa.</p>` : "");
  const forwardNote = data.forwardNote ?? "";
  const published = data.published ?? status === "answered";
  const createdAt = data.createdAt ?? new Date(Date.UTC(2026, 9, 1, 2, n));
  return prisma.question.create({
    data: {
      code: newQuestionCode(),
      slug: published ? `cau-hoi-thu-${process.pid}-${n}` : null,
      name: data.name ?? `Trần Thị Bích ${n}`,
      email: data.email ?? `bich${n}.hoi@example.com`,
      phone: data.phone ?? `0907 55${String(n).padStart(2, "0")} 01`,
      address: "45 Nguyễn Trãi, Cần Thơ",
      title,
      question,
      status,
      answer,
      answeredBy: data.answeredBy ?? (status === "answered" || status === "forwarded" ? "Sở Nội vụ thành phố Cần Thơ" : ""),
      forwardNote,
      answeredAt: data.answeredAt !== undefined ? data.answeredAt : status === "answered" || status === "forwarded" ? new Date(createdAt.getTime() + 86_400_000) : null,
      published,
      publishedAt: published ? (data.publishedAt ?? new Date(createdAt.getTime() + 2 * 86_400_000)) : null,
      searchText: questionSearchText({ title, question, answer, forwardNote }),
      origin: "test",
      createdAt,
      deletedAt: data.deletedAt ?? null,
    },
  });
}
