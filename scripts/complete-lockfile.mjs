// npm run lockfile:complete – run after `npm install` changes package-lock.json.
//
// The registry this project is built against serves native packages only for some platforms, so
// `npm install` leaves the other platforms' optional packages (Biome, Tailwind's oxide, Next's SWC
// for macOS/Windows/musl…) out of package-lock.json, and `npm ci` then refuses the lock file as out
// of sync. This adds the entries a full registry would have written: optional, pinned to the version
// the parent asks for, with os/cpu/libc read from the package name, so npm ci skips them by platform.
import { readFileSync, writeFileSync } from "node:fs";

const OS = new Set(["android", "darwin", "linux", "win32", "freebsd", "openbsd", "sunos", "aix"]);
const CPU = new Set(["arm64", "x64", "arm", "ia32", "wasm32", "ppc64", "s390x", "riscv64", "loong64"]);
const LIBC = { musl: "musl", gnu: "glibc", gnueabihf: "glibc" };

function platformOf(name) {
  const tokens = name.split("/").pop().split("-");
  const os = tokens.filter((t) => OS.has(t));
  const cpu = tokens.filter((t) => CPU.has(t));
  const libc = tokens.map((t) => LIBC[t]).filter(Boolean);
  if (!cpu.length) return null;
  return { ...(os.length ? { os } : {}), cpu, ...(libc.length ? { libc } : {}) };
}

const file = "package-lock.json";
const lock = JSON.parse(readFileSync(file, "utf8"));
const added = [];
for (const [key, pkg] of Object.entries(lock.packages)) {
  for (const [dep, spec] of Object.entries(pkg.optionalDependencies ?? {})) {
    const entry = `node_modules/${dep}`;
    const platform = platformOf(dep);
    if (lock.packages[entry] || !platform || !/^\d+\.\d+\.\d+/.test(spec)) continue;
    lock.packages[entry] = {
      version: spec,
      ...platform,
      ...(pkg.dev ? { dev: true } : {}),
      optional: true,
    };
    added.push(`${dep}@${spec} (for ${key.replace(/^node_modules\//, "") || "the root"})`);
  }
}
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))),
);
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(
  added.length
    ? `added ${added.length} platform entries:\n  ${added.join("\n  ")}`
    : "package-lock.json is complete",
);
