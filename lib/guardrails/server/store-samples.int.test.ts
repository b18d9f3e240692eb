// The ingest statements against real SQLite and PostgreSQL: whatever way a stream of samples is cut into batches
// and statements, the stored roll-ups equal the pure roll-up of all of them, and the run's partial bucket holds
// exactly the canary samples from START to the end of START's 10 s bucket (none for a draft, none from before).
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { BUCKET_SIZES_MS, bucketStart, RUN_START_BUCKET, rollUp, WAVE_START_BUCKET, type Sample } from "../core";
import { createDb, sqliteStatements } from "../../platform/db/client";
import { sqlDialect } from "../../platform/db/sql-dialect";
import { sampleStatements } from "./store-samples";
import { workerTargets } from "../../../tests/support/targets";

type StoredBucket = { metric: string; cohort: string; sizeMs: number; start: number; count: number; sum: number; min: number; max: number };

/** A seeded generator, so a failure can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function expected(samples: Sample[], startedAt: number | null): StoredBucket[] {
  const out: StoredBucket[] = [];
  for (const sizeMs of [BUCKET_SIZES_MS.fine, BUCKET_SIZES_MS.coarse]) {
    for (const [key, series] of rollUp(samples, sizeMs)) {
      const [metric, cohort] = key.split("|");
      for (const b of series.values()) out.push({ metric, cohort, sizeMs, ...b });
    }
  }
  if (startedAt !== null) {
    const end = bucketStart(startedAt, BUCKET_SIZES_MS.fine) + BUCKET_SIZES_MS.fine;
    const inRun = samples.filter((s) => s.cohort === "canary" && s.ts >= startedAt && s.ts < end);
    for (const [key, series] of rollUp(inRun, BUCKET_SIZES_MS.fine)) {
      for (const b of series.values()) out.push({ metric: key.split("|")[0], cohort: "canary", sizeMs: RUN_START_BUCKET, ...b, start: startedAt });
    }
  }
  return sortBuckets(out);
}

const sortBuckets = (list: StoredBucket[]) =>
  list.sort((a, b) => a.metric.localeCompare(b.metric) || a.cohort.localeCompare(b.cohort) || a.sizeMs - b.sizeMs || a.start - b.start);

describe.each(workerTargets())("ingest statements on $name", ({ databaseUrl }) => {
  const client = createDb(databaseUrl);
  const sql = sqlDialect(databaseUrl);
  afterAll(() => client.$disconnect());

  async function release(status: string, startedAt: number | null, waveStartedAt: number | null = null) {
    const id = `store-${randomUUID()}`;
    await client.release.create({
      data: {
        id, name: "n", service: "s", serviceVersion: "1", planJson: "{}", status, createdBy: "t",
        startedAt: startedAt === null ? null : new Date(startedAt),
        waveStartedAt: waveStartedAt === null ? null : new Date(waveStartedAt),
      },
    });
    return id;
  }

  async function stored(releaseId: string): Promise<StoredBucket[]> {
    const rows = await client.metricBucket.findMany({ where: { releaseId } });
    return sortBuckets(rows.map((r) => ({ metric: r.metric, cohort: r.cohort, sizeMs: r.sizeMs, start: r.start.getTime(), count: r.count, sum: r.sum, min: r.min, max: r.max })));
  }

  /** As group-commit.ts stores: one statement through the prepared runner on SQLite (or Prisma), else one transaction. */
  async function write(releaseId: string, samples: Sample[], maxParams?: number, via: "production" | "prisma" = "production") {
    const statements = sampleStatements(sql, releaseId, samples, maxParams);
    const prepared = via === "production" ? sqliteStatements(client) : null;
    if (statements.length === 1 && prepared) await prepared.run(statements[0].sql, statements[0].params);
    else if (statements.length === 1) await client.$executeRawUnsafe(statements[0].sql, ...statements[0].params);
    else await client.$transaction(async (tx) => {
      for (const s of statements) await tx.$executeRawUnsafe(s.sql, ...s.params);
    });
    return statements.length;
  }

  function stream(rnd: () => number, startedAt: number, n: number): Sample[] {
    const metrics = ["error_rate", "latency_p95_ms", "cpu"];
    // From 40 s before START to 40 s after, with some samples exactly at START and at its bucket's edges.
    const edges = [startedAt, startedAt - 1, bucketStart(startedAt, 10_000), bucketStart(startedAt, 10_000) + 9_999, bucketStart(startedAt, 10_000) + 10_000];
    return Array.from({ length: n }, (_, i) => ({
      metric: metrics[Math.floor(rnd() * metrics.length)],
      cohort: rnd() < 0.6 ? ("canary" as const) : ("baseline" as const),
      value: Math.round(rnd() * 1000) / 10,
      ts: i < edges.length * 3 ? edges[i % edges.length] : startedAt - 40_000 + Math.floor(rnd() * 80_000),
    }));
  }

  function compare(actual: StoredBucket[], want: StoredBucket[]) {
    expect(actual.map(({ sum, ...rest }) => rest)).toEqual(want.map(({ sum, ...rest }) => rest));
    for (const [i, a] of actual.entries()) expect(a.sum).toBeCloseTo(want[i].sum, 6);
  }

  it.each([
    { seed: 1, batches: 1, maxParams: undefined },
    { seed: 2, batches: 37, maxParams: undefined },
    { seed: 3, batches: 5, maxParams: 97 },
  ])("stores any cut of a stream as its exact roll-ups and run-start bucket (seed $seed, $batches batches, maxParams $maxParams)", async ({ seed, batches, maxParams }) => {
    const rnd = random(seed);
    const startedAt = bucketStart(Date.now(), 10_000) - 60_000 + 3_217; // not on a bucket boundary
    const id = await release("running", startedAt);
    const samples = stream(rnd, startedAt, 600);
    let statements = 0;
    for (let i = 0; i < batches; i++) {
      statements += await write(id, samples.slice(Math.floor((i * samples.length) / batches), Math.floor(((i + 1) * samples.length) / batches)), maxParams);
    }
    if (maxParams) expect(statements).toBeGreaterThan(batches); // the split path ran
    const want = expected(samples, startedAt);
    expect(want.some((b) => b.sizeMs === RUN_START_BUCKET)).toBe(true);
    compare(await stored(id), want);
  });

  it("writes no run-start bucket for a draft or a rolled-back release", async () => {
    const rnd = random(4);
    const startedAt = bucketStart(Date.now(), 10_000) - 20_000 + 1_500;
    for (const status of ["draft", "rolled_back"]) {
      const id = await release(status, status === "draft" ? null : startedAt);
      const samples = stream(rnd, startedAt, 200);
      await write(id, samples);
      compare(await stored(id), expected(samples, null));
    }
  });

  it("keys the partial bucket by START even when START falls on a bucket boundary", async () => {
    const startedAt = bucketStart(Date.now(), 10_000) - 30_000;
    const id = await release("paused", startedAt);
    const samples: Sample[] = [
      { metric: "error_rate", cohort: "canary", value: 1, ts: startedAt - 1 },
      { metric: "error_rate", cohort: "canary", value: 2, ts: startedAt },
      { metric: "error_rate", cohort: "canary", value: 3, ts: startedAt + 9_999 },
      { metric: "error_rate", cohort: "canary", value: 4, ts: startedAt + 10_000 },
    ];
    await write(id, samples);
    const partial = (await stored(id)).filter((b) => b.sizeMs === RUN_START_BUCKET);
    expect(partial).toEqual([{ metric: "error_rate", cohort: "canary", sizeMs: RUN_START_BUCKET, start: startedAt, count: 2, sum: 5, min: 2, max: 3 }]);
  });

  it("keys a partial bucket by the current wave's start, holding only samples from the promotion on", async () => {
    const startedAt = bucketStart(Date.now(), 10_000) - 60_000 + 1_000;
    const waveStartedAt = bucketStart(Date.now(), 10_000) - 20_000 + 4_000;
    const id = await release("running", startedAt, waveStartedAt);
    await write(id, [
      { metric: "error_rate", cohort: "canary", value: 1, ts: waveStartedAt - 1 },
      { metric: "error_rate", cohort: "canary", value: 2, ts: waveStartedAt },
      { metric: "error_rate", cohort: "canary", value: 3, ts: waveStartedAt + 5_999 },
      { metric: "error_rate", cohort: "canary", value: 4, ts: waveStartedAt + 6_000 },
      { metric: "error_rate", cohort: "baseline", value: 9, ts: waveStartedAt + 1 },
    ]);
    const partial = (await stored(id)).filter((b) => b.sizeMs === WAVE_START_BUCKET);
    expect(partial).toEqual([{ metric: "error_rate", cohort: "canary", sizeMs: WAVE_START_BUCKET, start: waveStartedAt, count: 2, sum: 5, min: 2, max: 3 }]);
  });

  it("stores the same roll-ups through Prisma's raw path as through the prepared path it uses in production", async () => {
    const startedAt = bucketStart(Date.now(), 10_000) - 50_000 + 777;
    const samples = stream(random(5), startedAt, 300);
    const viaProduction = await release("running", startedAt);
    const viaPrisma = await release("running", startedAt);
    for (let i = 0; i < 30; i++) {
      const batch = samples.slice(i * 10, i * 10 + 10);
      await write(viaProduction, batch);
      await write(viaPrisma, batch, undefined, "prisma");
    }
    compare(await stored(viaProduction), expected(samples, startedAt));
    compare(await stored(viaPrisma), expected(samples, startedAt));
  });

  it.runIf(databaseUrl.startsWith("file:"))("the prepared SQLite path waits for an open transaction and never joins it", async () => {
    const prepared = sqliteStatements(client);
    expect(prepared).not.toBeNull();
    const startedAt = bucketStart(Date.now(), 10_000) - 20_000;
    const id = await release("running", startedAt);
    const [statement] = sampleStatements(sql, id, [{ metric: "error_rate", cohort: "baseline", value: 1, ts: startedAt + 5 }]);
    let releaseTransaction!: () => void;
    const held = new Promise<void>((resolve) => (releaseTransaction = resolve));
    let wrote = false;
    const transaction = client.$transaction(async (tx) => {
      await tx.release.update({ where: { id }, data: { name: "inside" } });
      await held;
      throw new Error("roll back");
    });
    await new Promise((r) => setTimeout(r, 50));
    const write = prepared!.run(statement.sql, statement.params).then(() => (wrote = true));
    await new Promise((r) => setTimeout(r, 100));
    expect(wrote).toBe(false); // queued behind the transaction, not inside it
    releaseTransaction();
    await expect(transaction).rejects.toThrow("roll back");
    await write;
    // The transaction's rollback did not erase the sample, and its update is gone.
    expect((await stored(id)).map((b) => b.count)).toEqual([1, 1]);
    expect((await client.release.findUniqueOrThrow({ where: { id } })).name).toBe("n");
  });
});
