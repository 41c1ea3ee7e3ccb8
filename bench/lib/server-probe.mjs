// Preloaded into the server by the benchmark (NODE_OPTIONS=--import …) to see inside it without
// changing it. Plain .mjs: it loads before tsx is registered.
//
// - BENCH_PROBE_FILE: on SIGUSR2 the probe reads "<file>.<pid>.req" ({ id, gc, reset }), optionally runs a
//   full garbage collection (through node:inspector; no --expose-gc needed), and writes to <file>.<pid>
//   { id, memory: process.memoryUsage(), gc: pauses since the last reset, loop: event-loop delay }.
// - BENCH_CPU_PROFILE_DIR: a V8 CPU profile of the whole run is written there on exit
//   (Node refuses --cpu-prof in NODE_OPTIONS).
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import path from "node:path";
import { monitorEventLoopDelay, PerformanceObserver } from "node:perf_hooks";

// One file per process, in case the server starts other Node processes that inherit NODE_OPTIONS.
const probeFile = process.env.BENCH_PROBE_FILE && `${process.env.BENCH_PROBE_FILE}.${process.pid}`;
const profileDir = process.env.BENCH_CPU_PROFILE_DIR;

if (probeFile || profileDir) {
  const session = new Session();
  session.connect();

  if (profileDir) {
    session.post("Profiler.enable");
    session.post("Profiler.setSamplingInterval", { interval: 1000 });
    session.post("Profiler.start");
    process.on("exit", () => {
      // A session in the same thread answers synchronously, so this completes before the exit.
      session.post("Profiler.stop", (error, result) => {
        if (!error)
          writeFileSync(
            path.join(profileDir, `server-${process.pid}.cpuprofile`),
            JSON.stringify(result.profile),
          );
      });
    });
  }

  if (probeFile) {
    let gc = { count: 0, totalMs: 0, maxMs: 0, over50ms: 0 };
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        gc.count += 1;
        gc.totalMs += entry.duration;
        gc.maxMs = Math.max(gc.maxMs, entry.duration);
        if (entry.duration > 50) gc.over50ms += 1;
      }
    }).observe({ entryTypes: ["gc"] });
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const ms = (ns) => Math.round(ns / 1e4) / 100;

    // Tells the benchmark that SIGUSR2 is handled here (its default action would end the process).
    writeFileSync(probeFile, JSON.stringify({ id: "ready", pid: process.pid }));
    process.on("SIGUSR2", () => {
      let request = {};
      try {
        request = JSON.parse(readFileSync(`${probeFile}.req`, "utf8"));
      } catch {}
      const answer = () => {
        const report = {
          id: request.id ?? null,
          memory: process.memoryUsage(),
          gc: { ...gc, totalMs: Math.round(gc.totalMs), maxMs: Math.round(gc.maxMs * 10) / 10 },
          loop: {
            p50Ms: ms(loop.percentile(50)),
            p99Ms: ms(loop.percentile(99)),
            maxMs: ms(loop.max),
            meanMs: ms(loop.mean),
          },
        };
        if (request.reset) {
          gc = { count: 0, totalMs: 0, maxMs: 0, over50ms: 0 };
          loop.reset();
        }
        writeFileSync(`${probeFile}.tmp`, JSON.stringify(report));
        renameSync(`${probeFile}.tmp`, probeFile);
      };
      if (request.gc) session.post("HeapProfiler.collectGarbage", () => setImmediate(answer));
      else answer();
    });
  }
}
