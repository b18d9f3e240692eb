// Tests for bucketing samples by metric, cohort and time.
import { describe, it, expect } from "vitest";
import { BUCKET_SIZES_MS, bucketStart, coarsen, mergeBucket, mergeRolledUp, rollUp, seriesBuckets, seriesKey, type Bucket } from "./rollup";
import type { Sample } from "./samples";
import { pick, prng } from "./test-prng";

const T0 = 1_800_000_000_000;

describe("bucketStart", () => {
  it("floors to the bucket size, with the boundary belonging to the later bucket", () => {
    expect(bucketStart(T0, 10_000)).toBe(T0);
    expect(bucketStart(T0 + 9_999, 10_000)).toBe(T0);
    expect(bucketStart(T0 + 10_000, 10_000)).toBe(T0 + 10_000);
    expect(bucketStart(T0 + 59_999, BUCKET_SIZES_MS.coarse)).toBe(T0);
  });
  it("floors negative timestamps downward too", () => {
    expect(bucketStart(-1, 10_000)).toBe(-10_000);
  });
});

describe("rollUp", () => {
  const samples: Sample[] = [
    { metric: "error_rate", value: 0.1, ts: T0 + 1_000, cohort: "canary" },
    { metric: "error_rate", value: 0.3, ts: T0 + 9_999, cohort: "canary" },
    { metric: "error_rate", value: 0.2, ts: T0 + 10_000, cohort: "canary" },
    { metric: "error_rate", value: 0.05, ts: T0 + 2_000, cohort: "baseline" },
    { metric: "memory_mb", value: 512, ts: T0 + 3_000, cohort: "canary" },
  ];

  it("groups by metric and cohort, then by bucket start, with count/sum/min/max", () => {
    const r = rollUp(samples, 10_000);
    expect([...r.keys()].sort()).toEqual(["error_rate|baseline", "error_rate|canary", "memory_mb|canary"]);
    const canary = r.get(seriesKey("error_rate", "canary"))!;
    expect(canary.get(T0)).toEqual({ start: T0, count: 2, sum: 0.4, min: 0.1, max: 0.3 });
    expect(canary.get(T0 + 10_000)).toEqual({ start: T0 + 10_000, count: 1, sum: 0.2, min: 0.2, max: 0.2 });
    expect(r.get("error_rate|baseline")!.get(T0)).toEqual({ start: T0, count: 1, sum: 0.05, min: 0.05, max: 0.05 });
    expect(r.get("memory_mb|canary")!.size).toBe(1);
  });

  it("returns an empty map for no samples and rejects a bad bucket size", () => {
    expect(rollUp([], 10_000).size).toBe(0);
    expect(() => rollUp(samples, 0)).toThrow(RangeError);
    expect(() => rollUp(samples, NaN)).toThrow(RangeError);
  });

  it("agrees with a naive computation on 10,000 random samples", () => {
    const rand = prng(7);
    const metrics = ["error_rate", "latency_p95_ms", "memory_mb"];
    const many: Sample[] = Array.from({ length: 10_000 }, () => ({
      metric: pick(rand, metrics),
      value: Math.round(rand() * 1000),
      ts: T0 + Math.floor(rand() * 3_600_000),
      cohort: rand() < 0.5 ? "canary" : "baseline",
    }));
    const r = rollUp(many, 10_000);
    const naive = new Map<string, Bucket>();
    for (const s of many) {
      const key = `${s.metric}|${s.cohort}|${bucketStart(s.ts, 10_000)}`;
      const b = naive.get(key);
      naive.set(key, b ? mergeBucket(b, { start: b.start, count: 1, sum: s.value, min: s.value, max: s.value }) : { start: bucketStart(s.ts, 10_000), count: 1, sum: s.value, min: s.value, max: s.value });
    }
    let buckets = 0;
    for (const [series, byStart] of r) {
      for (const [start, b] of byStart) {
        buckets++;
        expect(b).toEqual(naive.get(`${series}|${start}`));
      }
    }
    expect(buckets).toBe(naive.size);
  });
});

