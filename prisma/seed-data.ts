// The demo content: the page of the old site (shared/docs/seed-page.txt), word for word.

export const SETTINGS = {
  siteName: "Trang Thông tin điện tử Cải cách hành chính thành phố Cần Thơ",
  shortName: "Cải cách hành chính thành phố Cần Thơ",
  managingUnit: "Cải cách hành chính TPCT",
  address: "51 Lý Tự Trọng, phường An Phú, quận Ninh Kiều, thành phố Cần Thơ",
  hotline1: "0931.015.119",
  hotline2: "0931.016.119",
  phone: "(0710) 3820715",
  fax: "(0710) 3825228",
  email: "sonoivu@cantho.gov.vn",
  departmentName: "Phòng Cải cách Hành chính",
  departmentPhone: "0710 3730759",
  departmentEmail: "caicachhanhchinh@cantho.gov.vn",
  copyright: "© CẢI CÁCH HÀNH CHÍNH THÀNH PHỐ CẦN THƠ",
  reprintNotice:
    'Ghi rõ nguồn: "Trang Thông tin điện tử Cải Cách Hành Chính Thành Phố Cần Thơ" khi phát hành thông tin lại từ Trang này.',
  visitBaseline: 127627,
};

export const CATEGORIES = [
  { name: "Tin tức cải cách hành chính", slug: "tin-tuc-cai-cach-hanh-chinh", description: "Tin hoạt động cải cách hành chính của thành phố." },
  { name: "Chỉ số cải cách hành chính", slug: "chi-so-cai-cach-hanh-chinh", description: "Chỉ số PAR Index, SIPAS và kết quả đánh giá." },
  { name: "Một cửa, một cửa liên thông", slug: "mot-cua-mot-cua-lien-thong", description: "Cơ chế một cửa, một cửa liên thông và dịch vụ công." },
  { name: "Văn bản chỉ đạo", slug: "van-ban-chi-dao", description: "Văn bản chỉ đạo, điều hành về cải cách hành chính." },
  { name: "Hỏi đáp", slug: "hoi-dap", description: "Giải đáp thắc mắc của người dân, doanh nghiệp." },
];

export const DEPARTMENT = { name: "Phòng CCHC", slug: "phong-cchc", organization: "Sở Nội vụ thành phố Cần Thơ" };
export const AUTHOR = { name: "Trung Hậu", slug: "trung-hau" };

export const PLACEHOLDER_CREDIT = "Ảnh minh họa thay thế: ảnh gốc của bài không còn lưu trữ";

export const MAIN_ARTICLE = {
  title: "Thành phố Cần Thơ phân tích Chỉ số cải cách hành chính cấp tỉnh năm 2016",
  // 15:09 - 01/08/2017 in Vietnam time.
  publishedAt: new Date("2017-08-01T08:09:00Z"),
  categorySlug: "chi-so-cai-cach-hanh-chinh",
  summary:
    "Sáng ngày 01 tháng 8, ông Võ Thành Thống Chủ tịch Ủy ban nhân dân thành phố Cần Thơ đã chủ trì cuộc họp phân tích đánh giá Chỉ số cải cách hành chính cấp tỉnh năm 2016 của thành phố Cần Thơ.",
  paragraphs: [
    "Theo đó, Chỉ số cải cách hành chính của thành phố Cần Thơ đạt 79,23% cao hơn giá trị trung bình 4,59%. Xếp thứ 16/63 tỉnh thành; xếp thứ 5 trong năm thành phố trực thuộc Trung ương, xếp thứ 2 Khu vực Đồng bằng Sông Cửu Long (sau Đồng Tháp); Có một lĩnh vực đạt Chỉ số tuyệt đối 100% do Bộ Nội vụ thẩm định là Cải cách tổ chức bộ máy hành chính nhà nước (đạt 6,5/6,5 điểm) (năm 2015 có 07/08 chỉ số đạt tuyệt đối). Có 2 chỉ số đạt trên 90% là Xây dựng và tổ chức thực hiện văn bản quy phạm pháp luật (93,33%) và Một cửa, Một cửa liên thông (90,63%); Chỉ số hiện đại hóa hành chính đạt thấp nhất trong các chỉ số thành phần (47,22%) và là chỉ số thành phần duy nhất đạt dưới 50%.",
    "Có 7 tiêu chí thành phần không đạt điểm, 9 tiêu chí thành phần đạt 50% số điểm theo yêu của Bộ tiêu chí.",
    "Cũng tại cuộc họp đại diện Sở Nội vụ, Sở Tư pháp, Sở Thông tin và Truyền thông, Sở Tài chính đã có những phân tích đánh giá những nguyên nhân của những tiêu chí, tiêu chí thành phần chưa đạt điểm theo yêu cầu của Bộ chỉ số, đồng thời đề ra giải pháp khắc phục trong thời gian tới.",
    "Sau khi nghe ý kiến thảo luận của các đại biểu dự họp, ông Võ Thành Thống, Chủ tịch Ủy ban nhân dân thành phố yêu cầu các sở, ngành, quận, huyện tập trung nghiên cứu sâu, nắm rõ các yêu cầu của Bộ Chỉ số CCHC cấp tỉnh do Bộ Nội vụ đánh giá. Trên cơ sở đó, căn cứ chức năng, nhiệm của của ngành, địa phương tập trung triển khai các giải pháp thực hiện có hiệu quả các nhiệm vụ được giao, đảm bảo đạt được mục tiêu, kế hoạch đề ra; Đối với các sở, ngành trực tiếp liên quan đến các tiêu chí, tiêu chí thành phần của Bộ chỉ số như Sở Tư pháp, Sở Thông tin và Truyền thông, Sở Tài chính, Sở Nội vụ, Sở Khoa học và Công nghệ, Sở Kế hoạch và Đầu tư khẩn trương triển khai thực hiện các nhiệm vụ, chuẩn bị đầy đủ các văn bản, tài liệu báo cáo theo yêu cầu của Bộ chỉ số đảm bảo chứng minh được các kết quả công việc đã triển khai thực hiện; Giao Sở Nội vụ có trách nhiệm tham mưu, giúp việc cho Chủ tịch UBND thành phố kiểm tra việc thực hiện các nội dung theo tiêu chí của Bộ chỉ số, định kỳ háng tháng báo cáo việc kiểm tra, giám sát cho Chủ tịch Ủy ban nhân dân thành phố./.",
  ],
  captions: [
    "Quang cảnh cuộc họp phân tích chỉ số cải cách hành chính cấp tỉnh năm 2016",
    "Ông Nguyễn Hoàng Ba - Giám đốc Sở Nội vụ thành phố Cần Thơ báo cáo phân tích điểm hạn chế trong lĩnh vực xây dựng và nâng cao chất lượng CBCCVC",
    "Bà Lê Thị Hải Yến - Phó Giám đốc Sở Tư pháp báo cáo phân tích và đề ra phương hướng nâng cao chất lượng cải cách thủ tục hành chính",
    "Ông Võ Thành Thống - Chủ tịch UBND thành phố kết luận chỉ đạo cuộc họp",
  ],
};

export const TICKER_ARTICLE = {
  title: "Thành phố Cần Thơ ban hành Quy chế thực hiện cơ chế một cửa",
  publishedAt: new Date("2017-07-31T02:00:00Z"),
  categorySlug: "mot-cua-mot-cua-lien-thong",
  summary: "Ủy ban nhân dân thành phố Cần Thơ ban hành Quy chế thực hiện cơ chế một cửa, một cửa liên thông.",
  paragraphs: ["Nội dung bài viết đang được cập nhật."],
};
