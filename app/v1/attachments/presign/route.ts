import { json } from "@/lib/http/responses.ts";
import { authRoute } from "@/lib/http/route.ts";
import { readJson } from "@/lib/http/validation.ts";
import { createUpload } from "@/lib/media/create-upload.ts";
import { presignSchema } from "@/lib/media/schemas.ts";

// POST /v1/attachments/presign – register an upload; answers where to PUT its bytes
export const POST = authRoute(async (req, auth) =>
  json(await createUpload(auth.userId, await readJson(req, presignSchema)), 201),
);
