const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** Parses "900", "45s", "15m", "12h" or "30d" into whole seconds; null when malformed. */
export function parseDurationSeconds(raw: string): number | null {
  const match = /^(\d+)\s*([smhd]?)$/.exec(raw.trim());
  if (!match) return null;
  const value = Number(match[1]) * UNIT_SECONDS[match[2] || "s"]!;
  return Number.isSafeInteger(value) && value > 0 ? value : null;
}
