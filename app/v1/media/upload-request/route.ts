import { json } from "@/lib/http/responses.ts";
import { authRoute } from "@/lib/http/route.ts";
import { readJson } from "@/lib/http/validation.ts";
import { createUpload } from "@/lib/media/create-upload.ts";
import { presignSchema } from "@/lib/media/schemas.ts";

// POST /v1/media/upload-request – api-skeleton.md's name for presign; also answers metadata_id
export const POST = authRoute(async (req, auth) => {
  const upload = await createUpload(auth.userId, await readJson(req, presignSchema));
  return json({ ...upload, metadata_id: upload.id }, 201);
});