describe("mergeBucket / mergeRolledUp / coarsen / seriesBuckets", () => {
  const a: Bucket = { start: T0, count: 2, sum: 3, min: 1, max: 2 };
  const b: Bucket = { start: T0, count: 1, sum: 7, min: 7, max: 7 };

  it("merges summaries without mutating the inputs", () => {
    expect(mergeBucket(a, b)).toEqual({ start: T0, count: 3, sum: 10, min: 1, max: 7 });
    expect(a).toEqual({ start: T0, count: 2, sum: 3, min: 1, max: 2 });
  });

  it("treats an empty bucket as the identity", () => {
    const empty: Bucket = { start: T0, count: 0, sum: 0, min: Infinity, max: -Infinity };
    expect(mergeBucket(empty, b)).toEqual(b);
  });

  it("folds a new batch into stored buckets, merging late samples into their bucket", () => {
    const stored = rollUp([{ metric: "error_rate", value: 0.1, ts: T0, cohort: "canary" }], 10_000);
    const batch = rollUp(
      [
        { metric: "error_rate", value: 0.3, ts: T0 + 5, cohort: "canary" },
        { metric: "error_rate", value: 0.2, ts: T0 + 20_000, cohort: "canary" },
        { metric: "cpu_percent", value: 40, ts: T0, cohort: "baseline" },
      ],
      10_000,
    );
    const batchBefore = JSON.stringify([...batch.get("error_rate|canary")!.values()]);
    mergeRolledUp(stored, batch);
    expect(stored.get("error_rate|canary")!.get(T0)).toEqual({ start: T0, count: 2, sum: 0.4, min: 0.1, max: 0.3 });
    expect(stored.get("error_rate|canary")!.size).toBe(2);
    expect(stored.get("cpu_percent|baseline")!.get(T0)!.sum).toBe(40);
    expect(JSON.stringify([...batch.get("error_rate|canary")!.values()])).toBe(batchBefore);
  });

  it("returns a series' buckets in time order, and none for an unknown series", () => {
    const r = rollUp(
      [30_000, 10_000, 20_000].map((dt) => ({ metric: "error_rate", value: dt / 1e6, ts: T0 + dt, cohort: "canary" as const })),
      10_000,
    );
    expect(seriesBuckets(r, "error_rate", "canary").map((x) => x.start)).toEqual([T0 + 10_000, T0 + 20_000, T0 + 30_000]);
    expect(seriesBuckets(r, "error_rate", "baseline")).toEqual([]);
  });

  it("coarsens 10 s buckets into 60 s buckets", () => {
    const fine: Bucket[] = Array.from({ length: 12 }, (_, i) => ({ start: T0 + i * 10_000, count: 1, sum: i, min: i, max: i }));
    const coarse = coarsen(fine, BUCKET_SIZES_MS.coarse);
    expect(coarse).toEqual([
      { start: T0, count: 6, sum: 15, min: 0, max: 5 },
      { start: T0 + 60_000, count: 6, sum: 51, min: 6, max: 11 },
    ]);
  });
});

describe("rollUp weights by count", () => {
  it("a sample summarizing n requests weighs n: the bucket's mean is the mean over requests", () => {
    const rolled = rollUp(
      [
        { metric: "error_rate", value: 0.1, ts: 1000, cohort: "canary", count: 300 },
        { metric: "error_rate", value: 0.4, ts: 2000, cohort: "canary", count: 100 },
        { metric: "error_rate", value: 0.2, ts: 3000, cohort: "canary" },
      ],
      10_000,
    );
    const b = rolled.get("error_rate|canary")!.get(0)!;
    expect(b.count).toBe(401);
    expect(b.sum).toBeCloseTo(30 + 40 + 0.2, 9);
    expect([b.min, b.max]).toEqual([0.1, 0.4]);
  });
});
