import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import type {
  AdminAction,
  AdminReport,
  AdminStats,
  AdminUser,
  AdminUserDetail,
  AuditEntry,
  AuditVerification,
  Page,
  ReportAction,
} from "./admin-types.ts";
import { api } from "./api.ts";

/** The admin console's calls; every key starts with "admin" so one invalidation refreshes the console. */
export const adminKey = ["admin"] as const;

function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

export type ReportFilter = { status: string; reason: string };

export function useAdminReports(filter: ReportFilter) {
  return useInfiniteQuery({
    queryKey: [...adminKey, "reports", filter],
    queryFn: ({ pageParam }) =>
      api<Page<"reports", AdminReport>>(
        `/v1/admin/reports${query({ status: filter.status, reason: filter.reason, cursor: pageParam, limit: 20 })}`,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    placeholderData: keepPreviousData,
    // The agent's verdicts arrive within seconds of a report: a queue left open keeps up by itself.
    refetchInterval: 5_000,
  });
}

export function resolveReport(
  id: number,
  body: { action: ReportAction; reason?: string; delete_messages?: boolean },
): Promise<AdminReport> {
  return api<AdminReport>(`/v1/admin/reports/${id}`, { body });
}

export type UserFilter = { query: string; filter: "all" | "banned" | "admins" };

export function useAdminUsers(filter: UserFilter) {
  return useInfiniteQuery({
    queryKey: [...adminKey, "users", filter],
    queryFn: ({ pageParam }) =>
      api<Page<"users", AdminUser>>(
        `/v1/admin/users${query({ query: filter.query.trim(), filter: filter.filter, cursor: pageParam, limit: 30 })}`,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    // A new filter or search keeps the old list on screen until its answer is in, with no flash.
    placeholderData: keepPreviousData,
  });
}

export function useAdminUser(id: number | null) {
  return useQuery({
    queryKey: [...adminKey, "user", id],
    queryFn: () => api<AdminUserDetail>(`/v1/admin/users/${id}`),
    enabled: id !== null,
  });
}

export function adminAction(body: {
  action: AdminAction;
  user_id?: number;
  message_id?: number;
  reason: string;
  delete_messages?: boolean;
}): Promise<AuditEntry> {
  return api<AuditEntry>("/v1/admin/actions", { body });
}

export function useAuditLog(filter: { action: string }) {
  return useInfiniteQuery({
    queryKey: [...adminKey, "actions", filter],
    queryFn: ({ pageParam }) =>
      api<Page<"actions", AuditEntry>>(
        `/v1/admin/actions${query({ action: filter.action, cursor: pageParam, limit: 50 })}`,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    // A new filter or search keeps the old list on screen until its answer is in, with no flash.
    placeholderData: keepPreviousData,
  });
}

export function verifyAudit(): Promise<AuditVerification> {
  return api<AuditVerification>("/v1/admin/audit/verify");
}

export function useAdminStats(days: number) {
  return useQuery({
    queryKey: [...adminKey, "stats", days],
    queryFn: () => api<AdminStats>(`/v1/admin/stats${query({ days })}`),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
}
