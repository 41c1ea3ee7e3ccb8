import path from "node:path";

export type AgentConfig = {
  host: string;
  /** 0 lets the system pick a free port (the ready line says which). */
  port: number;
  token: string;
  dataDir: string;
  /** Set by stu when it runs the agent as its child: exit when stdin closes (stu has died). */
  exitWithStdin: boolean;
};

export class AgentConfigError extends Error {}

/** The agent's settings, from its own environment variables (it never reads stu's configuration). */
export function parseAgentConfig(env: Record<string, string | undefined>): AgentConfig {
  const token = env.MODERATION_AGENT_TOKEN?.trim();
  if (!token) {
    throw new AgentConfigError(
      "Missing setting MODERATION_AGENT_TOKEN: the bearer token stu must send, e.g. `openssl rand -base64 32`",
    );
  }
  if (token.length < 16) {
    throw new AgentConfigError("Invalid setting MODERATION_AGENT_TOKEN: use at least 16 characters");
  }
  const rawPort = env.MODERATION_AGENT_PORT?.trim() || "3100";
  const port = Number(rawPort);
  if (!/^\d+$/.test(rawPort) || port > 65535) {
    throw new AgentConfigError(
      "Invalid setting MODERATION_AGENT_PORT: expected a port number from 0 to 65535",
    );
  }
  return {
    host: env.MODERATION_AGENT_HOST?.trim() || "127.0.0.1",
    port,
    token,
    dataDir: path.resolve(env.MODERATION_AGENT_DATA_DIR?.trim() || ".data/moderation-agent"),
    exitWithStdin: env.MODERATION_AGENT_EXIT_WITH_STDIN === "1",
  };
}
