import { z } from "zod";
import { UNIT_KINDS } from "../../services/organisation-units.js";
import { emailField, optionalId, optionalText, phoneField, requiredText } from "./common.schema.js";

// Fields shared by the forms of the organisation (units, people, introduction pages).

/** An optional field checked by `schema` only when filled in; blank becomes "". */
export const blankOr = (schema: z.ZodType<string, string>) =>
  z
    .string()
    .default("")
    .transform((value, ctx) => {
      const trimmed = value.normalize("NFC").trim();
      if (!trimmed) return "";
      const checked = schema.safeParse(trimmed);
      if (checked.success) return checked.data;
      ctx.addIssue({ code: "custom", message: checked.error.issues[0]?.message ?? "Giá trị không hợp lệ." });
      return z.NEVER;
    });

export const optionalPhone = (label: string) => blankOr(phoneField(label));
export const optionalEmail = (label: string) => blankOr(emailField(label));

const asLast = (v: string | string[] | boolean) => (Array.isArray(v) ? v.at(-1) : v);
const isOn = (v: string | boolean | undefined) => v === true || v === "on" || v === "1" || v === "true";

/** An HTML checkbox ("on" when ticked, nothing otherwise) or a JSON boolean. */
export const checkbox = z
  .union([z.boolean(), z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? false : isOn(asLast(v))));

/**
 * A checkbox that is on unless said otherwise: the form sends a hidden "0" before the box, so an
 * unticked box still says so; a script that leaves the field out keeps the default.
 */
export const checkboxOnByDefault = z
  .union([z.boolean(), z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? true : isOn(asLast(v))));

/** HTML from the editor (sanitised by the service). */
export const htmlField = (label: string, max: number) => optionalText(label, max);

export const UNIT_DUTIES_MAX = 20_000;

export const UnitBody = z.object({
  name: requiredText("tên", 150),
  slug: optionalText("đường dẫn", 120),
  organization: optionalText("cơ quan chủ quản", 200),
  parentId: optionalId("Đơn vị cấp trên đã chọn không hợp lệ."),
  kind: z.enum(UNIT_KINDS, { error: "Loại đơn vị phải là cơ quan, bộ phận hoặc đơn vị trực thuộc." }).default("division"),
  duties: htmlField("chức năng, nhiệm vụ", UNIT_DUTIES_MAX),
  address: optionalText("địa chỉ", 300),
  phone: optionalPhone("điện thoại"),
  email: optionalEmail("thư điện tử"),
  nameEn: optionalText("tên tiếng Anh", 150),
  dutiesEn: htmlField("chức năng, nhiệm vụ bằng tiếng Anh", UNIT_DUTIES_MAX),
  listed: checkboxOnByDefault,
});

export type UnitBody = z.infer<typeof UnitBody>;
