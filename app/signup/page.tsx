import { AuthCard } from "@/components/auth-card.tsx";
import { SignUpForm } from "@/components/sign-up-form.tsx";

export const metadata = { title: "Create account · stu" };

export default function SignUpPage() {
  return (
    <AuthCard title="Create your account" subtitle="We will e-mail you a code to confirm the address.">
      <SignUpForm />
    </AuthCard>
  );
}
