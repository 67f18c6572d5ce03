import { z } from "zod";
import { optionalId, optionalText, requiredText } from "./common.schema.js";
import { checkbox, optionalEmail, optionalPhone } from "./organisation-units.schema.js";

export const BIO_MAX = 3000;

export const PersonBody = z.object({
  name: requiredText("họ và tên", 120),
  position: optionalText("chức vụ", 200),
  positionEn: optionalText("chức vụ bằng tiếng Anh", 200),
  unitId: optionalId("Đơn vị đã chọn không hợp lệ."),
  photoId: optionalId("Số ảnh phải là một số nguyên dương, ví dụ: 12."),
  bio: optionalText("tiểu sử tóm tắt", BIO_MAX),
  bioEn: optionalText("tiểu sử bằng tiếng Anh", BIO_MAX),
  phone: optionalPhone("điện thoại"),
  email: optionalEmail("thư điện tử"),
  leader: checkbox,
});

export type PersonBody = z.infer<typeof PersonBody>;
