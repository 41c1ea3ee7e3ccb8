import { ApiError, api } from "./api.ts";

export type Profile = { username: string; display_name: string };

export function updateProfile(changes: Partial<Profile>): Promise<Profile> {
  return api<Profile>("/v1/users/me", { method: "PATCH", body: changes });
}

export function setAvatar(attachmentId: number | null): Promise<{ avatar_url: string | null }> {
  return api("/v1/users/me", { method: "PATCH", body: { avatar_id: attachmentId } });
}

export type FormErrors = { fields: Record<string, string>; message: string | null };

/** Splits an API error into messages for single fields (shown next to them) and one for the whole form. */
export function formErrors(error: unknown): FormErrors {
  if (!(error instanceof ApiError)) return { fields: {}, message: "Something went wrong. Try again." };
  // 409 username_taken carries no details, but it is about one field.
  if (error.body.code === "username_taken")
    return { fields: { username: error.body.message }, message: null };
  const fields = Object.fromEntries(
    (error.body.details ?? []).filter((d) => d.field).map((d) => [d.field!, d.message]),
  );
  return { fields, message: Object.keys(fields).length ? null : error.body.message };
}
