import { verifyAuditChain } from "@/lib/admin/audit-chain.ts";
import { adminRoute } from "@/lib/admin/require-admin.ts";
import { json } from "@/lib/http/responses.ts";

// GET /v1/admin/audit/verify – recompute the audit log's hash chain
export const GET = adminRoute(async () => json(await verifyAuditChain()));
