import nodemailer from "nodemailer";
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";

// Outgoing mail through the office's SMTP server (SMTP_URL), with nodemailer. Mail is a courtesy:
// what it carries (a tracking code) is always shown on the page too, so a failed send is logged and
// never fails the request that caused it.

export interface Mailer {
  /** Sends a plain-text message; resolves false (and logs) when it could not be sent. */
  send(message: { to: string; subject: string; text: string }): Promise<boolean>;
}

export function createMailer(config: Pick<Config, "smtpUrl" | "mailFrom">, logger: Logger): Mailer | null {
  if (!config.smtpUrl) return null;
  const transport = nodemailer.createTransport(config.smtpUrl);
  return {
    async send({ to, subject, text }) {
      try {
        await transport.sendMail({ from: config.mailFrom, to, subject, text });
        return true;
      } catch (error) {
        logger.warn({ err: error, to }, "mail not sent");
        return false;
      }
    },
  };
}
