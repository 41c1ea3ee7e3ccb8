import type { Mail } from "./send-mail.ts";

export function verificationMail(to: string, code: string, minutes: number): Mail {
  return {
    to,
    subject: `${code} is your stu verification code`,
    text: [
      `Your stu verification code is ${code}.`,
      "",
      `It expires in ${minutes} minutes. If you did not sign up for stu, ignore this e-mail.`,
    ].join("\n"),
    html: `<p>Your stu verification code is</p><p style="font-size:28px;font-weight:bold;letter-spacing:4px">${code}</p><p>It expires in ${minutes} minutes. If you did not sign up for stu, ignore this e-mail.</p>`,
  };
}
