// E-mail of one-time codes through SMTP (nodemailer): IDSYNC_SMTP_URL (smtp://user:pass@host:587,
// smtps://... for TLS) and IDSYNC_MAIL_FROM.
import nodemailer from "nodemailer";
import { AppError } from "../../errors/app-error.ts";
import type { SelfServiceConfig } from "./config.ts";

export async function sendMail(config: SelfServiceConfig, message: { to: string; subject: string; text: string }): Promise<void> {
  if (!config.smtpUrl) throw new AppError("CONFIG_INVALID", "IDSYNC_SMTP_URL is not set: e-mailed codes cannot be sent");
  const transport = nodemailer.createTransport(config.smtpUrl);
  try {
    await transport.sendMail({ from: config.mailFrom, ...message });
  } finally {
    transport.close();
  }
}
