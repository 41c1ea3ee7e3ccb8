import { json } from "@/lib/http/responses.ts";
import { authRoute } from "@/lib/http/route.ts";
import { parseWith } from "@/lib/http/validation.ts";
import { finishOwnUpload } from "@/lib/media/finish-own-upload.ts";
import { attachmentIdSchema } from "@/lib/media/schemas.ts";

// POST /v1/attachments/{id}/complete – check the uploaded bytes now (optional: sending does it too)
export const POST = authRoute(async (_req, auth, params) =>
  json(await finishOwnUpload(auth.userId, parseWith(attachmentIdSchema, params.id))),
);
