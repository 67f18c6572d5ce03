import type { Db } from "../src/db.js";
import { uniqueSlug } from "../src/lib/slug.js";
import { newQuestionCode } from "../src/services/questions-code.js";
import { questionSearchText, RESERVED_SLUGS, type QuestionStatus } from "../src/services/questions.js";

// Demo questions and answers (origin "seed") about administrative reform in Can Tho after the 2025
// reorganisation (two levels of local government, public administrative service centres, online
// public services). The askers are made up: "Mẫu"/"Thử" names, example.com addresses and 0900 000
// 00x numbers. The answers read like an office's but must be checked before a real office keeps them.

const CITY_CENTRE = "Trung tâm Phục vụ hành chính công thành phố Cần Thơ";
const HOME_AFFAIRS = "Sở Nội vụ thành phố Cần Thơ";

interface SeedQuestion {
  name: string;
  title: string;
  question: string;
  status: QuestionStatus;
  answer?: string;
  answeredBy?: string;
  forwardNote?: string;
  /** Vietnam time, "2026-09-14T09:20". */
  askedAt: string;
  answeredAt?: string;
  published: boolean;
}

const html = (...blocks: string[]) => blocks.join("\n");

const QUESTIONS: SeedQuestion[] = [
  {
    name: "Trần Văn Mẫu",
    title: "Nộp hồ sơ trực tuyến rồi có phải nộp thêm bản giấy không?",
    question:
      "Tôi nộp hồ sơ đăng ký hộ kinh doanh qua Cổng Dịch vụ công quốc gia và đã được tiếp nhận. Xin hỏi tôi có phải mang bản giấy đến Trung tâm Phục vụ hành chính công để nộp lại không, và kết quả được trả bằng cách nào?",
    status: "answered",
    answer: html(
      "<p>Với thủ tục được cung cấp dịch vụ công trực tuyến <strong>toàn trình</strong>, hồ sơ điện tử đã được tiếp nhận có giá trị như hồ sơ giấy; ông không phải nộp lại bản giấy.</p>",
      "<p>Kết quả được trả theo cách ông chọn khi nộp hồ sơ:</p>",
      "<ul><li>bản điện tử trong tài khoản của ông trên Cổng Dịch vụ công;</li><li>qua dịch vụ bưu chính công ích đến địa chỉ ông đăng ký;</li><li>trực tiếp tại nơi đã nộp hồ sơ.</li></ul>",
      "<p>Với thủ tục chỉ trực tuyến <strong>một phần</strong>, cán bộ sẽ nhắn qua tài khoản hoặc số điện thoại của ông những giấy tờ cần xuất trình bản chính khi nhận kết quả.</p>",
    ),
    answeredBy: CITY_CENTRE,
    askedAt: "2026-09-14T09:20",
    answeredAt: "2026-09-16T15:40",
    published: true,
  },
  {
    name: "Lê Thị Thử",
    title: "Sau khi không còn cấp huyện, tôi nộp hồ sơ ở đâu?",
    question:
      "Trước đây tôi làm thủ tục ở Ủy ban nhân dân quận Ninh Kiều. Từ khi sắp xếp lại đơn vị hành chính, tôi nên đến đâu để làm thủ tục chứng thực và đăng ký khai sinh cho con?",
    status: "answered",
    answer: html(
      "<p>Từ ngày 01/7/2025, chính quyền địa phương tổ chức theo hai cấp: thành phố và xã, phường. Các thủ tục trước đây do cấp huyện giải quyết được chuyển về thành phố hoặc về xã, phường.</p>",
      "<p>Chứng thực bản sao từ bản chính và đăng ký khai sinh do Ủy ban nhân dân xã, phường giải quyết. Bà nộp hồ sơ tại <strong>Trung tâm Phục vụ hành chính công của phường</strong> nơi thuận tiện, hoặc nộp trực tuyến trên Cổng Dịch vụ công quốc gia.</p>",
      "<p>Danh sách địa chỉ các trung tâm và giờ làm việc được đăng trong mục Thủ tục hành chính của trang này.</p>",
    ),
    answeredBy: HOME_AFFAIRS,
    askedAt: "2026-09-22T08:05",
    answeredAt: "2026-09-25T10:30",
    published: true,
  },
  {
    name: "Phạm Minh Mẫu",
    title: "Hồ sơ bị trễ hạn thì tôi được thông báo thế nào?",
    question:
      "Giấy tiếp nhận hẹn tôi ngày 10 nhận kết quả nhưng đến ngày hẹn vẫn chưa có. Xin hỏi cơ quan có phải báo cho tôi biết lý do không và tôi cần làm gì?",
    status: "answered",
    answer: html(
      "<p>Khi hồ sơ không giải quyết được đúng hẹn, cơ quan giải quyết phải có <strong>văn bản xin lỗi</strong> gửi người nộp, nêu rõ lý do và hẹn lại ngày trả kết quả; việc hẹn lại chỉ được thực hiện một lần.</p>",
      "<p>Ông có thể tra cứu tình trạng hồ sơ bằng mã hồ sơ ghi trên giấy tiếp nhận tại Cổng Dịch vụ công hoặc gọi đường dây nóng của trang. Nếu chưa nhận được văn bản xin lỗi, ông phản ánh qua mục Liên hệ để được kiểm tra.</p>",
    ),
    answeredBy: CITY_CENTRE,
    askedAt: "2026-10-05T14:10",
    answeredAt: "2026-10-07T09:00",
    published: true,
  },
  {
    name: "Võ Thị Mẫu",
    title: "Nộp hồ sơ trực tuyến có được giảm phí, lệ phí không?",
    question: "Tôi nghe nói nộp hồ sơ qua mạng được giảm lệ phí. Xin cho biết những thủ tục nào được giảm và giảm bao nhiêu?",
    status: "answered",
    answer: html(
      "<p>Để khuyến khích người dân dùng dịch vụ công trực tuyến, nhiều khoản phí, lệ phí được quy định mức thu thấp hơn khi nộp hồ sơ trực tuyến. Mức thu cụ thể khác nhau theo từng thủ tục.</p>",
      "<p>Bà xem mục <strong>Phí, lệ phí</strong> trên trang của từng thủ tục trong mục Thủ tục hành chính: mức thu khi nộp trực tuyến được ghi riêng nếu có. Khi thanh toán trực tuyến, biên lai điện tử được gửi vào tài khoản của bà.</p>",
    ),
    answeredBy: HOME_AFFAIRS,
    askedAt: "2026-10-19T19:45",
    answeredAt: "2026-10-22T16:20",
    published: true,
  },
  {
    name: "Huỳnh Văn Thử",
    title: "Xin bản sao điện tử có giá trị như bản sao chứng thực giấy không?",
    question:
      "Tôi cần nộp bằng tốt nghiệp cho nhiều hồ sơ trực tuyến. Xin hỏi tôi có thể xin chứng thực bản sao điện tử từ bản chính ở đâu và bản này có dùng lại được nhiều lần không?",
    status: "answered",
    answer: html(
      "<p>Ủy ban nhân dân xã, phường thực hiện chứng thực bản sao điện tử từ bản chính. Ông mang bản chính đến Trung tâm Phục vụ hành chính công của xã, phường; bản sao điện tử được ký số và lưu vào kho dữ liệu của ông trên Cổng Dịch vụ công.</p>",
      "<p>Bản sao điện tử đã chứng thực có giá trị sử dụng thay cho bản chính trong các giao dịch theo quy định và được dùng lại cho nhiều hồ sơ trực tuyến khác nhau, không phải chứng thực lại mỗi lần.</p>",
    ),
    answeredBy: CITY_CENTRE,
    askedAt: "2026-11-03T10:15",
    answeredAt: "2026-11-05T08:45",
    published: true,
  },
  {
    name: "Đặng Thị Mẫu",
    title: "Bộ phận một cửa có làm việc sáng thứ Bảy không?",
    question: "Tôi đi làm giờ hành chính nên khó nghỉ để nộp hồ sơ. Xin hỏi bộ phận một cửa của phường có tiếp nhận hồ sơ vào sáng thứ Bảy không?",
    status: "received",
    askedAt: "2026-11-27T21:30",
    published: false,
  },
  {
    name: "Nguyễn Văn Thử",
    title: "Tranh chấp ranh giới đất với nhà bên cạnh",
    question: "Nhà bên cạnh xây tường lấn sang đất của gia đình tôi khoảng nửa mét. Tôi muốn hỏi cơ quan nào giải quyết và thủ tục thế nào?",
    status: "forwarded",
    forwardNote:
      "Tranh chấp đất đai không thuộc thẩm quyền của Sở Nội vụ. Ông liên hệ Ủy ban nhân dân phường nơi có đất để được hòa giải; nếu hòa giải không thành, Ủy ban nhân dân phường hướng dẫn ông gửi đơn đến cơ quan có thẩm quyền giải quyết.",
    answeredBy: HOME_AFFAIRS,
    askedAt: "2026-11-10T09:00",
    answeredAt: "2026-11-12T14:00",
    published: false,
  },
];

