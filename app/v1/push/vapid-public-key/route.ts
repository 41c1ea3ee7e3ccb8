import { getConfig } from "@/lib/config/env.ts";
import { json } from "@/lib/http/responses.ts";
import { publicRoute } from "@/lib/http/route.ts";

// GET /v1/push/vapid-public-key – the applicationServerKey browsers subscribe with
export const GET = publicRoute(async () => json({ public_key: getConfig().push.vapidPublicKey }));
