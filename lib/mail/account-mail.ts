import type { Mail } from "./send-mail.ts";

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function passwordResetMail(to: string, link: string, code: string, minutes: number): Mail {
  return {
    to,
    subject: "Reset your stu password",
    text: [
      "Someone (hopefully you) asked to reset the password of your stu account.",
      "",
      `Open this link to choose a new password: ${link}`,
      `Or, in an app that asks for it, enter the code. Your reset code is ${code}.`,
      "",
      `The link and the code work once, for ${minutes} minutes. Every device signed in to your account`,
      "will be signed out. If you did not ask for this, ignore this e-mail: your password stays as it is.",
    ].join("\n"),
    html: `<p>Someone (hopefully you) asked to reset the password of your stu account.</p><p><a href="${escapeHtml(link)}">Choose a new password</a></p><p>Or enter this code in the app:</p><p style="font-size:28px;font-weight:bold;letter-spacing:4px">${code}</p><p>The link and the code work once, for ${minutes} minutes. If you did not ask for this, ignore this e-mail.</p>`,
  };
}

export function emailChangeMail(to: string, code: string, minutes: number): Mail {
  return {
    to,
    subject: `${code} confirms your new stu e-mail`,
    text: [
      `Your stu code is ${code}. Enter it in stu to use this address for your account.`,
      "",
      `The code expires in ${minutes} minutes. If you did not ask for this, ignore this e-mail.`,
    ].join("\n"),
    html: `<p>Enter this code in stu to use this address for your account:</p><p style="font-size:28px;font-weight:bold;letter-spacing:4px">${code}</p><p>It expires in ${minutes} minutes. If you did not ask for this, ignore this e-mail.</p>`,
  };
}

/** To the old address, so a hijacked session cannot move the account away unnoticed. */
export function emailChangedNotice(to: string, newEmail: string): Mail {
  const text = `The e-mail of your stu account was changed to ${newEmail}. If this was not you, contact your server's administrator.`;
  return { to, subject: "Your stu e-mail was changed", text, html: `<p>${escapeHtml(text)}</p>` };
}

export function passwordChangedNotice(to: string): Mail {
  const text =
    "The password of your stu account was just changed. If this was not you, reset it now with “Forgot password?” on the sign-in page.";
  return { to, subject: "Your stu password was changed", text, html: `<p>${escapeHtml(text)}</p>` };
}
