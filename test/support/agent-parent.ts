// A stand-in for stu in tests: runs the moderation agent as its child (STU_DATA_DIR from the
// environment) and prints `agent <pid> <url>` once it is ready, then waits to be killed.
import { parseConfig } from "../../lib/config/env.ts";
import { startModerationAgent } from "../../lib/moderation/agent-process.ts";

const logs: string[] = [];
await startModerationAgent({
  config: parseConfig({ NODE_ENV: "test", STU_DATA_DIR: process.env.STU_DATA_DIR }),
  log: (line) => {
    logs.push(line);
    const ready = /^moderation agent ready on (\S+) \(pid (\d+)\)$/.exec(line);
    if (ready) console.log(`agent ${ready[2]} ${ready[1]}`);
  },
  onReady: () => {},
});
setInterval(() => {}, 60_000);
