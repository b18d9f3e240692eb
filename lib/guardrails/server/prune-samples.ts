// Retention: raw samples, 10 s buckets and Prometheus measurements older than METRICS_RETENTION_HOURS go; 60 s buckets
// stay 30 days. A measurement's evidence that acted is copied into its audit event, so the log keeps it.
import "server-only";
import { BUCKET_SIZES_MS, RUN_START_BUCKET, WAVE_START_BUCKET } from "../core";
import { db, type Db } from "../../platform/db/client";

const COARSE_RETENTION_DAYS = 30;

export async function pruneSamples(retentionHours: number, now = Date.now(), client: Db = db()) {
  const cutoff = new Date(now - retentionHours * 3_600_000);
  const [samples, fine, coarse, measurements] = await Promise.all([
    client.metricSample.deleteMany({ where: { ts: { lt: cutoff } } }),
    client.metricBucket.deleteMany({ where: { sizeMs: { in: [BUCKET_SIZES_MS.fine, RUN_START_BUCKET, WAVE_START_BUCKET] }, start: { lt: cutoff } } }),
    client.metricBucket.deleteMany({
      where: { sizeMs: BUCKET_SIZES_MS.coarse, start: { lt: new Date(now - COARSE_RETENTION_DAYS * 86_400_000) } },
    }),
    client.guardrailMeasurement.deleteMany({ where: { scheduledAt: { lt: cutoff } } }),
  ]);
  return { samples: samples.count, fineBuckets: fine.count, coarseBuckets: coarse.count, measurements: measurements.count };
}
