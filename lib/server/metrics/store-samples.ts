// Writes a validated batch: raw samples plus their 10 s and 60 s roll-ups, inside the caller's transaction.
// Plain multi-row SQL: this is the ingestion hot path (Prisma's createMany costs ~10x more per row here), and
// INSERT ... ON CONFLICT merges roll-ups atomically, so concurrent batches never race on a bucket.
import { BUCKET_SIZES_MS, rollUp, type Sample } from "../../guardrails";
import type { Tx } from "../db/client";
import { sqlDialect, type SqlDialect } from "../db/sql-dialect";

const SIZES = [BUCKET_SIZES_MS.fine, BUCKET_SIZES_MS.coarse];
// SQLite allows 32,766 bound parameters per statement: 5 per sample, 9 per bucket.
const SAMPLE_CHUNK = 2000;
const BUCKET_CHUNK = 1000;

export async function storeSamples(tx: Tx, releaseId: string, samples: Sample[]): Promise<void> {
  const sql = sqlDialect();
  for (let i = 0; i < samples.length; i += SAMPLE_CHUNK) await insertSamples(tx, sql, releaseId, samples.slice(i, i + SAMPLE_CHUNK));
  const buckets: unknown[][] = [];
  for (const sizeMs of SIZES) {
    for (const [key, series] of rollUp(samples, sizeMs)) {
      const [metric, cohort] = key.split("|");
      for (const b of series.values()) buckets.push([releaseId, metric, cohort, sizeMs, sql.timestamp(b.start), b.count, b.sum, b.min, b.max]);
    }
  }
  for (let i = 0; i < buckets.length; i += BUCKET_CHUNK) await mergeBuckets(tx, sql, buckets.slice(i, i + BUCKET_CHUNK));
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

async function insertSamples(tx: Tx, sql: SqlDialect, releaseId: string, chunk: Sample[]) {
  const params: unknown[] = [];
  for (const s of chunk) params.push(releaseId, s.metric, s.cohort, s.value, sql.timestamp(s.ts));
  await tx.$executeRawUnsafe(
    `INSERT INTO "MetricSample" ("releaseId","metric","cohort","value","ts") VALUES ${rows(sql, chunk.length, 5, 4)}`,
    ...params,
  );
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
