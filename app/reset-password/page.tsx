import { AuthCard } from "@/components/auth-card.tsx";
import { ResetPasswordForm } from "@/components/reset-password-form.tsx";

export const metadata = { title: "Choose a new password · stu", referrer: "no-referrer" };

type Props = { searchParams: Promise<{ token?: string }> };

export default async function ResetPasswordPage({ searchParams }: Props) {
  const { token } = await searchParams;
  return (
    <AuthCard
      title="Choose a new password"
      subtitle="Every device signed in to your account will be signed out."
    >
      <ResetPasswordForm token={typeof token === "string" ? token : ""} />
    </AuthCard>
  );
}
