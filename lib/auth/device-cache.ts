import { getPool } from "../db/client.ts";
import type { UserRole } from "../db/generated/client.ts";
import { getBus } from "../realtime/bus.ts";

/** What authenticating a request needs to know about its device (session) and its user. */
export type DeviceSession = {
  userId: number;
  role: UserRole;
  banned: boolean;
  revoked: boolean;
  lastUsedAt: Date;
};

/**
 * How long a live session is believed without asking PostgreSQL again. Revocations and bans do not
 * wait for it: they evict at once through the bus (`sessions_revoked`, on every instance). It bounds
 * what no event announces: a role change, or an event lost while Redis was away (then `resync`
 * clears everything too).
 */
export const SESSION_CACHE_TTL_MS = 1000;
// Far above the live sessions of one instance; past it the oldest entry goes (Map keeps insertion order).
const MAX_ENTRIES = 50_000;

const LOOKUP = {
  name: "stu_device_session_v1",
  text: `SELECT d.user_id, d.revoked_at IS NOT NULL AS revoked, d.last_used_at,
                u.role::text AS role, u.banned_at IS NOT NULL AS banned
         FROM devices d JOIN users u ON u.id = d.user_id
         WHERE d.id = $1`,
};

type Row = { user_id: number; revoked: boolean; last_used_at: Date; role: UserRole; banned: boolean };
type Entry = { session: DeviceSession; until: number };
type State = {
  entries: Map<number, Entry>;
  loading: Map<number, Promise<DeviceSession | null>>;
  /** Bumped by every eviction: a look-up that started before one must not store what it read. */
  epoch: number;
};

const STATE = Symbol.for("stu.device-cache");
type WithState = typeof globalThis & { [STATE]?: State };

// On globalThis: Next's route handlers and server/ load separate copies of this module, and one
// subscription per process must evict for both.
function state(): State {
  const g = globalThis as WithState;
  if (!g[STATE]) {
    const created: State = { entries: new Map(), loading: new Map(), epoch: 0 };
    g[STATE] = created;
    getBus().subscribe((event) => {
      if (event.type === "sessions_revoked") forgetDevices(event.deviceIds);
      else if (event.type === "resync") forgetAllDevices();
    });
  }
  return g[STATE];
}

export function forgetDevices(deviceIds: number[]): void {
  const s = state();
  s.epoch += 1;
  for (const id of deviceIds) {
    s.entries.delete(id);
    s.loading.delete(id);
  }
}

export function forgetAllDevices(): void {
  const s = state();
  s.epoch += 1;
  s.entries.clear();
  s.loading.clear();
}

async function load(s: State, deviceId: number): Promise<DeviceSession | null> {
  const epoch = s.epoch;
  const { rows } = await getPool().query<Row>({ ...LOOKUP, values: [deviceId] });
  const row = rows[0];
  if (!row) return null;
  const session: DeviceSession = {
    userId: row.user_id,
    role: row.role,
    banned: row.banned,
    revoked: row.revoked,
    lastUsedAt: row.last_used_at,
  };
  // Only live sessions are kept: a refused one costs a query each time, as before.
  if (epoch === s.epoch && !session.banned && !session.revoked) {
    s.entries.delete(deviceId);
    s.entries.set(deviceId, { session, until: Date.now() + SESSION_CACHE_TTL_MS });
    if (s.entries.size > MAX_ENTRIES) s.entries.delete(s.entries.keys().next().value!);
  }
  return session;
}

/**
 * The device's session, from memory when it was read less than SESSION_CACHE_TTL_MS ago; concurrent
 * misses for one device share one query. `fresh` always asks PostgreSQL (admin endpoints, pages).
 */
export async function deviceSession(
  deviceId: number,
  options: { fresh?: boolean } = {},
): Promise<DeviceSession | null> {
  const s = state();
  if (!options.fresh) {
    const entry = s.entries.get(deviceId);
    if (entry && entry.until > Date.now()) return entry.session;
    const inFlight = s.loading.get(deviceId);
    if (inFlight) return inFlight;
  }
  const loading = load(s, deviceId);
  if (!options.fresh) {
    s.loading.set(deviceId, loading);
    const settle = () => {
      if (s.loading.get(deviceId) === loading) s.loading.delete(deviceId);
    };
    loading.then(settle, settle);
  }
  return loading;
}

/** Notes a touch of lastUsedAt in the cached copy, so the throttle holds between look-ups. */
export function noteDeviceUsed(deviceId: number, at: Date): void {
  const entry = state().entries.get(deviceId);
  if (entry) entry.session = { ...entry.session, lastUsedAt: at };
}
