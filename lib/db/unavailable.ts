import { AppError } from "../http/app-error.ts";
import { Prisma } from "./generated/client.ts";

/** Seconds a client is told to wait (Retry-After) before trying again during a database outage. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

// What Prisma 7 with @prisma/adapter-pg throws when PostgreSQL is gone or hung (seen, not guessed):
// a stopped server gives PrismaClientKnownRequestError P1001 (driver kind DatabaseNotReachable);
// a server killed mid-query, a connect timeout or a query timeout surface as node-postgres' own
// plain Errors, which Prisma passes through unwrapped; a statement_timeout is SQLSTATE 57014.
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
const DRIVER_KINDS = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
]);
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH"]);
const PG_MESSAGES = [
  "Query read timeout",
  "Connection terminated",
  "timeout exceeded when trying to connect",
  "Client has encountered a connection error",
];

type DriverCause = { kind?: string; code?: string; originalCode?: string };

/** SQLSTATE classes 08 (connection exception) and 57 (operator intervention: shutdown, recovery, statement timeout), 53300 too many connections. */
function isUnavailableSqlState(code: string | undefined): boolean {
  return !!code && (code.startsWith("08") || code.startsWith("57") || code === "53300");
}

// By name as well as by class: Next's bundle and server/ may each load their own copy of Prisma
// (and a bundler may rename classes, so the names are spelled out).
function isKnownRequestError(error: unknown): error is Prisma.PrismaClientKnownRequestError {
  return (
    error instanceof Prisma.PrismaClientKnownRequestError ||
    (error instanceof Error && error.name === "PrismaClientKnownRequestError")
  );
}

function isInitializationError(error: unknown): boolean {
  return (
    error instanceof Prisma.PrismaClientInitializationError ||
    (error instanceof Error && error.name === "PrismaClientInitializationError")
  );
}

export function isDatabaseUnavailable(error: unknown): boolean {
  if (isInitializationError(error)) return true;
  if (isKnownRequestError(error)) {
    if (PRISMA_CODES.has(error.code)) return true;
    const cause = (error.meta?.driverAdapterError as { cause?: DriverCause } | undefined)?.cause;
    return DRIVER_KINDS.has(cause?.kind ?? "") || isUnavailableSqlState(cause?.originalCode ?? cause?.code);
  }
  if (!(error instanceof Error) || error instanceof AppError) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && (SOCKET_CODES.has(code) || isUnavailableSqlState(code))) return true;
  return PG_MESSAGES.some((m) => error.message.startsWith(m));
}

export const databaseUnavailable = () =>
  new AppError("service_unavailable", 503, "The database is not answering right now; try again shortly.", {
    headers: { "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS) },
  });
