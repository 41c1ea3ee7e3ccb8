import { z } from "zod";
import { AppError } from "./app-error.ts";
import { INVALID_TEXT } from "./text.ts";

// "is required" reads better than zod's "expected string, received undefined".
z.config({
  customError: (issue) =>
    issue.code === "invalid_type" && issue.input === undefined ? "is required" : undefined,
});

const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

export const DEFAULT_BODY_LIMIT = 64 * 1024;

type Issue = { params?: { code?: string }; errors?: Issue[][] };

// A union (temp_id: string or number) reports the text problem inside its alternatives.
const isTextIssue = (issue: Issue): boolean =>
  issue.params?.code === INVALID_TEXT || (issue.errors ?? []).some((issues) => issues.some(isTextIssue));

export function validationError(error: z.ZodError): AppError {
  const details = error.issues.map((issue) => ({
    field: issue.path.join(".") || null,
    message: issue.message,
  }));
  const textIssue = error.issues.findIndex((issue) => isTextIssue(issue as Issue));
  const first = details[Math.max(0, textIssue)]!;
  const message = first.field ? `${first.field}: ${first.message}` : first.message;
  return new AppError(textIssue >= 0 ? INVALID_TEXT : "validation_failed", 422, message, { details });
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error);
  return result.data;
}

async function readLimited(req: Request, limit: number): Promise<string> {
  // The unread rest of the body stays on the socket, so the connection must not be reused.
  const tooLarge = () =>
    new AppError("payload_too_large", 413, `The request body exceeds ${limit} bytes.`, {
      headers: { Connection: "close" },
    });
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > limit) throw tooLarge();
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  try {
    return UTF8.decode(Buffer.concat(chunks));
  } catch {
    // Decoding leniently would store U+FFFD in place of what the client sent.
    throw new AppError(INVALID_TEXT, 422, "The request body is not valid UTF-8 text.");
  }
}

/** Reads a JSON body (bounded in size) and validates it; an empty body counts as `{}`. */
export async function readJson<S extends z.ZodType>(
  req: Request,
  schema: S,
  limit = DEFAULT_BODY_LIMIT,
): Promise<z.infer<S>> {
  const text = await readLimited(req, limit);
  let value: unknown = {};
  if (text.trim()) {
    try {
      value = JSON.parse(text);
    } catch {
      throw new AppError("malformed_json", 400, "The request body is not valid JSON.");
    }
  }
  return parseWith(schema, value);
}

export function readQuery<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  return parseWith(schema, Object.fromEntries(new URL(req.url).searchParams));
}
