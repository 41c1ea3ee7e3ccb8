import { execFileSync } from "node:child_process";
import os from "node:os";

type Ids = { uid: number; gid: number } | undefined;
export type Command = { file: string; args: string[]; ids: Ids };

let setprivWorks: boolean | undefined;

/** util-linux's setpriv, new enough to know --pdeathsig (2.33+); Linux only. */
export function canDieWithParent(): boolean {
  if (setprivWorks === undefined) {
    try {
      setprivWorks =
        os.platform() === "linux" &&
        execFileSync("setpriv", ["--help"], {
          encoding: "utf8",
          stdio: ["ignore", "pipe", "ignore"],
        }).includes("--pdeathsig");
    } catch {
      setprivWorks = false;
    }
  }
  return setprivWorks;
}

/**
 * Wraps a command so that Linux sends `signal` to it when this process dies, even by SIGKILL
 * (prctl PR_SET_PDEATHSIG through setpriv). The kernel clears the death signal on a uid change,
 * so setpriv also does the switch to `ids` and sets the signal after it. Without setpriv (macOS,
 * old util-linux) the command runs as it is: `dies` is false and the caller's stale-process
 * cleanup at the next start is what remains.
 */
export function dieWithParent(command: Command, signal: NodeJS.Signals): Command & { dies: boolean } {
  if (!canDieWithParent()) return { ...command, dies: false };
  const ids = command.ids
    ? ["--reuid", String(command.ids.uid), "--regid", String(command.ids.gid), "--clear-groups"]
    : [];
  return {
    file: "setpriv",
    args: [...ids, "--pdeathsig", signal, "--", command.file, ...command.args],
    ids: undefined,
    dies: true,
  };
}
