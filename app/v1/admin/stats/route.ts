import { adminRoute } from "@/lib/admin/require-admin.ts";
import { statsSchema } from "@/lib/admin/schemas.ts";
import { adminStats } from "@/lib/admin/stats.ts";
import { json } from "@/lib/http/responses.ts";
import { readQuery } from "@/lib/http/validation.ts";

// GET /v1/admin/stats?days=30 – the dashboard's numbers and per-day series
export const GET = adminRoute(async (req) => json(await adminStats(readQuery(req, statsSchema).days)));
