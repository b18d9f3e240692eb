// Writes a validated batch: raw samples plus their 10 s and 60 s roll-ups, inside the caller's transaction.
// Hand-written SQL: this is the ingestion hot path (Prisma's createMany cost ~10x more per row here), and
// INSERT ... ON CONFLICT merges roll-ups atomically, so concurrent batches never race on a bucket.
import { BUCKET_SIZES_MS, RUN_START_BUCKET, rollUp, type Sample } from "../../guardrails";
import { samplesInRunStartBucket } from "./run-start-samples";
import type { Tx } from "../db/client";
import { sqlDialect, type SqlDialect } from "../db/sql-dialect";

const SIZES = [BUCKET_SIZES_MS.fine, BUCKET_SIZES_MS.coarse];
// SQLite allows 32,766 bound parameters per statement (9 per bucket).
const BUCKET_CHUNK = 1000;

/**
 * Roll-ups only: 10 s and 60 s buckets per metric and cohort, plus, for a live run, the partial bucket of its first
 * 10 s from START on (RUN_START_BUCKET), so guardrails can count only samples time-stamped inside the run. Samples
 * are not kept one by one: every reader (charts, guardrails, retention) works on these.
 */
export async function storeSamples(tx: Tx, releaseId: string, samples: Sample[], runStartedAt: number | null = null): Promise<void> {
  const sql = sqlDialect();
  const buckets: unknown[][] = [];
  for (const sizeMs of SIZES) {
    for (const [key, series] of rollUp(samples, sizeMs)) {
      const [metric, cohort] = key.split("|");
      for (const b of series.values()) buckets.push([releaseId, metric, cohort, sizeMs, sql.timestamp(b.start), b.count, b.sum, b.min, b.max]);
    }
  }
  if (runStartedAt !== null) {
    for (const [key, series] of rollUp(samplesInRunStartBucket(samples, runStartedAt), BUCKET_SIZES_MS.fine)) {
      const [metric, cohort] = key.split("|");
      for (const b of series.values()) buckets.push([releaseId, metric, cohort, RUN_START_BUCKET, sql.timestamp(runStartedAt), b.count, b.sum, b.min, b.max]);
    }
  }
  // One lock order for every batch (metric, cohort, size, start): concurrent upserts on PostgreSQL would
  // otherwise deadlock when two batches list the same buckets in different orders.
  buckets.sort((a, b) => cmp(a[1], b[1]) || cmp(a[2], b[2]) || (a[3] as number) - (b[3] as number) || cmp(a[4], b[4]));
  for (let i = 0; i < buckets.length; i += BUCKET_CHUNK) await mergeBuckets(tx, sql, buckets.slice(i, i + BUCKET_CHUNK));
}

function cmp(a: unknown, b: unknown): number {
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

function rows(sql: SqlDialect, count: number, width: number, timestampColumn: number): string {
  const out: string[] = [];
  for (let r = 0; r < count; r++) {
    const cells: string[] = [];
    for (let c = 0; c < width; c++) cells.push(sql.param(r * width + c, c === timestampColumn ? "timestamp" : undefined));
    out.push(`(${cells.join(",")})`);
  }
  return out.join(",");
}

async function mergeBuckets(tx: Tx, sql: SqlDialect, chunk: unknown[][]) {
  await tx.$executeRawUnsafe(
    `INSERT INTO "MetricBucket" ("releaseId","metric","cohort","sizeMs","start","count","sum","min","max")
     VALUES ${rows(sql, chunk.length, 9, 4)}
     ON CONFLICT ("releaseId","metric","cohort","sizeMs","start") DO UPDATE SET
       "count" = "MetricBucket"."count" + excluded."count",
       "sum" = "MetricBucket"."sum" + excluded."sum",
       "min" = CASE WHEN excluded."min" < "MetricBucket"."min" THEN excluded."min" ELSE "MetricBucket"."min" END,
       "max" = CASE WHEN excluded."max" > "MetricBucket"."max" THEN excluded."max" ELSE "MetricBucket"."max" END`,
    ...chunk.flat(),
  );
}
