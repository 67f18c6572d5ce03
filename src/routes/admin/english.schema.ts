import { z } from "zod";
import { optionalText } from "./common.schema.js";

/** The English texts of the site (blank: no English side). */
export const EnglishSiteBody = z.object({
  siteNameEn: optionalText("tên trang bằng tiếng Anh", 200),
  managingUnitEn: optionalText("tên đơn vị quản lý bằng tiếng Anh", 200),
  addressEn: optionalText("địa chỉ bằng tiếng Anh", 300),
});
