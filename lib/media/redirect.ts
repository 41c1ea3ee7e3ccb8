/**
 * A 302 to a signed link. Not cached: the access check must run again next time (a deleted
 * message's files stop loading); the signed link itself is stable per minute and cacheable.
 */
export function redirectTo(url: string): Response {
  return new Response(null, { status: 302, headers: { Location: url, "Cache-Control": "no-store" } });
}
