// Writes a validated batch: raw samples plus their 10 s and 60 s roll-ups, inside the caller's transaction.
import { BUCKET_SIZES_MS, rollUp, type Bucket, type Sample } from "../../guardrails";
import type { Tx } from "../db/client";

const SIZES = [BUCKET_SIZES_MS.fine, BUCKET_SIZES_MS.coarse];
// SQLite caps bound parameters per statement; 6 columns x 2000 rows stays well inside it.
const INSERT_CHUNK = 2000;

export async function storeSamples(tx: Tx, releaseId: string, samples: Sample[]): Promise<void> {
  for (let i = 0; i < samples.length; i += INSERT_CHUNK) {
    await tx.metricSample.createMany({
      data: samples.slice(i, i + INSERT_CHUNK).map((s) => ({
        releaseId,
        metric: s.metric,
        cohort: s.cohort,
        value: s.value,
        ts: new Date(s.ts),
      })),
    });
  }
  for (const sizeMs of SIZES) await mergeBuckets(tx, releaseId, sizeMs, rollUp(samples, sizeMs));
}

async function mergeBuckets(tx: Tx, releaseId: string, sizeMs: number, rolled: Map<string, Map<number, Bucket>>) {
  let min = Infinity;
  let max = -Infinity;
  for (const series of rolled.values()) {
    for (const start of series.keys()) {
      if (start < min) min = start;
      if (start > max) max = start;
    }
  }
  if (min === Infinity) return;
  const existing = await tx.metricBucket.findMany({
    where: { releaseId, sizeMs, start: { gte: new Date(min), lte: new Date(max) } },
  });
  const byKey = new Map(existing.map((b) => [`${b.metric}|${b.cohort}|${b.start.getTime()}`, b]));
  const creates = [];
  for (const [key, series] of rolled) {
    const [metric, cohort] = key.split("|");
    for (const bucket of series.values()) {
      const old = byKey.get(`${metric}|${cohort}|${bucket.start}`);
      if (!old) {
        creates.push({ releaseId, metric, cohort, sizeMs, start: new Date(bucket.start), ...counts(bucket) });
        continue;
      }
      await tx.metricBucket.update({
        where: { releaseId_metric_cohort_sizeMs_start: { releaseId, metric, cohort, sizeMs, start: old.start } },
        data: {
          count: old.count + bucket.count,
          sum: old.sum + bucket.sum,
          min: Math.min(old.min, bucket.min),
          max: Math.max(old.max, bucket.max),
        },
      });
    }
  }
  if (creates.length) await tx.metricBucket.createMany({ data: creates });
}

function counts(b: Bucket) {
  return { count: b.count, sum: b.sum, min: b.min, max: b.max };
}
