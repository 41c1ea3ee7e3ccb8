import { getDb } from "../db/client.ts";
import { applyVerdict, type VerdictInput, type VerdictOutcome } from "./apply-verdict.ts";
import { buildPacket } from "./build-packet.ts";
import type { ReportPacket } from "./packet.ts";

export type Analyze = (packet: ReportPacket) => Promise<VerdictInput>;

/**
 * The `analyze_report` job: seals the report's packet for the agent and acts on its verdict. An
 * agent that cannot be reached throws, and graphile-worker retries. A report no longer queued is
 * skipped (a repeated job, or an admin resolved it first).
 */
export async function analyzeReport(reportId: number, analyze: Analyze): Promise<VerdictOutcome | null> {
  const report = await getDb().report.findUnique({ where: { id: reportId } });
  if (report?.status !== "queued") return null;
  const verdict = await analyze(await buildPacket(report));
  return applyVerdict(reportId, verdict);
}
