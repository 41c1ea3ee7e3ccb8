/**
 * What the ejabberd peer needs on this machine, installed on first use (bench only, never by
 * npm test): Debian's ejabberd with its PostgreSQL driver, and the XMPP client library in
 * bench/peer/node_modules (its own package.json, so stu's install does not carry it).
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

export const EJABBERDCTL = "/usr/sbin/ejabberdctl";
/** Debian's copy of ejabberd's SQL schemas. */
export const SQL_DIR = "/usr/share/ejabberd/sql";
const PEER_DIR = import.meta.dirname;
const DEBIAN_PACKAGES = ["ejabberd", "erlang-p1-pgsql"];

function hasPgsqlDriver(): boolean {
  try {
    // dpkg-query's own format field (not a template string).
    return execFileSync("dpkg-query", ["-W", "-f", "$" + "{Status}", "erlang-p1-pgsql"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).includes("install ok installed");
  } catch {
    return false;
  }
}

function installed(): boolean {
  return existsSync(EJABBERDCTL) && existsSync(path.join(SQL_DIR, "pg.new.sql")) && hasPgsqlDriver();
}

/**
 * Installs ejabberd from Debian when it is missing. The package's own service is not started by
 * the bench (policy-rc.d usually forbids it in a container; if it runs, the bench leaves it
 * alone: its instance has its own ports and node name).
 */
export function ensureEjabberd(log: (line: string) => void): void {
  if (installed()) return;
  const refuse = (why: string) =>
    new Error(
      `the ejabberd peer needs Debian's ${DEBIAN_PACKAGES.join(" and ")}, which are not installed, and ${why}. ` +
        `Install them (apt-get install -y ${DEBIAN_PACKAGES.join(" ")}) or run the bench without --peer.`,
    );
  if (process.getuid?.() !== 0) throw refuse("this bench is not running as root, so it cannot install them");
  try {
    execFileSync("apt-get", ["--version"], { stdio: "ignore" });
  } catch {
    throw refuse("apt-get is not available here");
  }
  log(`installing ${DEBIAN_PACKAGES.join(" ")} from Debian (apt-get)`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  try {
    execFileSync("apt-get", ["update", "-qq"], { env, stdio: ["ignore", "ignore", "pipe"] });
    execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...DEBIAN_PACKAGES], {
      env,
      stdio: ["ignore", "ignore", "pipe"],
    });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim().split("\n").slice(-3).join(" | ");
    throw refuse(`apt-get failed (${stderr || String(error)})`);
  }
  if (!installed()) throw refuse(`apt-get ran but ${EJABBERDCTL} or ${SQL_DIR}/pg.new.sql is still missing`);
}

/** `npm ci` in bench/peer when its node_modules lacks the XMPP client library. */
export function ensureXmppLibrary(log: (line: string) => void): void {
  if (existsSync(path.join(PEER_DIR, "node_modules", "@xmpp", "client", "package.json"))) return;
  log("installing the XMPP client library (npm ci in bench/peer)");
  execFileSync("npm", ["ci", "--no-audit", "--no-fund", "--silent"], { cwd: PEER_DIR, stdio: "inherit" });
}
