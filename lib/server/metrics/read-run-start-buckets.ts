// The 10 s bucket a run began in holds data from both sides of START (an earlier run's, or back-dated samples).
// Only samples time-stamped inside the run may count, so that one bucket is rebuilt exactly from the raw
// samples at or after the run's start. This is the reader that keeps raw samples worth storing.
import { bucketStart, type Bucket } from "../../guardrails";
import type { BucketSeries } from "../../guardrails/watch";
import type { Tx } from "../db/client";

export async function withExactRunStartBucket(tx: Tx, releaseId: string, series: BucketSeries, runStartedAt: number, bucketMs: number): Promise<BucketSeries> {
  const start = bucketStart(runStartedAt, bucketMs);
  if (start === runStartedAt) return series; // the run began on a boundary: no bucket straddles it
  // Aggregated in the database: the bucket may hold tens of thousands of samples at high ingest rates.
  const rows = await tx.metricSample.groupBy({
    by: ["metric"],
    where: { releaseId, cohort: "canary", ts: { gte: new Date(runStartedAt), lt: new Date(start + bucketMs) } },
    _count: { _all: true },
    _sum: { value: true },
    _min: { value: true },
    _max: { value: true },
  });
  const exact = new Map<string, Bucket>();
  for (const r of rows) {
    exact.set(r.metric, { start, count: r._count._all, sum: r._sum.value ?? 0, min: r._min.value ?? 0, max: r._max.value ?? 0 });
  }
  const out: BucketSeries = new Map(series);
  for (const [key, list] of series) {
    const [metric, cohort] = key.split("|");
    if (cohort !== "canary") continue;
    const replaced = list.filter((b) => b.start !== start);
    const own = exact.get(metric);
    if (own) replaced.push(own);
    replaced.sort((a, b) => a.start - b.start);
    out.set(key, replaced);
  }
  return out;
}
