// Makes the raster copies of the logo and the default share picture from public/img/logo.svg:
//   node scripts/make-brand-images.mjs   → public/img/logo.png (512×512), public/img/chia-se.png (1200×630)
// JSON-LD wants a raster publisher logo, and social networks a 1200×630 picture for pages without a photo.
import fs from "node:fs";
import sharp from "sharp";

const logo = fs.readFileSync("public/img/logo.svg");
await sharp(logo).resize(512, 512).png({ compressionLevel: 9 }).toFile("public/img/logo.png");

const card = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630">
  <rect width="1200" height="630" fill="#06325a"/>
  <rect y="560" width="1200" height="70" fill="#0a4a84"/>
  <text x="440" y="250" font-family="DejaVu Sans, Arial, sans-serif" font-size="34" fill="#ffffff">TRANG THÔNG TIN ĐIỆN TỬ</text>
  <text x="440" y="320" font-family="DejaVu Sans, Arial, sans-serif" font-size="50" font-weight="700" fill="#ffffff">CẢI CÁCH HÀNH CHÍNH</text>
  <text x="440" y="385" font-family="DejaVu Sans, Arial, sans-serif" font-size="50" font-weight="700" fill="#ffffff">THÀNH PHỐ CẦN THƠ</text>
  <text x="600" y="606" font-family="DejaVu Sans, Arial, sans-serif" font-size="26" fill="#ffffff" text-anchor="middle">Tin tức · Chỉ số CCHC · Một cửa · Đường dây nóng</text>
</svg>`;
const mark = await sharp(logo).resize(300, 300).png().toBuffer();
await sharp(Buffer.from(card))
  .composite([{ input: mark, left: 90, top: 150 }])
  .png({ compressionLevel: 9 })
  .toFile("public/img/chia-se.png");
console.log("public/img/logo.png, public/img/chia-se.png");
