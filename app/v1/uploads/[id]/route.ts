import { json } from "@/lib/http/responses.ts";
import { publicRoute } from "@/lib/http/route.ts";
import { parseWith, readQuery } from "@/lib/http/validation.ts";
import { receiveUpload } from "@/lib/media/receive-upload.ts";
import { attachmentIdSchema, signedQuerySchema } from "@/lib/media/schemas.ts";

// PUT /v1/uploads/{id}?expires=&sig= – the bytes of an upload (local storage); the signature is the capability
export const PUT = publicRoute(async (req, params) => {
  const { expires, sig } = readQuery(req, signedQuerySchema);
  const attachment = await receiveUpload({
    id: parseWith(attachmentIdSchema, params.id),
    expires,
    sig,
    contentType: req.headers.get("content-type"),
    contentLength: req.headers.get("content-length"),
    body: req.body,
  });
  return json(attachment);
});
