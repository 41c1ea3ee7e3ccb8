import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { trainClassifier } from "@/moderation-agent/analysis/classifier.ts";
import { evaluate, parseLabelled } from "@/moderation-agent/analysis/evaluate.ts";
import { readExamples, SEED_FILE } from "@/moderation-agent/analysis/training-set.ts";

const DATA = path.resolve(import.meta.dirname, "../../moderation-agent/data");
const normalized = (t: string) => t.toLowerCase().replace(/\W+/g, " ").trim();

describe("the moderation agent on its held-out set", () => {
  const seed = readExamples(SEED_FILE);
  const heldout = parseLabelled(readFileSync(path.join(DATA, "heldout.jsonl"), "utf8"));

  it("never trains on a held-out line", () => {
    const trained = new Set(seed.map((e) => normalized(e.text)));
    expect(heldout.filter((l) => trained.has(normalized(l.text))).map((l) => l.text)).toEqual([]);
    expect(heldout.length).toBeGreaterThanOrEqual(150);
    expect(seed.length).toBeGreaterThanOrEqual(300);
  });

  it("flags abusive lines with precision and recall above the floors (written to metrics.json)", () => {
    const metrics = evaluate(heldout, trainClassifier(seed));
    const { mistakes, ...summary } = metrics;
    const report = {
      measured_by: "test/unit/moderation-agent-metrics.test.ts",
      heldout: "moderation-agent/data/heldout.jsonl",
      training_examples: seed.length,
      ...summary,
    };
    writeFileSync(path.join(DATA, "metrics.json"), `${JSON.stringify(report, null, 2)}\n`);
    console.log(
      `moderation agent, held-out set of ${metrics.examples}: precision ${metrics.flagged.precision}, recall ${metrics.flagged.recall}\n` +
        Object.entries(metrics.per_label)
          .map(
            ([label, m]) =>
              `  ${label}: ${m.examples} lines, ${m.judged_right} judged right, ${m.right_label} with the right label`,
          )
          .join("\n") +
        `\n  wrong:\n${mistakes.map((m) => `    [${m.label} → ${m.verdict} ${m.score}] ${m.text}`).join("\n")}`,
    );
    expect(metrics.flagged.precision).toBeGreaterThanOrEqual(0.85);
    expect(metrics.flagged.recall).toBeGreaterThanOrEqual(0.85);
    // Clean lines are almost never removed outright.
    expect(metrics.blocked.ok).toBeLessThanOrEqual(0.03);
  });
});
