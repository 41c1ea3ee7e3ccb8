import { api } from "./api.ts";

export const forgotPassword = (email: string) => api("/v1/auth/password/forgot", { body: { email } });

export const resetPassword = (token: string, newPassword: string) =>
  api("/v1/auth/password/reset", { body: { token, new_password: newPassword } });

export const changePassword = (body: {
  current_password: string;
  new_password: string;
  sign_out_other_sessions: boolean;
}) => api<{ signed_out_sessions: number }>("/v1/auth/password/change", { body });

export const requestEmailChange = (newEmail: string, password: string) =>
  api<{ new_email: string }>("/v1/users/me/email", { body: { new_email: newEmail, password } });

export const confirmEmailChange = (code: string) =>
  api<{ email: string }>("/v1/users/me/email/verify", { body: { code } });

export const deleteAccount = (password: string) =>
  api("/v1/users/me", { method: "DELETE", body: { password } });
