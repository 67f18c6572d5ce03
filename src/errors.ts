export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = "HttpError";
  }
}

export const badRequest = (message = "Yêu cầu không hợp lệ.") => new HttpError(400, message);
export const forbidden = (message = "Bạn không có quyền thực hiện thao tác này.") => new HttpError(403, message);
export const notFound = (message = "Không tìm thấy trang bạn yêu cầu.") => new HttpError(404, message);
export const conflict = (message: string) => new HttpError(409, message);
export const tooManyRequests = (message: string) => new HttpError(429, message);

/** A form that failed validation: 422 with a message per field. */
export function invalid(fields: Record<string, string>, message = "Vui lòng sửa các lỗi bên dưới."): HttpError {
  return new HttpError(422, message, fields);
}