const vnTime = (local: string) => new Date(`${local}:00+07:00`);
// Published the working day after the answer, at 08:00.
const publishedAfter = (answeredAt: Date) => new Date(answeredAt.getTime() + 18 * 3600_000);

/** The demo questions; nothing when a seeded question is already there. */
export async function seedQuestions(tx: Db): Promise<void> {
  if (await tx.question.count({ where: { origin: "seed" } })) return;
  for (const [i, q] of QUESTIONS.entries()) {
    const answeredAt = q.answeredAt ? vnTime(q.answeredAt) : null;
    const slug = q.published ? await uniqueSlug(q.title, async (s) => RESERVED_SLUGS.has(s) || (await tx.question.count({ where: { slug: s } })) > 0) : null;
    const answer = q.answer ?? "";
    const forwardNote = q.forwardNote ?? "";
    await tx.question.create({
      data: {
        code: newQuestionCode(),
        slug,
        name: q.name,
        email: `nguoi-hoi-mau-${i + 1}@example.com`,
        phone: `0900 000 00${i + 1}`,
        address: i % 2 ? "" : "Phường Ninh Kiều, thành phố Cần Thơ (địa chỉ mẫu)",
        title: q.title,
        question: q.question,
        status: q.status,
        answer,
        answeredBy: q.answeredBy ?? "",
        forwardNote,
        answeredAt,
        published: q.published,
        publishedAt: q.published && answeredAt ? publishedAfter(answeredAt) : null,
        searchText: questionSearchText({ title: q.title, question: q.question, answer, forwardNote }),
        origin: "seed",
        createdAt: vnTime(q.askedAt),
      },
    });
  }
}
