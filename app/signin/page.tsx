import { AuthCard } from "@/components/auth-card.tsx";
import { SignInForm } from "@/components/sign-in-form.tsx";

export const metadata = { title: "Sign in · stu" };

type Props = { searchParams: Promise<{ banned?: string }> };

export default async function SignInPage({ searchParams }: Props) {
  // Set by the app when a ban signed this browser out.
  const { banned } = await searchParams;
  return (
    <AuthCard title="Sign in" subtitle="Welcome back.">
      <SignInForm banned={banned === "1"} />
    </AuthCard>
  );
}
