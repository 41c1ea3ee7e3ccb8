import { notFound } from "next/navigation";
import { getConfig } from "@/lib/config/env.ts";
import { devMailbox } from "@/lib/mail/dev-mailbox.ts";

export const dynamic = "force-dynamic";
export const metadata = { title: "Dev mailbox · stu" };

// Development only: with no SMTP_URL, mails are kept in memory and listed here.
export default function DevMailboxPage() {
  const config = getConfig();
  if (config.isProduction) notFound();
  const mails = devMailbox();
  return (
    <main className="mx-auto max-w-2xl px-4 py-8">
      <h1 className="text-2xl font-semibold">Dev mailbox</h1>
      <p className="mt-1 text-sm text-slate-500">
        {config.smtpUrl
          ? "SMTP_URL is set, so mails go to your SMTP server instead of here."
          : "No SMTP_URL is set: the latest mails the server sent are shown here (development only)."}
      </p>
      <ul className="mt-6 space-y-3">
        {mails.length === 0 ? <li className="text-slate-500">No mail yet.</li> : null}
        {mails.map((mail) => (
          <li
            key={mail.id}
            data-testid="dev-mail"
            className="rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
          >
            <div className="flex justify-between text-sm text-slate-500">
              <span>To {mail.to}</span>
              <time dateTime={mail.sentAt}>{new Date(mail.sentAt).toLocaleString()}</time>
            </div>
            <div className="mt-1 font-medium">{mail.subject}</div>
            <pre className="mt-2 whitespace-pre-wrap font-sans text-sm">{mail.text}</pre>
          </li>
        ))}
      </ul>
    </main>
  );
}
