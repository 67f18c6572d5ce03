import type { Db } from "../src/db.js";
import { personSearchText } from "../src/services/people.js";
import { DEPARTMENT, SETTINGS } from "./seed-data.js";

// Demo content of "who we are" (issue 9): introduction pages, the office and its divisions, a few
// people, the English texts and the links block. The office, its address and contacts are those of
// the seed page; the divisions, duties, people and history are placeholders, marked as such on the
// page ("Dữ liệu minh họa") and by origin "seed".

const NOTE_VI = "<p><em>(Dữ liệu minh họa: nội dung mẫu để trình bày, cần thay bằng thông tin chính thức.)</em></p>";
const NOTE_EN = "<p><em>(Placeholder data: sample text for the layout, to be replaced with the official information.)</em></p>";
const UNIT_NOTE_VI = "<p><em>(Dữ liệu minh họa)</em></p>";
const UNIT_NOTE_EN = "<p><em>(Placeholder data)</em></p>";
const PERSON_NOTE = "(Dữ liệu minh họa)";

export const ENGLISH_SITE = {
  siteNameEn: "Can Tho City Administrative Reform Portal",
  managingUnitEn: "Administrative Reform Office, Can Tho City Department of Home Affairs",
  addressEn: "51 Ly Tu Trong Street, An Phu Ward, Ninh Kieu District, Can Tho City, Viet Nam",
};

export const PORTAL_LINKS = [
  { title: "Cổng Dịch vụ công quốc gia", url: "https://dichvucong.gov.vn" },
  { title: "Cổng thông tin điện tử Chính phủ", url: "https://chinhphu.vn" },
  { title: "Cổng thông tin điện tử thành phố Cần Thơ", url: "https://cantho.gov.vn" },
  { title: "Bộ Nội vụ", url: "https://moha.gov.vn" },
];

const OFFICE = {
  name: "Phòng Cải cách hành chính",
  slug: "phong-cai-cach-hanh-chinh",
  nameEn: "Administrative Reform Office",
  duties:
    "<p>Tham mưu, giúp Giám đốc Sở Nội vụ quản lý nhà nước về cải cách hành chính trên địa bàn thành phố: " +
    "xây dựng và theo dõi kế hoạch cải cách hành chính, kiểm soát thủ tục hành chính, cải cách tổ chức bộ máy, " +
    "chính quyền điện tử, theo dõi Chỉ số cải cách hành chính (PAR Index) và cơ chế một cửa, một cửa liên thông.</p>",
  dutiesEn:
    "<p>Advises the Director of the Department of Home Affairs on administrative reform in the city: planning and " +
    "monitoring reform, control of administrative procedures, organisational reform, e-government, the PAR Index " +
    "and the one-stop-shop mechanism.</p>",
};

const DIVISIONS = [
  {
    name: "Bộ phận Kiểm soát thủ tục hành chính",
    slug: "bo-phan-kiem-soat-thu-tuc-hanh-chinh",
    nameEn: "Administrative Procedure Control Division",
    duties:
      "<p>Rà soát, đề xuất đơn giản hóa thủ tục hành chính; công bố, công khai thủ tục; tiếp nhận, xử lý phản ánh, kiến nghị của người dân, doanh nghiệp về quy định hành chính.</p>",
    dutiesEn: "<p>Reviews and simplifies administrative procedures, publishes them, and handles feedback from citizens and businesses on administrative rules.</p>",
  },
  {
    name: "Bộ phận Cải cách tổ chức bộ máy",
    slug: "bo-phan-cai-cach-to-chuc-bo-may",
    nameEn: "Organisational Reform Division",
    duties:
      "<p>Theo dõi việc sắp xếp tổ chức bộ máy tinh gọn, hiệu lực, hiệu quả; tổng hợp kết quả thực hiện chức năng, nhiệm vụ của các cơ quan hành chính thành phố.</p>",
    dutiesEn: "<p>Follows the streamlining of the city's administrative bodies and reports on how they carry out their functions.</p>",
  },
  {
    name: "Bộ phận Chính quyền điện tử",
    slug: "bo-phan-chinh-quyen-dien-tu",
    nameEn: "E-Government Division",
    duties:
      "<p>Theo dõi, đôn đốc cung cấp dịch vụ công trực tuyến, số hóa hồ sơ, kết quả giải quyết thủ tục hành chính; hướng dẫn sử dụng Cổng Dịch vụ công quốc gia.</p>",
    dutiesEn: "<p>Follows online public services and the digitisation of records, and helps people use the National Public Service Portal.</p>",
  },
];

const PEOPLE = [
  {
    name: "Nguyễn Thị Thanh Hà",
    position: "Trưởng phòng",
    positionEn: "Head of Office",
    unit: OFFICE.slug,
    leader: true,
    bio: "Sinh năm 1975, quê quán thành phố Cần Thơ. Thạc sĩ Quản lý công.\n\nCông tác tại Sở Nội vụ từ năm 2000; Trưởng phòng Cải cách hành chính từ năm 2019.",
    bioEn: "Born in 1975 in Can Tho. Master of Public Management. Head of the Administrative Reform Office since 2019.",
  },
  {
    name: "Lê Văn Phúc",
    position: "Phó Trưởng phòng, phụ trách kiểm soát thủ tục hành chính",
    positionEn: "Deputy Head of Office, in charge of administrative procedure control",
    unit: DIVISIONS[0]!.slug,
    leader: true,
    bio: "Sinh năm 1980. Cử nhân Luật. Phó Trưởng phòng từ năm 2021.",
    bioEn: "Born in 1980. Bachelor of Laws. Deputy Head of Office since 2021.",
  },
  {
    name: "Trần Quốc Bảo",
    position: "Phó Trưởng phòng, phụ trách chính quyền điện tử",
    positionEn: "Deputy Head of Office, in charge of e-government",
    unit: DIVISIONS[2]!.slug,
    leader: true,
    bio: "Sinh năm 1984. Kỹ sư Công nghệ thông tin. Phó Trưởng phòng từ năm 2023.",
    bioEn: "Born in 1984. Information technology engineer. Deputy Head of Office since 2023.",
  },
  {
    name: "Phạm Ngọc Diễm",
    position: "Chuyên viên",
    positionEn: "Officer",
    unit: DIVISIONS[1]!.slug,
    leader: false,
    bio: "",
    bioEn: "",
  },
];

