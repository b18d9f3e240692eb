// The 10 s bucket a run began in holds data from both sides of START (an earlier run's, or back-dated samples).
// Only samples time-stamped inside the run may count, so that one bucket is rebuilt exactly from the raw
// samples at or after the run's start. This is the reader that keeps raw samples worth storing.
import { bucketStart, type Bucket } from "../../guardrails";
import type { BucketSeries } from "../../guardrails/watch";
import type { Tx } from "../db/client";

export async function withExactRunStartBucket(tx: Tx, releaseId: string, series: BucketSeries, runStartedAt: number, bucketMs: number): Promise<BucketSeries> {
  const start = bucketStart(runStartedAt, bucketMs);
  if (start === runStartedAt) return series; // the run began on a boundary: no bucket straddles it
  const rows = await tx.metricSample.findMany({
    where: { releaseId, cohort: "canary", ts: { gte: new Date(runStartedAt), lt: new Date(start + bucketMs) } },
    select: { metric: true, value: true },
  });
  const exact = new Map<string, Bucket>();
  for (const r of rows) {
    const b = exact.get(r.metric);
    if (!b) exact.set(r.metric, { start, count: 1, sum: r.value, min: r.value, max: r.value });
    else {
      b.count++;
      b.sum += r.value;
      b.min = Math.min(b.min, r.value);
      b.max = Math.max(b.max, r.value);
    }
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
