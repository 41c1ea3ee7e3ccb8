import { startTurnServer, type TurnServer } from "../test/support/turn-server.ts";
import { E2E_TURN_PORT, E2E_TURN_SECRET } from "./env.ts";

export type E2ETurn = {
  url: string;
  /** Relayed allocations coturn made so far: > 0 proves a browser got a relay through it. */
  allocations(): number;
  /**
   * Permissions coturn granted so far: a browser asks for one per remote address it sends to through
   * its relay, so > 0 means media was set up through TURN (check the selected candidate pair too).
   */
  permissions(): number;
  /** coturn's log so far (sessions, allocations, permissions, refusals). */
  log(): string;
  stop(): Promise<void>;
};

/**
 * Starts Debian coturn on E2E_TURN_PORT with the secret the e2e app server mints TURN credentials
 * with (playwright.config.ts), for one test: `const turn = await startTurn(); … await turn.stop()`.
 * Throws "install coturn: apt-get install coturn" when `turnserver` is missing.
 */
export async function startTurn(): Promise<E2ETurn> {
  const server: TurnServer = await startTurnServer({ secret: E2E_TURN_SECRET, port: E2E_TURN_PORT });
  const { url, allocations, permissions, log, stop } = server;
  return { url, allocations, permissions, log, stop };
}