const INTRO_PAGES = [
  {
    title: "Chức năng, nhiệm vụ",
    slug: "chuc-nang-nhiem-vu",
    body:
      "<p>Phòng Cải cách hành chính là phòng chuyên môn thuộc Sở Nội vụ thành phố Cần Thơ, có chức năng tham mưu, giúp Giám đốc Sở " +
      "quản lý nhà nước về công tác cải cách hành chính trên địa bàn thành phố.</p><h2>Nhiệm vụ</h2><ul>" +
      "<li>Xây dựng kế hoạch cải cách hành chính hằng năm và 5 năm của thành phố; theo dõi, đôn đốc thực hiện.</li>" +
      "<li>Theo dõi, đánh giá Chỉ số cải cách hành chính (PAR Index) và Chỉ số hài lòng (SIPAS) của thành phố.</li>" +
      "<li>Hướng dẫn thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính.</li>" +
      "<li>Tuyên truyền về cải cách hành chính; tổng hợp, báo cáo kết quả thực hiện.</li></ul>" +
      NOTE_VI,
    titleEn: "Functions and duties",
    slugEn: "functions-and-duties",
    bodyEn:
      "<p>The Administrative Reform Office is a unit of the Can Tho City Department of Home Affairs. It advises the Director on " +
      "state management of administrative reform in the city.</p><h2>Duties</h2><ul>" +
      "<li>Drafting the city's yearly and five-year administrative reform plans, and following their implementation.</li>" +
      "<li>Monitoring the city's Public Administration Reform Index (PAR Index) and satisfaction index (SIPAS).</li>" +
      "<li>Guiding the one-stop-shop mechanism for administrative procedures.</li>" +
      "<li>Informing the public about administrative reform and reporting on results.</li></ul>" +
      NOTE_EN,
  },
  {
    title: "Lịch sử hình thành",
    slug: "lich-su-hinh-thanh",
    body:
      "<p>Công tác cải cách hành chính của thành phố Cần Thơ được triển khai từ khi thành phố trực thuộc Trung ương được thành lập năm 2004. " +
      "Phòng Cải cách hành chính được tổ chức lại theo các quy định về tổ chức các cơ quan chuyên môn thuộc Ủy ban nhân dân thành phố.</p>" +
      NOTE_VI,
    titleEn: "",
    slugEn: null,
    bodyEn: "",
  },
  {
    title: "Cơ cấu tổ chức",
    slug: "co-cau-to-chuc",
    body: "<p>Phòng gồm lãnh đạo phòng và các bộ phận chuyên môn dưới đây. Bấm vào tên đơn vị để xem chức năng, liên hệ và tin bài của đơn vị.</p>",
    titleEn: "Organisation",
    slugEn: "organisation",
    bodyEn: "<p>The Office consists of its leadership and the divisions below.</p>",
  },
];

/**
 * Fills the organisation's demo content, in the caller's transaction; the seed page's department
 * (the byline of its articles) becomes a unit under the office, with its id and articles.
 */
export async function seedOrganisation(db: Db): Promise<void> {
  const contact = { address: SETTINGS.address, phone: SETTINGS.departmentPhone, email: SETTINGS.departmentEmail };
  const office = await db.department.create({
    data: { ...OFFICE, ...contact, kind: "office", organization: DEPARTMENT.organization, duties: UNIT_NOTE_VI + OFFICE.duties, dutiesEn: UNIT_NOTE_EN + OFFICE.dutiesEn, position: 0 },
  });
  const units = new Map([[office.slug, office]]);
  for (const [position, d] of DIVISIONS.entries()) {
    const data = { ...d, ...contact, duties: UNIT_NOTE_VI + d.duties, dutiesEn: UNIT_NOTE_EN + d.dutiesEn };
    units.set(d.slug, await db.department.create({ data: { ...data, kind: "division", parentId: office.id, organization: DEPARTMENT.organization, position } }));
  }
  // The byline "Phòng CCHC" is the office's own name for its news: kept under the office for its
  // articles, left off the chart so the office is not drawn twice.
  await db.department.update({ where: { slug: DEPARTMENT.slug }, data: { parentId: office.id, kind: "division", listed: false, position: DIVISIONS.length } });

  for (const [sortOrder, p] of PEOPLE.entries()) {
    const unit = units.get(p.unit)!;
    const bio = [PERSON_NOTE, p.bio].filter(Boolean).join("\n\n");
    const searchText = personSearchText(p, unit);
    await db.person.create({
      data: {
        ...{ name: p.name, position: p.position, positionEn: p.positionEn, unitId: unit.id, leader: p.leader, bio, bioEn: p.bioEn },
        ...{ phone: contact.phone, email: contact.email, sortOrder, searchText, origin: "seed" },
      },
    });
  }
  for (const [position, page] of INTRO_PAGES.entries()) {
    await db.introPage.create({ data: { ...page, position, origin: "seed" } });
  }
  await db.siteSettings.update({ where: { id: 1 }, data: { ...ENGLISH_SITE, links: JSON.stringify(PORTAL_LINKS) } });
}
