/** A refusal the agent answers with `{"error":{"code","message"}}` (422 adds `details`). */
export class AgentError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}
