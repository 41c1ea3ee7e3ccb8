import { SignOutButton } from "../sign-out-button.tsx";

export function AccountDetails({ email }: { email: string }) {
  return (
    <div className="flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
      <dl className="min-w-0">
        <dt className="text-sm font-medium text-slate-700 dark:text-slate-300">E-mail</dt>
        <dd className="mt-1 break-all" data-testid="account-email">
          {email}
        </dd>
      </dl>
      <div>
        <SignOutButton />
      </div>
    </div>
  );
}
