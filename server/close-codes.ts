/** WebSocket close codes of the protocol (4000-4999 is the application range). */
export const CLOSE = {
  GOING_AWAY: 1001,
  /** Sent by ws itself for a text frame that is not UTF-8. */
  INVALID_PAYLOAD: 1007,
  POLICY_VIOLATION: 1008,
  /** Authentication could not be checked (a bug): the token may be fine. */
  INTERNAL_ERROR: 1011,
  /** The database is down or hung: the token may be fine, reconnect later with the same one. */
  TRY_AGAIN_LATER: 1013,
  /** The token is really bad, expired or revoked: the client needs a new one. */
  UNAUTHORIZED: 4401,
  FORBIDDEN_ORIGIN: 4403,
  AUTH_TIMEOUT: 4408,
} as const;
