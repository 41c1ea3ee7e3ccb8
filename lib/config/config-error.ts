/** A setting is missing or malformed; start-up prints `message` as one line and exits. */
export class ConfigError extends Error {
  override name = "ConfigError";
}
