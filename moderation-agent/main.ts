// The moderation agent: its own process and HTTP server (no Next, no database). stu runs it as a
// child by default (lib/moderation/agent-process.ts); `npm run moderation-agent` runs it alone.
import { mkdirSync } from "node:fs";
import { AgentConfigError, parseAgentConfig } from "./config.ts";
import { loadOrCreateKeys } from "./keys.ts";
import { loadModel } from "./model.ts";
import { openReplayStore } from "./replay-store.ts";
import { createAgentServer } from "./server.ts";

const log = (line: string) => console.log(`[moderation-agent] ${line}`);

async function main(): Promise<void> {
  let config: ReturnType<typeof parseAgentConfig>;
  try {
    config = parseAgentConfig(process.env);
  } catch (error) {
    if (error instanceof AgentConfigError) {
      console.error(`moderation-agent: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  if (config.exitWithStdin) {
    // stu holds the other end of this pipe: it closes when stu exits, even by SIGKILL.
    process.stdin.on("end", () => process.exit(0));
    process.stdin.on("error", () => process.exit(0));
    process.stdin.resume();
  }
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const keys = await loadOrCreateKeys(config.dataDir);
  const model = loadModel(config.dataDir);
  const replays = openReplayStore(config.dataDir);
  const server = createAgentServer({ token: config.token, keys, model, replays, log });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  log(`key ${keys.kid}, model ${model.version} (${model.classifier.examples} training examples)`);
  // The line a parent process waits for to learn the port (keep its wording).
  console.log(`moderation-agent listening on http://${host}:${port}`);

  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

void main().catch((error) => {
  console.error(`moderation-agent: failed to start: ${(error as Error).message}`);
  process.exit(1);
});
