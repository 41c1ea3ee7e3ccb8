import type { Metadata } from "next";
import Link from "next/link";
import { AccountDetails } from "@/components/settings/account-details.tsx";
import { BlockedSection } from "@/components/settings/blocked-section.tsx";
import { CallsRelayToggle } from "@/components/settings/calls-relay-toggle.tsx";
import { DeleteAccount } from "@/components/settings/delete-account.tsx";
import { DevicesSection } from "@/components/settings/devices-section.tsx";
import { EmailForm } from "@/components/settings/email-form.tsx";
import { NotificationsToggle } from "@/components/settings/notifications-toggle.tsx";
import { PasswordForm } from "@/components/settings/password-form.tsx";
import { ProfileForm } from "@/components/settings/profile-form.tsx";
import { PushSettings } from "@/components/settings/push-settings.tsx";
import { SettingsProviders } from "@/components/settings/settings-providers.tsx";
import { SettingsSection } from "@/components/settings/settings-section.tsx";
import { ThemePicker } from "@/components/settings/theme-picker.tsx";
import { requireCurrentUser } from "@/lib/web/current-user.ts";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Settings · stu" };

export default async function SettingsPage() {
  const user = await requireCurrentUser();

  return (
    <SettingsProviders>
      <main className="mx-auto flex min-h-dvh max-w-2xl flex-col gap-6 px-4 py-6 sm:py-10">
        <header className="flex flex-col gap-3">
          <Link
            href="/"
            data-testid="settings-back"
            className="inline-flex w-fit items-center gap-1.5 rounded-lg py-1 pr-2 text-sm font-medium text-indigo-600 hover:underline focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-600 dark:text-indigo-400"
          >
            <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor">
              <path d="M12.7 4.3a1 1 0 0 1 0 1.4L8.4 10l4.3 4.3a1 1 0 0 1-1.4 1.4l-5-5a1 1 0 0 1 0-1.4l5-5a1 1 0 0 1 1.4 0Z" />
            </svg>
            Back to chats
          </Link>
          <h1 className="text-2xl font-semibold tracking-tight">Settings</h1>
        </header>

        <SettingsSection id="profile" title="Profile" description="How other people see you in stu.">
          <ProfileForm
            initial={{ display_name: user.display_name, username: user.username }}
            userId={user.id}
            avatarUrl={user.avatar_url}
          />
        </SettingsSection>
        <SettingsSection
          id="devices"
          title="Devices"
          description="Where you are signed in. Sign out anything you do not recognise."
        >
          <DevicesSection />
        </SettingsSection>
        <SettingsSection
          id="blocked"
          title="Blocked people"
          description="You do not get their messages or chat requests. They are not told."
        >
          <BlockedSection />
        </SettingsSection>
        <SettingsSection
          id="appearance"
          title="Appearance"
          description="Choose how stu looks on this device."
        >
          <ThemePicker />
        </SettingsSection>
        <SettingsSection
          id="notifications"
          title="Notifications"
          description="Get told about new messages while stu is in another tab, or with push while it is closed."
        >
          <div className="flex flex-col gap-5">
            <NotificationsToggle />
            <PushSettings />
          </div>
        </SettingsSection>
        <SettingsSection
          id="calls"
          title="Calls"
          description="How voice and video calls reach the other side."
        >
          <CallsRelayToggle />
        </SettingsSection>
        {user.role === "admin" ? (
          <SettingsSection
            id="admin"
            title="Administration"
            description="Reports, people, the audit log and the server's numbers."
          >
            <Link href="/admin" className="btn-primary" data-testid="settings-open-admin">
              Open the admin console
            </Link>
          </SettingsSection>
        ) : null}
        <SettingsSection id="account" title="Account">
          <AccountDetails email={user.email} />
        </SettingsSection>
        <SettingsSection id="password" title="Password" description="Change it with the one you use now.">
          <PasswordForm />
        </SettingsSection>
        <SettingsSection
          id="email"
          title="E-mail"
          description="Where stu sends codes and password resets. The new address must confirm with a code."
        >
          <EmailForm />
        </SettingsSection>
        <SettingsSection
          id="delete"
          title="Delete account"
          description="Remove your profile from this server."
        >
          <DeleteAccount />
        </SettingsSection>
      </main>
    </SettingsProviders>
  );
}
