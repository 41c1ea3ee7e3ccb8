import { describe, expect, it } from "vitest";
import { createGroupCommit, type Settled } from "@/lib/db/group-commit.ts";
import { AppError } from "@/lib/http/app-error.ts";

/** A commit the test finishes by hand, recording each batch it was given. */
function manualCommit<I>() {
  const batches: I[][] = [];
  const finishers: Array<(outcomes: Settled<string>[] | Error) => void> = [];
  const commit = (batch: I[]) =>
    new Promise<Settled<string>[]>((resolve, reject) => {
      batches.push(batch);
      finishers.push((outcomes) => (outcomes instanceof Error ? reject(outcomes) : resolve(outcomes)));
    });
  const ok = (batch: I[]) => batch.map((item) => ({ ok: true as const, value: `done ${item}` }));
  return { batches, finishers, commit, ok };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 1000 && !check(); i++) await new Promise((r) => setImmediate(r));
  if (!check()) throw new Error("condition never held");
};

describe("group commit", () => {
  it("gathers what arrives while a batch commits into the next one, in order, one batch at a time", async () => {
    const m = manualCommit<number>();
    const gc = createGroupCommit({ commit: m.commit, maxBatch: 3 });
    const results = [1, 2].map((n) => gc.submit(n));
    await until(() => m.batches.length === 1);
    expect(m.batches[0]).toEqual([1, 2]);
    const later = [3, 4, 5, 6, 7].map((n) => gc.submit(n));
    expect(gc.waiting).toBe(5);
    await new Promise((r) => setImmediate(r));
    expect(m.batches).toHaveLength(1); // never two in flight
    m.finishers[0]!(m.ok(m.batches[0]!));
    expect(await Promise.all(results)).toEqual(["done 1", "done 2"]);
    await until(() => m.batches.length === 2);
    expect(m.batches[1]).toEqual([3, 4, 5]); // at most maxBatch
    m.finishers[1]!(m.ok(m.batches[1]!));
    await until(() => m.batches.length === 3);
    expect(m.batches[2]).toEqual([6, 7]);
    m.finishers[2]!(m.ok(m.batches[2]!));
    expect(await Promise.all(later)).toEqual(["done 3", "done 4", "done 5", "done 6", "done 7"]);
  });

  it("settles each item by itself; a failed commit fails only its own batch", async () => {
    const m = manualCommit<string>();
    const gc = createGroupCommit({ commit: m.commit });
    const first = [gc.submit("a"), gc.submit("b")];
    await until(() => m.batches.length === 1);
    const second = gc.submit("c");
    m.finishers[0]!([
      { ok: true, value: "fine" },
      { ok: false, error: new Error("b alone") },
    ]);
    expect(await first[0]).toBe("fine");
    await expect(first[1]).rejects.toThrow("b alone");
    await until(() => m.batches.length === 2);
    m.finishers[1]!(new Error("database away"));
    await expect(second).rejects.toThrow("database away");
    const third = gc.submit("d");
    await until(() => m.batches.length === 3);
    m.finishers[2]!(m.ok(["d"]));
    expect(await third).toBe("done d");
  });

  it("refuses past its capacity with overloaded (503), and takes items again once there is room", async () => {
    const m = manualCommit<number>();
    const gc = createGroupCommit({ commit: m.commit, capacity: 2 });
    const inFlight = gc.submit(0);
    await until(() => m.batches.length === 1);
    const waiting = [gc.submit(1), gc.submit(2)];
    const refused = await gc.submit(3).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({
      code: "overloaded",
      status: 503,
      message: "stu is overloaded; retry in a moment.",
    });
    m.finishers[0]!(m.ok([0]));
    await inFlight;
    await until(() => m.batches.length === 2);
    expect(gc.waiting).toBe(0);
    const again = gc.submit(4);
    m.finishers[1]!(m.ok([1, 2]));
    expect(await Promise.all(waiting)).toEqual(["done 1", "done 2"]);
    await until(() => m.batches.length === 3);
    m.finishers[2]!(m.ok([4]));
    expect(await again).toBe("done 4");
  });
});
