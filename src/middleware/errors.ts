import type { ErrorRequestHandler, Request, RequestHandler } from "express";
import { HttpError } from "../errors.js";
import type { Logger } from "../logger.js";

export const notFoundHandler: RequestHandler = (_req, _res, next) => {
  next(new HttpError(404, "Không tìm thấy trang bạn yêu cầu."));
};

// Express and body-parser flag client mistakes (bad JSON, bad %-encoding, too large) with a status.
function clientStatus(error: unknown): number | null {
  const status = (error as { status?: unknown; statusCode?: unknown })?.status ?? (error as { statusCode?: unknown })?.statusCode;
  return typeof status === "number" && status >= 400 && status < 500 ? status : null;
}

const CLIENT_MESSAGES: Record<number, string> = {
  400: "Yêu cầu không hợp lệ.",
  403: "Bạn không có quyền thực hiện thao tác này.",
  404: "Không tìm thấy trang bạn yêu cầu.",
  413: "Dữ liệu gửi lên quá lớn, nên chưa được lưu. Hãy rút gọn nội dung hoặc chia thành nhiều lần gửi.",
  415: "Định dạng dữ liệu không được hỗ trợ.",
};

/** Scripts and tests ask for JSON with Accept: application/json. */
export function wantsJson(req: Request): boolean {
  return Boolean(req.get("accept")?.includes("application/json"));
}

/** One place turns every error into a Vietnamese page or JSON; internals go to the log only. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    let status = 500;
    let message = "Đã có lỗi xảy ra phía máy chủ. Vui lòng thử lại sau.";
    if (error instanceof HttpError) {
      status = error.status;
      message = error.message;
    } else {
      const client = clientStatus(error);
      if (client) {
        status = client;
        message = CLIENT_MESSAGES[client] ?? CLIENT_MESSAGES[400]!;
      }
    }
    if (status >= 500) logger.error({ err: error, url: req.originalUrl }, "request failed");
    if (res.headersSent) return;
    res.status(status);
    if (wantsJson(req)) {
      res.json({ error: message });
      return;
    }
    const view = status === 404 ? "errors/404" : status >= 500 ? "errors/500" : "errors/error";
    const layout = req.originalUrl.startsWith("/admin") ? "admin" : "public";
    const pageTitle = status === 404 ? "Không tìm thấy trang" : "Có lỗi";
    res.render(view, { pageTitle, message, status, layout }, (err, html) => {
      if (err) {
        logger.error({ err }, "error page failed");
        res.type("text/plain; charset=utf-8").send(message);
        return;
      }
      res.send(html);
    });
  };
}
