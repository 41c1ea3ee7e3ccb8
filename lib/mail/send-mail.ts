import nodemailer, { type Transporter } from "nodemailer";
import { getConfig } from "../config/env.ts";
import { AppError } from "../http/app-error.ts";
import { keepDevMail } from "./dev-mailbox.ts";

export type Mail = { to: string; subject: string; text: string; html?: string };

const TRANSPORT = Symbol.for("stu.mail-transport");
type WithTransport = typeof globalThis & { [TRANSPORT]?: Transporter };

function transport(url: string): Transporter {
  const g = globalThis as WithTransport;
  g[TRANSPORT] ??= nodemailer.createTransport(url, {
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return g[TRANSPORT];
}

export async function sendMail(mail: Mail): Promise<void> {
  const config = getConfig();
  if (!config.smtpUrl) {
    // Only reachable outside production: parseConfig requires SMTP_URL there.
    console.log(`[stu] mail to ${mail.to}: ${mail.subject}\n${mail.text}`);
    keepDevMail(mail);
    return;
  }
  try {
    await transport(config.smtpUrl).sendMail({ from: config.mailFrom, ...mail });
  } catch (error) {
    console.error(`[stu] could not send mail to ${mail.to}: ${(error as Error).message}`);
    throw new AppError(
      "mail_unavailable",
      503,
      "We could not send the e-mail right now. Try again in a minute.",
    );
  }
}
