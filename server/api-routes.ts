import { readdirSync } from "node:fs";
import path from "node:path";

type Segment = { kind: "static"; value: string } | { kind: "param" | "rest"; name: string };

export type ApiRoute = {
  /** The route file's path under app/, as Next names it ("/v1/chats/[id]/messages"). */
  readonly pattern: string;
  readonly segments: Segment[];
  load(): Promise<Record<string, unknown>>;
};

export type ApiMatch = { route: ApiRoute; params: Record<string, string | string[]> };

function segmentOf(part: string): Segment {
  const rest = /^\[\.\.\.(\w+)\]$/.exec(part);
  if (rest) return { kind: "rest", name: rest[1]! };
  const param = /^\[(\w+)\]$/.exec(part);
  if (param) return { kind: "param", name: param[1]! };
  return { kind: "static", value: part };
}

const RANK = { static: 0, param: 1, rest: 2 } as const;

/** Next's precedence: at the first segment where two routes differ, static beats [param] beats [...rest]. */
function byPrecedence(a: ApiRoute, b: ApiRoute): number {
  for (let i = 0; i < Math.max(a.segments.length, b.segments.length); i++) {
    const x = a.segments[i];
    const y = b.segments[i];
    if (!x || !y) return x ? 1 : -1;
    if (RANK[x.kind] !== RANK[y.kind]) return RANK[x.kind] - RANK[y.kind];
  }
  return 0;
}

/** Every app/<base>/**\/route.ts, in the order they are to be tried. */
export function findApiRoutes(appDir: string, base: string): ApiRoute[] {
  const routes: ApiRoute[] = [];
  const walk = (dir: string, parts: string[]) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(dir, entry.name), [...parts, entry.name]);
      else if (entry.name === "route.ts") {
        const file = path.join(dir, entry.name);
        let loaded: Promise<Record<string, unknown>> | undefined;
        routes.push({
          pattern: `/${parts.join("/")}`,
          segments: parts.map(segmentOf),
          load: () => {
            loaded ??= import(file);
            return loaded;
          },
        });
      }
    }
  };
  walk(path.join(appDir, base), [base]);
  return routes.sort(byPrecedence);
}

function decode(part: string): string | undefined {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
}

/** The first route (in precedence order) that the path fits, with its params decoded. */
export function matchApiRoute(routes: ApiRoute[], pathname: string): ApiMatch | undefined {
  const parts = pathname.split("/").slice(1);
  if (parts.some((p) => p === "")) return undefined; // "//" or a trailing "/": Next's redirect
  const decoded = parts.map(decode);
  if (decoded.some((p) => p === undefined)) return undefined;
  next: for (const route of routes) {
    const params: Record<string, string | string[]> = {};
    for (let i = 0; i < route.segments.length; i++) {
      const segment = route.segments[i]!;
      if (segment.kind === "rest") {
        if (i >= decoded.length) continue next;
        params[segment.name] = decoded.slice(i) as string[];
        return { route, params };
      }
      if (i >= decoded.length) continue next;
      if (segment.kind === "static" && segment.value !== parts[i]) continue next;
      if (segment.kind === "param") params[segment.name] = decoded[i]!;
    }
    if (route.segments.length === decoded.length) return { route, params };
  }
  return undefined;
}
