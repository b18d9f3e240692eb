// Reads rolled-up buckets of a release as series keyed `${metric}|${cohort}`, for evaluation and charts.
import "server-only";
import type { Bucket } from "../core";
import type { BucketSeries } from "../core/rollup";
import type { Tx } from "../../platform/db/client";

export async function readBuckets(client: Tx, releaseId: string, sizeMs: number, sinceMs: number, untilMs?: number): Promise<BucketSeries> {
  const rows = await client.metricBucket.findMany({
    where: { releaseId, sizeMs, start: { gte: new Date(sinceMs), ...(untilMs ? { lte: new Date(untilMs) } : {}) } },
    orderBy: { start: "asc" },
  });
  const series: BucketSeries = new Map();
  for (const r of rows) {
    const key = `${r.metric}|${r.cohort}`;
    let list = series.get(key);
    if (!list) series.set(key, (list = []));
    list.push({ start: r.start.getTime(), count: r.count, sum: r.sum, min: r.min, max: r.max } satisfies Bucket);
  }
  return series;
}
