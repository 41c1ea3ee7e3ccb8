// Runs the mail catcher on fixed ports (for Playwright's webServer): SMTP_PORT and MAIL_HTTP_PORT.
import { startMailCatcher } from "./mail-catcher.ts";

const catcher = await startMailCatcher({
  smtp: Number(process.env.SMTP_PORT ?? 2525),
  http: Number(process.env.MAIL_HTTP_PORT ?? 2580),
});
console.log(`mail catcher: smtp 127.0.0.1:${catcher.smtpPort}, http 127.0.0.1:${catcher.httpPort}`);
const stop = () => void catcher.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
