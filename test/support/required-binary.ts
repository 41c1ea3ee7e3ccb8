import { execFileSync } from "node:child_process";

/** Whether a program answers `--version` on the PATH (a Debian package the tests drive). */
export function hasBinary(name: string): boolean {
  try {
    execFileSync(name, ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/**
 * The skip rule of tests that need a real program: skipped where it is missing, unless the
 * `requireVar` environment variable is set (.ci/run installs the package and sets it, so CI never
 * skips), in which case this throws `missingMessage`.
 */
export function binaryAvailable(name: string, requireVar: string, missingMessage: string): boolean {
  const available = hasBinary(name);
  if (!available && process.env[requireVar]) throw new Error(missingMessage);
  return available;
}
