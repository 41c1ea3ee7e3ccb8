import { AuthCard } from "@/components/auth-card.tsx";
import { SignInForm } from "@/components/sign-in-form.tsx";

export const metadata = { title: "Sign in · stu" };

export default function SignInPage() {
  return (
    <AuthCard title="Sign in" subtitle="Welcome back.">
      <SignInForm />
    </AuthCard>
  );
}
