import { AuthCard } from "@/components/auth-card.tsx";
import { ForgotPasswordForm } from "@/components/forgot-password-form.tsx";

export const metadata = { title: "Forgot password · stu" };

export default function ForgotPasswordPage() {
  return (
    <AuthCard title="Forgot your password?" subtitle="We will e-mail you a link to choose a new one.">
      <ForgotPasswordForm />
    </AuthCard>
  );
}
