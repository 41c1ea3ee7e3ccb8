import { useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./api.ts";
import { chatsKey } from "./cache.ts";
import type { Block, Report, ReportReason, ReportTarget, Warning } from "./safety-types.ts";

export const blocksKey = ["blocks"] as const;
export const warningsKey = ["warnings"] as const;

export function sendReport(target: ReportTarget, reason: ReportReason, comment: string): Promise<Report> {
  const trimmed = comment.trim();
  return api<Report>("/v1/reports", {
    body: { ...target, reason, ...(trimmed ? { comment: trimmed } : {}) },
  });
}

export function useBlocks(enabled = true) {
  return useQuery({
    queryKey: blocksKey,
    queryFn: async () => (await api<{ blocks: Block[] }>("/v1/users/me/blocks")).blocks,
    enabled,
    staleTime: 60_000,
  });
}

/**
 * Block or unblock someone. What the server sends changes with it (their messages leave history,
 * previews and unread counts), so the chat list and loaded histories are fetched again.
 */
export function useSetBlocked() {
  const qc = useQueryClient();
  return async (userId: number, blocked: boolean) => {
    await api<void>(`/v1/users/${userId}/block`, { method: blocked ? "POST" : "DELETE" });
    await Promise.all([
      qc.invalidateQueries({ queryKey: blocksKey }),
      qc.invalidateQueries({ queryKey: chatsKey }),
      qc.invalidateQueries({ queryKey: ["messages"] }),
    ]);
  };
}

export function useWarnings() {
  return useQuery({
    queryKey: warningsKey,
    queryFn: async () => (await api<{ warnings: Warning[] }>("/v1/users/me/warnings")).warnings,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function acknowledgeWarning(id: number): Promise<void> {
  return api<void>(`/v1/users/me/warnings/${id}/ack`, { method: "POST" });
}
