/**
 * The top self-time functions of a V8 .cpuprofile (as BENCH_CPU_PROFILE writes them):
 *
 *   npx tsx bench/lib/profile-top.ts <file.cpuprofile> [more files] [--top 25] [--from S] [--to S]
 *
 * Shares are of the busy time (samples not in "(idle)"); --from/--to keep only the samples between
 * S seconds after the profile's start (e.g. the message load of a bench run). Besides functions it
 * sums self time by where the code lives (an npm package, stu's own directories); node's internals
 * and native frames (writev, JSON.parse, …) count for the nearest caller outside them, so "writev
 * called from pg" lands on pg (a function row shows it as "writev [native] ← pg").
 */
import { readFileSync } from "node:fs";

type CallFrame = { functionName: string; url: string; lineNumber: number; columnNumber: number };
type Node = { id: number; callFrame: CallFrame; children?: number[] };
type Profile = { nodes: Node[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] };

export type Row = { name: string; micros: number; share: number };
export type ProfileTop = {
  file: string;
  seconds: number;
  busySeconds: number;
  idleShare: number;
  functions: Row[];
  places: Row[];
};

const SPECIAL = new Set(["(idle)", "(program)", "(garbage collector)", "(root)"]);

/** npm package, node internals or the repository directory a script belongs to. */
export function placeOf(url: string): string {
  if (!url) return "(native)";
  if (url.startsWith("node:")) return "node internals";
  const modules = url.lastIndexOf("node_modules/");
  if (modules >= 0) {
    const parts = url.slice(modules + "node_modules/".length).split("/");
    return parts[0]!.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  const match = /\/(lib|server|app|\.next|bench|prisma|src)\/(?:([^/]+)\/)?/.exec(url);
  if (match) return match[1] === "lib" && match[2] ? `stu lib/${match[2]}` : `stu ${match[1]}`;
  return url.replace(/^file:\/\//, "");
}

function shortUrl(url: string): string {
  const modules = url.lastIndexOf("node_modules/");
  if (modules >= 0) return url.slice(modules + "node_modules/".length);
  return url.replace(/^file:\/\/.*?\/(lib|server|app|\.next|bench|prisma)\//, "$1/");
}

export function profileTop(
  file: string,
  options: { top?: number; from?: number; to?: number } = {},
): ProfileTop {
  const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // Where a frame's time is charged: its own package or directory, but node's internals and native
  // frames (writev, JSON.parse, …) are charged to the nearest caller outside them.
  const placeCache = new Map<number, string>();
  const callerPlace = (id: number): string | undefined => {
    if (placeCache.has(id)) return placeCache.get(id);
    const node = byId.get(id)!;
    const { functionName, url } = node.callFrame;
    let place: string | undefined;
    if (functionName === "(root)") place = undefined;
    else if (url && !url.startsWith("node:")) place = placeOf(url);
    else {
      const up = parent.get(id);
      place = up === undefined ? undefined : callerPlace(up);
    }
    placeCache.set(id, place as string);
    return place;
  };
  const placeFor = (id: number): string => {
    const { functionName, url } = byId.get(id)!.callFrame;
    if (SPECIAL.has(functionName)) return functionName;
    return callerPlace(id) ?? placeOf(url);
  };

  const self = new Map<number, number>();
  const from = options.from === undefined ? -Infinity : options.from * 1e6;
  const to = options.to === undefined ? Infinity : options.to * 1e6;
  let t = 0; // µs since startTime
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    // A sample stands for the time until the next one.
    const duration = profile.timeDeltas[i + 1] ?? 0;
    if (t < from || t > to || duration <= 0) continue;
    const id = profile.samples[i]!;
    self.set(id, (self.get(id) ?? 0) + duration);
    total += duration;
  }

  const functions = new Map<string, number>();
  const places = new Map<string, number>();
  let idle = 0;
  for (const [id, micros] of self) {
    const frame = byId.get(id)!.callFrame;
    if (frame.functionName === "(idle)") {
      idle += micros;
      continue;
    }
    const own = frame.url ? `${shortUrl(frame.url)}:${frame.lineNumber + 1}` : "[native]";
    const place = placeFor(id);
    const internal = !frame.url || frame.url.startsWith("node:");
    const key = SPECIAL.has(frame.functionName)
      ? frame.functionName
      : `${frame.functionName || "(anonymous)"} ${own}${internal ? ` ← ${place}` : ""}`;
    functions.set(key, (functions.get(key) ?? 0) + micros);
    places.set(place, (places.get(place) ?? 0) + micros);
  }
  const busy = total - idle;
  const rows = (m: Map<string, number>, n: number): Row[] =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, micros]) => ({ name, micros, share: busy > 0 ? micros / busy : 0 }));
  const top = options.top ?? 25;
  return {
    file,
    seconds: total / 1e6,
    busySeconds: busy / 1e6,
    idleShare: total > 0 ? idle / total : 0,
    functions: rows(functions, top),
    places: rows(places, Math.min(top, 15)),
  };
}

export function formatTop(r: ProfileTop): string {
  const pct = (x: number) => `${(x * 100).toFixed(1).padStart(5)}%`;
  const ms = (micros: number) => `${(micros / 1000).toFixed(0).padStart(7)} ms`;
  return [
    `${r.file}: ${r.seconds.toFixed(1)} s sampled, ${r.busySeconds.toFixed(1)} s busy (${pct(1 - r.idleShare).trim()}); shares are of the busy time`,
    "",
    `top ${r.functions.length} functions by self time:`,
    ...r.functions.map((f) => `${pct(f.share)} ${ms(f.micros)}  ${f.name}`),
    "",
    "self time by place (node internals and native frames count for their nearest caller outside them):",
    ...r.places.map((p) => `${pct(p.share)} ${ms(p.micros)}  ${p.name}`),
  ].join("\n");
}

function main(): void {
  const args = process.argv.slice(2);
  const files: string[] = [];
  const options: { top?: number; from?: number; to?: number } = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--top" || a === "--from" || a === "--to") {
      const value = Number(args[++i]);
      if (!Number.isFinite(value)) throw new Error(`${a} needs a number`);
      options[a.slice(2) as "top" | "from" | "to"] = value;
    } else files.push(a);
  }
  if (!files.length) {
    console.error("usage: npx tsx bench/lib/profile-top.ts <file.cpuprofile>… [--top N] [--from S] [--to S]");
    process.exit(2);
  }
  console.log(files.map((f) => formatTop(profileTop(f, options))).join("\n\n"));
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) main();
