/** The one error type of the domain; route handlers and the socket server map it to the wire. */
export class AppError extends Error {
  override name = "AppError";
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly extra: { details?: unknown; headers?: Record<string, string> } = {},
  ) {
    super(message);
  }
}

export const unauthorized = (code = "unauthorized", message = "Sign in to continue.") =>
  new AppError(code, 401, message);
export const forbidden = (code: string, message: string) => new AppError(code, 403, message);
export const notFound = (what = "resource") => new AppError("not_found", 404, `No such ${what}.`);
export const conflict = (code: string, message: string) => new AppError(code, 409, message);
