import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export type CaughtMail = { to: string[]; from: string; subject: string; text: string; receivedAt: string };

export type MailCatcher = {
  smtpPort: number;
  httpPort: number;
  mails: CaughtMail[];
  close(): Promise<void>;
};

function header(raw: string, name: string): string {
  const match = new RegExp(`^${name}:\\s*(.*)$`, "im").exec(raw);
  return match?.[1]?.trim() ?? "";
}

/** Decodes quoted-printable soft line breaks and escapes, enough to read a code from a mail body. */
function decodeQuotedPrintable(text: string): string {
  return text
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(Number.parseInt(hex, 16)));
}

/**
 * A real SMTP server (the smtp-server package) that keeps every mail, plus a small HTTP endpoint
 * (GET /mails?to=address) so tests in other processes can read them.
 */
export async function startMailCatcher(ports: { smtp?: number; http?: number } = {}): Promise<MailCatcher> {
  const mails: CaughtMail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          subject: header(raw, "Subject"),
          text: decodeQuotedPrintable(raw),
          receivedAt: new Date().toISOString(),
        });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(ports.smtp ?? 0, "127.0.0.1", resolve));

  const http: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const to = url.searchParams.get("to")?.toLowerCase();
    const list = to ? mails.filter((m) => m.to.includes(to)) : mails;
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify(list));
  });
  await new Promise<void>((resolve) => http.listen(ports.http ?? 0, "127.0.0.1", resolve));

  return {
    smtpPort: (smtp.server.address() as AddressInfo).port,
    httpPort: (http.address() as AddressInfo).port,
    mails,
    async close() {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

/** Polls the catcher until a mail to `to` (past the first `after`) matches; answers the first group. */
export async function waitForMailMatch(
  mailHttpUrl: string,
  to: string,
  pattern: RegExp,
  after = 0,
  timeoutMs = 10_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const res = await fetch(`${mailHttpUrl}/mails?to=${encodeURIComponent(to)}`);
    const mails = (await res.json()) as CaughtMail[];
    const found = mails
      .slice(after)
      .reverse()
      .map((m) => pattern.exec(m.text)?.[1])
      .find(Boolean);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no mail for ${to} matching ${pattern} within ${timeoutMs} ms`);
}

/** Polls the catcher until a verification code for `to` arrives (mail delivery is asynchronous). */
export const waitForCode = (mailHttpUrl: string, to: string, after = 0, timeoutMs = 10_000) =>
  waitForMailMatch(mailHttpUrl, to, /code is (\d{6})/, after, timeoutMs);
