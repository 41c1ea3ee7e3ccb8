/** Why a link could not be fetched; kept on the failed cache row's log line, never shown to users. */
export type FetchRefusal =
  | "bad_url"
  | "port_not_allowed"
  | "private_address"
  | "dns_failed"
  | "timeout"
  | "too_large"
  | "bad_status"
  | "bad_content_type"
  | "too_many_redirects"
  | "network";

export class LinkFetchError extends Error {
  constructor(
    readonly reason: FetchRefusal,
    message: string,
  ) {
    super(message);
    this.name = "LinkFetchError";
  }
}
