// Plausible Vietnamese administrative-reform news, assembled from phrase lists, for generated demo
// articles (npm run cli -- demo:generate). Lists are drawn with Zipf-like weights (the first entries
// often, the last rarely), so a word like "cải cách" is in almost every article while a hamlet's
// name or a document number is in a handful: searches range from thousands of hits to a few.

export type Random = () => number;

/** A small fast seeded generator (mulberry32): two runs with one seed write the same articles. */
export function seededRandom(seed: number): Random {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const nfc = (list: string[]) => list.map((s) => s.normalize("NFC"));

const AGENCIES = nfc([
  "UBND thành phố", "Sở Nội vụ", "Sở Tư pháp", "Văn phòng UBND thành phố", "Trung tâm Phục vụ hành chính công",
  "Sở Kế hoạch và Đầu tư", "Sở Thông tin và Truyền thông", "Sở Tài nguyên và Môi trường", "Sở Tài chính",
  "Sở Xây dựng", "Sở Giáo dục và Đào tạo", "Sở Y tế", "Sở Lao động - Thương binh và Xã hội", "Công an thành phố",
  "Sở Công Thương", "Sở Giao thông vận tải", "Sở Nông nghiệp và Phát triển nông thôn", "Sở Khoa học và Công nghệ",
  "Sở Văn hóa, Thể thao và Du lịch", "Thanh tra thành phố", "Bảo hiểm xã hội thành phố", "Cục Thuế thành phố",
  "Ban Quản lý các khu chế xuất và công nghiệp", "Sở Ngoại vụ", "Hội đồng thi đua - khen thưởng thành phố",
]);
const PLACES = nfc([
  "quận Ninh Kiều", "quận Bình Thủy", "quận Cái Răng", "quận Ô Môn", "quận Thốt Nốt", "huyện Phong Điền",
  "huyện Cờ Đỏ", "huyện Thới Lai", "huyện Vĩnh Thạnh", "phường Xuân Khánh", "phường An Hòa", "phường Hưng Lợi",
  "phường Long Hòa", "phường Trà Nóc", "xã Mỹ Khánh", "xã Nhơn Ái", "xã Trường Long", "xã Thạnh Quới",
  "phường Tân An", "phường Thới Long", "xã Trung An", "xã Đông Hiệp", "thị trấn Thới Lai", "xã Giai Xuân",
  "phường Châu Văn Liêm", "xã Tân Thới", "phường Thuận Hưng", "xã Thạnh Lộc", "xã Định Môn", "phường Phước Thới",
]);
const TOPICS = nfc([
  "cải cách hành chính", "cải cách thủ tục hành chính", "cơ chế một cửa, một cửa liên thông", "dịch vụ công trực tuyến",
  "chuyển đổi số", "Chỉ số cải cách hành chính (PAR Index)", "Chỉ số hài lòng về sự phục vụ hành chính (SIPAS)",
  "chính quyền điện tử", "số hóa hồ sơ, kết quả giải quyết thủ tục hành chính", "Đề án 06 về dữ liệu dân cư",
  "kỷ luật, kỷ cương hành chính", "chữ ký số", "thanh toán trực tuyến phí, lệ phí", "văn bản điện tử liên thông",
  "sắp xếp, tinh gọn tổ chức bộ máy", "hệ thống quản lý chất lượng theo tiêu chuẩn ISO 9001:2015",
  "tiếp nhận hồ sơ qua dịch vụ bưu chính công ích", "cải cách tài chính công", "văn hóa công vụ",
  "đánh giá, xếp loại cán bộ, công chức", "Chỉ số năng lực cạnh tranh cấp tỉnh (PCI)", "tiếp công dân",
  "phản ánh, kiến nghị của người dân và doanh nghiệp", "đơn giản hóa quy định kinh doanh", "kho dữ liệu điện tử của tổ chức, cá nhân",
  "Chỉ số quản trị và hành chính công cấp tỉnh (PAPI)", "cấp phiếu lý lịch tư pháp trên ứng dụng VNeID", "liên thông đăng ký khai sinh, thường trú, cấp thẻ bảo hiểm y tế",
]);
const ACTIONS = nfc([
  "triển khai", "đẩy mạnh", "nâng cao hiệu quả", "tăng cường", "kiểm tra công tác", "sơ kết", "tổng kết",
  "tập huấn về", "quán triệt", "đánh giá kết quả", "tháo gỡ vướng mắc trong", "hoàn thiện quy trình",
]);
const OPENERS = nfc(["Hội nghị", "Hội thảo", "Tọa đàm", "Lớp tập huấn", "Đoàn kiểm tra", "Phiên họp", "Diễn đàn"]);
const OUTCOMES = nfc([
  "vượt chỉ tiêu về", "hoàn thành sớm kế hoạch", "dẫn đầu khu vực về", "có nhiều chuyển biến trong",
  "còn chậm trong", "cải thiện rõ rệt", "được Bộ Nội vụ ghi nhận về",
]);
const SOLUTIONS = nfc([
  "rà soát, cắt giảm thành phần hồ sơ", "công khai tiến độ giải quyết hồ sơ", "tăng cường ứng dụng công nghệ thông tin",
  "nâng cao kỹ năng giao tiếp của công chức một cửa", "xử lý nghiêm trường hợp trễ hẹn", "mở rộng dịch vụ công trực tuyến toàn trình",
  "kết nối, chia sẻ dữ liệu giữa các cơ quan", "tuyên truyền để người dân sử dụng dịch vụ công", "đặt lịch hẹn trực tuyến",
  "gửi thư xin lỗi khi giải quyết hồ sơ trễ hạn", "bố trí công chức có năng lực tại bộ phận một cửa",
]);
const BENEFITS = nfc([
  "sự hài lòng của người dân, doanh nghiệp", "chất lượng phục vụ của bộ máy hành chính", "tính công khai, minh bạch",
  "hiệu lực, hiệu quả quản lý nhà nước", "môi trường đầu tư, kinh doanh", "trách nhiệm người đứng đầu",
]);
const SURNAMES = nfc(["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Phan", "Trương", "Bùi", "Đặng", "Đỗ", "Ngô", "Dương", "Lâm", "Châu"]);
// [middle names, given names] of men, then of women: "Ông Lê Thị Thảo" would give the game away.
const NAMES: readonly [string[], string[]][] = [
  [nfc(["Văn", "Minh", "Hoàng", "Quốc", "Hữu", "Trung", "Thanh", "Xuân"]), nfc(["Hùng", "Dũng", "Tâm", "Phúc", "Hiếu", "Khoa", "Tuấn", "Lộc", "Quang", "Nghĩa", "Khải", "Toàn", "Thuận", "Định", "Kiệt"])],
  [nfc(["Thị", "Thị Kim", "Ngọc", "Thúy", "Thanh", "Thị Bích", "Mỹ"]), nfc(["Lan", "Hương", "Trinh", "Nhung", "Thảo", "Vy", "Diễm", "Yến", "Tuyết", "Oanh", "Ngân", "Loan", "Hạnh", "Trang"])],
];
// Rare on purpose: each article names one with a small probability, from the end of a long list.
const RARE = nfc([
  "ấp Mỹ Ái", "ấp Thạnh Phú", "ấp Trường Thọ", "ấp Nhơn Lộc", "ấp Thới Bình A", "ấp Tân Long", "ấp Vĩnh Phước",
  "khu vực Bình Yên A", "khu vực Thới Thuận", "khu vực Phú Luông", "khu vực Long Thạnh", "cồn Sơn", "cồn Ấu",
  "mô hình Ngày thứ Bảy cùng dân", "mô hình Cà phê doanh nhân", "Tổ công nghệ số cộng đồng", "mô hình Bưu điện văn hóa xã",
  "mô hình Dân hỏi - cán bộ trả lời", "mô hình Hộp thư góp ý điện tử", "mô hình Không hẹn - Trả ngay", "mô hình Một cửa lưu động",
  "điểm tiếp nhận hồ sơ tại chợ nổi Cái Răng", "trạm kiosk tra cứu thủ tục", "ứng dụng Cần Thơ Số", "tổng đài 1022",
  "phần mềm Hồ sơ công việc", "Tuần lễ dịch vụ công", "hội thi Công chức một cửa thân thiện", "cuộc thi Tìm hiểu cải cách hành chính",
]);
const NUMBERED = nfc(["Quyết định số #/QĐ-UBND", "Kế hoạch số #/KH-UBND", "Công văn số #/UBND-KT", "Chỉ thị số #/CT-UBND", "Thông báo số #/TB-VPUB"]);
const NATIONAL = nfc([
  "Nghị quyết số 76/NQ-CP của Chính phủ", "Nghị định số 61/2018/NĐ-CP", "Nghị định số 107/2021/NĐ-CP",
  "Quyết định số 06/QĐ-TTg của Thủ tướng Chính phủ", "Nghị định số 45/2020/NĐ-CP", "Chỉ thị số 04/CT-TTg",
]);

/** Picks with weight 1/(rank+1)^s: a Zipf-like spread of how often each phrase is used. */
function zipf<T>(list: readonly T[], random: Random, s = 1): () => T {
  const cumulative: number[] = [];
  let sum = 0;
  for (let i = 0; i < list.length; i++) cumulative.push((sum += 1 / (i + 1) ** s));
  return () => {
    const target = random() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    return list[lo]!;
  };
}

export interface GeneratedText {
  title: string;
  summary: string;
  paragraphs: string[];
}

const capitalise = (s: string) => s.charAt(0).toLocaleUpperCase("vi") + s.slice(1);

/** A writer of articles: `article(year)` makes one set in that year (dates, periods, documents). */
export function articleWriter(random: Random) {
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const chance = (p: number) => random() < p;
  const agency = zipf(AGENCIES, random);
  const place = zipf(PLACES, random);
  const topic = zipf(TOPICS, random);
  const action = zipf(ACTIONS, random, 0.8);
  const opener = zipf(OPENERS, random);
  const outcome = zipf(OUTCOMES, random);
  const solution = zipf(SOLUTIONS, random, 0.7);
  const benefit = zipf(BENEFITS, random);
  const meeting = zipf(["hội nghị", "hội thảo", "buổi làm việc", "phiên họp", "buổi tọa đàm"], random);
  const surname = zipf(SURNAMES, random);
  const any = <T>(list: readonly T[]) => list[int(0, list.length - 1)]!;
  /** "Ông Trần Minh Khoa" or "Bà Phạm Thị Lan". */
  const person = () => {
    const woman = chance(0.45);
    const [middles, given] = NAMES[woman ? 1 : 0]!;
    return `${woman ? "Bà" : "Ông"} ${surname()} ${any(middles)} ${any(given)}`;
  };
  /** A leader's title that fits the body: directors of departments, chairs of people's committees. */
  const leaderOf = (body: string) =>
    body.startsWith("Sở ") ? `${any(["Giám đốc", "Phó Giám đốc"])} ${body}`
    : body.startsWith("UBND ") ? `${any(["Chủ tịch", "Phó Chủ tịch"])} ${body}`
    : /^(quận|huyện|phường|xã|thị trấn) /.test(body) ? `${any(["Chủ tịch", "Phó Chủ tịch"])} UBND ${body}`
    : `đại diện lãnh đạo ${body}`;
  /** Two different picks, for "A và B". */
  const two = (pick: () => string) => {
    const a = pick();
    let b = pick();
    for (let i = 0; b === a && i < 5; i++) b = pick();
    return b === a ? a : `${a} và ${b}`;
  };
  const national = zipf(NATIONAL, random);
  const numbered = zipf(NUMBERED, random);

  return (year: number): GeneratedText => {
    const period = () => [`năm ${year}`, `6 tháng đầu năm ${year}`, `quý ${["I", "II", "III", "IV"][int(0, 3)]}/${year}`, `9 tháng năm ${year}`][int(0, 3)]!;
    const doc = () => `${numbered().replace("#", String(int(1, 3999)))} ngày ${int(1, 28)}/${int(1, 12)}/${year}`;
    const where = place();
    const main = topic();
    const title = capitalise(
      [
        () => `${agency()} ${action()} ${main} ${period()}`,
        () => `${capitalise(where)}: ${outcome()} ${main}`,
        () => `${opener()} về ${main} tại ${where}`,
        () => `${action()} ${main} trên địa bàn ${where}`,
        () => `Kết quả ${main} ${period()} của ${agency()}`,
        () => `${agency()} ban hành kế hoạch ${main} ${period()}`,
      ][int(0, 5)]!(),
    );
    const sentences: (() => string)[] = [
      () => `Theo ${agency()}, ${period()}, toàn ${where} đã tiếp nhận ${int(120, 48000)} hồ sơ thủ tục hành chính, trong đó ${int(90, 99)},${int(0, 9)}% được giải quyết trước và đúng hạn.`,
      () => `${agency()} đề nghị các cơ quan, đơn vị tiếp tục ${action()} ${topic()}, gắn với ${topic()}.`,
      () => `Tại ${meeting()}, đại biểu đã thảo luận những khó khăn, vướng mắc trong ${topic()} và đề xuất giải pháp ${solution()}.`,
      () => `${person()}, ${leaderOf(agency())}, nhấn mạnh ${main} là nhiệm vụ trọng tâm, thường xuyên của cả hệ thống chính trị.`,
      () => `${person()}, ${leaderOf(where)}, cho biết địa phương đã ${two(solution)}.`,
      () => `Việc ${action()} ${main} góp phần nâng cao ${two(benefit)}.`,
      () => `Thời gian tới, ${agency()} sẽ tập trung ${solution()}, đồng thời ${action()} ${topic()}.`,
      () => `Đến nay, ${int(40, 1800)} thủ tục hành chính đã được cung cấp dưới dạng dịch vụ công trực tuyến toàn trình trên Cổng Dịch vụ công quốc gia.`,
      () => `Căn cứ ${doc()}, ${agency()} đã hướng dẫn ${where} thực hiện ${main}.`,
      () => `Thực hiện ${national()}, trong ${period()}, thành phố Cần Thơ đã ${solution()}.`,
      () => `Tỷ lệ người dân hài lòng với sự phục vụ tại bộ phận một cửa của ${where} đạt ${int(85, 99)},${int(0, 9)}%.`,
      () => `Lãnh đạo ${agency()} yêu cầu ${solution()}, không để hồ sơ tồn đọng, trễ hạn.`,
    ];
    const sentence = zipf(sentences, random, 0.4);
    // About 1,200 characters in all, like the seed page's own article (1,100).
    const paragraph = () => Array.from({ length: int(2, 3) }, () => sentence()()).join(" ");
    const paragraphs = Array.from({ length: int(3, 5) }, paragraph);
    if (chance(0.15)) {
      const at = int(0, paragraphs.length - 1);
      paragraphs[at] += ` Đáng chú ý, ${any(RARE)} tại ${where} được ${agency()} đánh giá cao và đề nghị nhân rộng.`;
    }
    const summary = `${capitalise(period())}, ${agency()} ${action()} ${main} tại ${where}, hướng đến ${benefit()}.`;
    return { title: title.normalize("NFC"), summary: summary.normalize("NFC"), paragraphs: paragraphs.map((p) => p.normalize("NFC")) };
  };
}

/** Photo captions for the generated images, in their order. */
export const PHOTO_CAPTIONS = nfc([
  "Quang cảnh hội nghị", "Người dân làm thủ tục tại bộ phận một cửa", "Công chức hướng dẫn nộp hồ sơ trực tuyến",
  "Đoàn kiểm tra làm việc tại địa phương", "Trao giấy khen cho tập thể có thành tích", "Kiosk tra cứu thủ tục hành chính",
  "Lớp tập huấn chuyển đổi số", "Trụ sở Trung tâm Phục vụ hành chính công",
]);
export const RARE_TERMS: readonly string[] = RARE;
