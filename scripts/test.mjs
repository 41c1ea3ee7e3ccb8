// npm test – the whole suite: typecheck, lint, production build, unit + integration tests (vitest),
// end-to-end tests (Playwright). Stops at the first failing step and ends with one summary line.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";

const OUT = ".test-runs";
mkdirSync(OUT, { recursive: true });
const VITEST_JSON = `${OUT}/vitest.json`;
const PLAYWRIGHT_JSON = `${OUT}/playwright.json`;
rmSync(VITEST_JSON, { force: true });
rmSync(PLAYWRIGHT_JSON, { force: true });

const steps = [
  ["typecheck", "tsc", ["--noEmit"]],
  ["lint", "biome", ["check", "."]],
  ["build", "next", ["build"]],
  [
    "unit + integration",
    "vitest",
    ["run", "--reporter=default", "--reporter=json", `--outputFile=${VITEST_JSON}`],
  ],
  ["end-to-end", "playwright", ["test", "--reporter=list,json"]],
];

function counts() {
  const total = { passed: 0, failed: 0, skipped: 0 };
  if (existsSync(VITEST_JSON)) {
    const v = JSON.parse(readFileSync(VITEST_JSON, "utf8"));
    total.passed += v.numPassedTests;
    total.failed += v.numFailedTests;
    total.skipped += v.numPendingTests + v.numTodoTests;
  }
  if (existsSync(PLAYWRIGHT_JSON)) {
    const p = JSON.parse(readFileSync(PLAYWRIGHT_JSON, "utf8")).stats;
    total.passed += p.expected + p.flaky;
    total.failed += p.unexpected;
    total.skipped += p.skipped;
  }
  return total;
}

let failedStep = null;
for (const [name, bin, args] of steps) {
  console.log(`\n▶ ${name}: ${bin} ${args.join(" ")}`);
  const started = Date.now();
  const result = spawnSync(bin, args, {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", PLAYWRIGHT_JSON_OUTPUT_NAME: PLAYWRIGHT_JSON },
  });
  console.log(
    `◀ ${name}: ${result.status === 0 ? "ok" : "FAILED"} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  if (result.status !== 0) {
    failedStep = name;
    break;
  }
}

const { passed, failed, skipped } = counts();
if (failedStep) console.log(`\nnpm test failed at step: ${failedStep}`);
console.log(`\nTests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failedStep ? 1 : 0);
