import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AdminConsole } from "@/components/admin/admin-console.tsx";
import { tabOf } from "@/components/admin/tabs.ts";
import { requireCurrentUser } from "@/lib/web/current-user.ts";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Admin · stu" };

type Props = { searchParams: Promise<{ tab?: string }> };

export default async function AdminPage({ searchParams }: Props) {
  const user = await requireCurrentUser();
  // To anyone else the console does not exist (the API answers them 403 admin_only).
  if (user.role !== "admin") notFound();
  const { tab } = await searchParams;
  return <AdminConsole meId={user.id} initialTab={tabOf(tab)} />;
}
