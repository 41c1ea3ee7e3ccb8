import { existsSync } from "node:fs";
import path from "node:path";

/**
 * Loads `.env` (or STU_ENV_FILE; "none" disables it) into the environment at start-up. Variables
 * already set in the real environment win. Tests disable it so a developer's .env cannot leak in.
 */
export function loadDotEnv(root: string): void {
  const file = process.env.STU_ENV_FILE ?? ".env";
  if (file === "none") return;
  const full = path.resolve(root, file);
  if (existsSync(full)) process.loadEnvFile(full);
}
