import type { Rule } from "../rate-limit/rate-limiter.ts";

export const RATE_LIMITS = {
  registerPerIp: { name: "register-ip", limit: 10, windowSeconds: 3600 },
  loginFailuresPerIp: { name: "login-ip", limit: 30, windowSeconds: 900 },
  loginFailuresPerAccount: { name: "login-account", limit: 10, windowSeconds: 900 },
  verifyPerIp: { name: "verify-ip", limit: 30, windowSeconds: 900 },
  resendPerIp: { name: "resend-ip", limit: 20, windowSeconds: 3600 },
  resendPerAccount: { name: "resend-account", limit: 3, windowSeconds: 900 },
  forgotPerIp: { name: "forgot-ip", limit: 10, windowSeconds: 3600 },
  forgotPerAccount: { name: "forgot-account", limit: 3, windowSeconds: 900 },
  resetPerIp: { name: "reset-ip", limit: 30, windowSeconds: 900 },
  // Wrong current passwords (change password, change e-mail, delete account), per account.
  passwordCheckFailures: { name: "password-check", limit: 10, windowSeconds: 900 },
  emailChangePerAccount: { name: "email-change", limit: 5, windowSeconds: 3600 },
  refreshPerIp: { name: "refresh-ip", limit: 120, windowSeconds: 60 },
} satisfies Record<string, Rule>;
