// The import pool's bounds, on real worker threads: a document is read as the importer reads it inline; a document
// past the time limit ends its thread and answers 422 import_too_slow (the next document gets a fresh thread); a full
// queue answers 503 import_busy at once.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { importMarkdownPlan } from "../import/import-plan";
import { createImportPool, type ImportPool } from "./import-pool";
import type { ImportOutcome } from "./run-import";
import type { ImportResult } from "../import/types";

const reference = readFileSync(path.join(import.meta.dirname, "../import/fixtures/rollout-plan-batch-patches.md"), "utf8");
// ~0.8 MB: hundreds of milliseconds of parsing on a quiet machine, far past the 5 ms limits below (a limit the
// document could meet would make these tests depend on the machine's speed).
const heavy = reference.repeat(60);
let pool: ImportPool | null = null;
afterEach(async () => {
  await pool?.stop();
  pool = null;
});

const codeOf = async (p: Promise<ImportOutcome>) => {
  const outcome = await p;
  return outcome.ok ? "ok" : `${outcome.error.status} ${outcome.error.code}`;
};
const resultOf = async (p: Promise<ImportOutcome>) => {
  const outcome = await p;
  if (!outcome.ok) throw new Error(`refused: ${JSON.stringify(outcome.error)}`);
  return JSON.parse(new TextDecoder().decode(outcome.json)) as ImportResult;
};

describe("the import pool", () => {
  it("reads a document in a worker thread, with the same result as inline", async () => {
    pool = createImportPool({ workers: 1, queue: 1, timeoutMs: 120_000 });
    const result = await resultOf(pool.run({ markdown: reference }));
    expect(result).toEqual(JSON.parse(JSON.stringify(importMarkdownPlan(reference))));
    expect((result.plan.waves as { trafficPercent: number }[]).map((w) => w.trafficPercent)).toEqual([10, 25, 50, 100]);
    // The thread stays for the next document.
    expect(await resultOf(pool.run({ markdown: reference }))).toEqual(result);
    expect(pool.stats).toMatchObject({ done: 2, timedOut: 0 });
  }, 120_000);

  it("ends a document past its time limit with 422 import_too_slow, naming the limit and its variable", async () => {
    pool = createImportPool({ workers: 1, queue: 1, timeoutMs: 5 });
    const slow = await pool.run({ markdown: heavy });
    const error = slow.ok ? null : slow.error;
    expect(error).toMatchObject({ status: 422, code: "import_too_slow", details: { timeoutMs: 5 } });
    expect(error?.message).toContain("IMPORT_TIMEOUT_MS");
    expect(pool.stats.timedOut).toBe(1);
  }, 120_000);

  it("refuses a document when every worker is busy and the queue is full: 503 import_busy with a retry time", async () => {
    pool = createImportPool({ workers: 1, queue: 1, timeoutMs: 5 });
    const [a, b, c] = [pool.run({ markdown: heavy }), pool.run({ markdown: heavy }), pool.run({ markdown: heavy })].map(codeOf);
    expect(await c).toBe("503 import_busy");
    // The first ends at its limit; the queued one then runs on a fresh thread (and ends at its limit too).
    expect(await a).toBe("422 import_too_slow");
    expect(await b).toBe("422 import_too_slow");
    expect(pool.stats).toMatchObject({ refusedBusy: 1, timedOut: 2 });
  }, 120_000);
});
