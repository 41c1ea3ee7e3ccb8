"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { type FormErrors, formErrors, type Profile, setAvatar, updateProfile } from "@/lib/client/profile.ts";
import { AvatarPicker } from "../avatar-picker.tsx";
import { FormAlert } from "../form-alert.tsx";
import { TextField } from "../text-field.tsx";

const NO_ERRORS: FormErrors = { fields: {}, message: null };

type Props = { initial: Profile; userId: number; avatarUrl: string | null };

export function ProfileForm({ initial, userId, avatarUrl }: Props) {
  const router = useRouter();
  const [saved, setSaved] = useState(initial);
  const [displayName, setDisplayName] = useState(initial.display_name);
  const [username, setUsername] = useState(initial.username);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState(NO_ERRORS);
  const [done, setDone] = useState(false);

  const changes: Partial<Profile> = {};
  if (displayName !== saved.display_name) changes.display_name = displayName;
  if (username !== saved.username) changes.username = username;
  const dirty = Object.keys(changes).length > 0;

  // Editing again hides the last "saved" note, so it never describes values that are not saved.
  function edit(set: (value: string) => void, value: string) {
    set(value);
    setDone(false);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!dirty) return;
    setBusy(true);
    setErrors(NO_ERRORS);
    setDone(false);
    try {
      const profile = await updateProfile(changes);
      // The server normalises (trims, lower-cases the username): show what it stored.
      setSaved(profile);
      setDisplayName(profile.display_name);
      setUsername(profile.username);
      setDone(true);
      router.refresh();
    } catch (error) {
      setErrors(formErrors(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <div className="flex items-center gap-4">
        <AvatarPicker
          name={saved.display_name || saved.username}
          seed={userId}
          url={avatarUrl}
          testId="profile-avatar-input"
          onUploaded={async (id) => {
            const me = await setAvatar(id);
            router.refresh();
            return me.avatar_url;
          }}
        />
        <div className="min-w-0">
          <p className="truncate font-medium">{saved.display_name}</p>
          <p className="truncate text-sm text-slate-500 dark:text-slate-400">@{saved.username}</p>
        </div>
      </div>
      {errors.message ? <FormAlert>{errors.message}</FormAlert> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="Display name"
          name="display_name"
          data-testid="profile-display-name-input"
          autoComplete="name"
          maxLength={64}
          value={displayName}
          onChange={(e) => edit(setDisplayName, e.target.value)}
          error={errors.fields.display_name}
        />
        <TextField
          label="Username"
          name="username"
          data-testid="profile-username-input"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={32}
          value={username}
          onChange={(e) => edit(setUsername, e.target.value)}
          error={errors.fields.username}
          hint="3–32 letters, digits or _, starting with a letter."
        />
      </div>
      <div className="flex items-center gap-3">
        <button type="submit" disabled={busy || !dirty} data-testid="profile-save" className="btn-primary">
          {busy ? "Saving…" : "Save changes"}
        </button>
        <span role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
          {done ? <span data-testid="profile-saved">Profile saved.</span> : null}
        </span>
      </div>
    </form>
  );
}
