import { Suspense } from "react";
import { AuthCard } from "@/components/auth-card.tsx";
import { VerifyForm } from "@/components/verify-form.tsx";

export const metadata = { title: "Verify e-mail · stu" };

export default function VerifyPage() {
  return (
    <AuthCard
      title="Check your e-mail"
      subtitle="Enter the 6-digit code we sent you. It is valid for 15 minutes."
    >
      <Suspense>
        <VerifyForm />
      </Suspense>
    </AuthCard>
  );
}
