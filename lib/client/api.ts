export type ApiErrorBody = {
  code: string;
  message: string;
  details?: Array<{ field: string | null; message: string }>;
};

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.message);
  }
}

/** fetch for the browser: same-origin cookie session, JSON in and out, the contract's error shape. */
export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      headers: init.body === undefined ? undefined : { "Content-Type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      credentials: "same-origin",
    });
  } catch {
    throw new ApiError(0, {
      code: "network_error",
      message: "Cannot reach the server. Check your connection.",
    });
  }
  const text = await res.text();
  const data = text ? JSON.parse(text) : undefined;
  if (!res.ok) {
    throw new ApiError(
      res.status,
      data?.error ?? { code: "http_error", message: `The server answered ${res.status}.` },
    );
  }
  return data as T;
}
