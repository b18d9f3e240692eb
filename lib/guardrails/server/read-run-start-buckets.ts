// The 10 s bucket a run began in holds data from both sides of START (an earlier run's, or back-dated samples).
// Only samples time-stamped inside the run may count, so that one bucket is replaced by the run's partial bucket:
// the same samples from START on, rolled up at ingest (see store-samples.ts).
import "server-only";
import { bucketStart, RUN_START_BUCKET, type Bucket } from "../core";
import type { BucketSeries } from "../core/rollup";
import type { Tx } from "../../platform/db/client";

export async function withExactRunStartBucket(tx: Tx, releaseId: string, series: BucketSeries, runStartedAt: number, bucketMs: number): Promise<BucketSeries> {
  const start = bucketStart(runStartedAt, bucketMs);
  if (start === runStartedAt) return series; // the run began on a boundary: no bucket straddles it
  // Rolled up at ingest into the run's partial bucket (RUN_START_BUCKET, keyed by the exact START time).
  const rows = await tx.metricBucket.findMany({
    where: { releaseId, cohort: "canary", sizeMs: RUN_START_BUCKET, start: new Date(runStartedAt) },
    select: { metric: true, count: true, sum: true, min: true, max: true },
  });
  const exact = new Map<string, Bucket>();
  for (const r of rows) exact.set(r.metric, { start, count: r.count, sum: r.sum, min: r.min, max: r.max });
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
