import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AdminConsole, TABS, type TabId } from "@/components/admin/admin-console.tsx";
import { requireCurrentUser } from "@/lib/web/current-user.ts";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Admin · stu" };

type Props = { searchParams: Promise<{ tab?: string }> };

export default async function AdminPage({ searchParams }: Props) {
  const user = await requireCurrentUser();
  // To anyone else the console does not exist (the API answers them 403 admin_only).
  if (user.role !== "admin") notFound();
  const { tab } = await searchParams;
  const initialTab = TABS.some((t) => t.id === tab) ? (tab as TabId) : "reports";
  return <AdminConsole meId={user.id} initialTab={initialTab} />;
}
