import { json } from "@/lib/http/responses.ts";
import { authRoute } from "@/lib/http/route.ts";
import { readJson } from "@/lib/http/validation.ts";
import { pushSettingsSchema } from "@/lib/push/schemas.ts";
import { getPushSettings, setPushSettings } from "@/lib/push/settings.ts";

// GET /v1/push/settings – {previews}: whether notifications may show message text
export const GET = authRoute(async (_req, auth) => json(await getPushSettings(auth.userId)));

// PUT /v1/push/settings – {previews:boolean}
export const PUT = authRoute(async (req, auth) =>
  json(await setPushSettings(auth.userId, await readJson(req, pushSettingsSchema))),
);
