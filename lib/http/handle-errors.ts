import { ZodError } from "zod";
import { Prisma } from "../db/client.ts";
import { databaseUnavailable, isDatabaseUnavailable } from "../db/unavailable.ts";
import { AppError } from "./app-error.ts";
import { errorBody, json } from "./responses.ts";
import { validationError } from "./validation.ts";

/** Maps any thrown value to the contract's error shape; only unexpected errors and outages are logged. */
export function errorResponse(error: unknown): Response {
  if (error instanceof ZodError) return errorResponse(validationError(error));
  if (error instanceof AppError) {
    return json(errorBody(error.code, error.message, error.extra.details), error.status, error.extra.headers);
  }
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    if (error.code === "P2025") return json(errorBody("not_found", "No such resource."), 404);
    if (error.code === "P2002") return json(errorBody("conflict", "That already exists."), 409);
  }
  if (isDatabaseUnavailable(error)) {
    console.error(`[stu] database unavailable: ${(error as Error).message.trim().split("\n").at(-1)}`);
    return errorResponse(databaseUnavailable());
  }
  console.error("[stu] unexpected error:", error);
  return json(errorBody("internal_error", "Something went wrong on our side. Try again."), 500);
}
