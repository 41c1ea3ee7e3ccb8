// Preloaded into the server (NODE_OPTIONS=--import) when BENCH_CPU_PROFILE is set: Node refuses
// --cpu-prof in NODE_OPTIONS, so the profiler is driven through node:inspector instead and the
// profile is written to $BENCH_CPU_PROFILE_DIR/server-<pid>.cpuprofile when the process exits.
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import path from "node:path";

const dir = process.env.BENCH_CPU_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post("Profiler.enable");
  session.post("Profiler.setSamplingInterval", { interval: 1000 });
  session.post("Profiler.start");
  process.on("exit", () => {
    // A session in the same thread answers synchronously, so this completes before the exit.
    session.post("Profiler.stop", (error, result) => {
      if (!error)
        writeFileSync(path.join(dir, `server-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
