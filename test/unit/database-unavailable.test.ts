import { describe, expect, it } from "vitest";
import { Prisma } from "@/lib/db/client.ts";
import { isDatabaseUnavailable } from "@/lib/db/unavailable.ts";
import { AppError } from "@/lib/http/app-error.ts";

const known = (code: string, cause?: Record<string, string>) =>
  new Prisma.PrismaClientKnownRequestError("failed", {
    code,
    clientVersion: "7",
    meta: cause ? { driverAdapterError: { name: "DriverAdapterError", cause } } : undefined,
  });

// The shapes were taken from Prisma 7 + @prisma/adapter-pg against a stopped, killed and paused PostgreSQL.
describe("which errors mean the database is unavailable", () => {
  it.each([
    ["stopped server (P1001)", known("P1001", { kind: "DatabaseNotReachable" })],
    ["statement_timeout (57014)", known("P2010", { kind: "postgres", originalCode: "57014" })],
    ["server shutting down (57P01)", known("P2010", { kind: "postgres", originalCode: "57P01" })],
    ["connection closed", known("P2037", { kind: "ConnectionClosed" })],
    ["client query timeout", new Error("Query read timeout")],
    ["connect timeout", new Error("Connection terminated due to connection timeout")],
    ["killed mid-query", new Error("Connection terminated unexpectedly")],
    [
      "refused socket",
      Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }),
    ],
  ])("%s", (_, error) => expect(isDatabaseUnavailable(error)).toBe(true));

  it.each([
    ["unique violation", known("P2002", { kind: "UniqueConstraintViolation" })],
    ["record not found", known("P2025")],
    ["an AppError", new AppError("not_found", 404, "No such chat.")],
    ["a bug", new TypeError("x is undefined")],
    ["not an error", "Query read timeout"],
  ])("not %s", (_, error) => expect(isDatabaseUnavailable(error)).toBe(false));
});
