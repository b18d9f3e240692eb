// Writes a validated batch: raw samples plus their 10 s and 60 s roll-ups, inside the caller's transaction.
// Hand-written SQL: this is the ingestion hot path (Prisma's createMany cost ~10x more per row here), and
// INSERT ... ON CONFLICT merges roll-ups atomically, so concurrent batches never race on a bucket.
import { BUCKET_SIZES_MS, rollUp, type Sample } from "../../guardrails";
import type { Tx } from "../db/client";
import { sqlDialect, type SqlDialect } from "../db/sql-dialect";

const SIZES = [BUCKET_SIZES_MS.fine, BUCKET_SIZES_MS.coarse];
// SQLite allows 32,766 bound parameters per statement (9 per bucket); samples go as one JSON/array parameter.
const SAMPLE_CHUNK = 5000;
const BUCKET_CHUNK = 1000;

/**
 * `raw` are the samples also kept one by one: only those the roll-ups cannot answer exactly (canary samples in the
 * 10 s bucket a run began in, which holds data from both sides of START; see read-run-start-buckets.ts). Every
 * other reader (charts, guardrails, retention) works on the roll-ups, so the raw table stays small.
 */
export async function storeSamples(tx: Tx, releaseId: string, samples: Sample[], raw: Sample[] = samples): Promise<void> {
  const sql = sqlDialect();
  for (let i = 0; i < raw.length; i += SAMPLE_CHUNK) await insertSamples(tx, sql, releaseId, raw.slice(i, i + SAMPLE_CHUNK));
  const buckets: unknown[][] = [];
  for (const sizeMs of SIZES) {
    for (const [key, series] of rollUp(samples, sizeMs)) {
      const [metric, cohort] = key.split("|");
      for (const b of series.values()) buckets.push([releaseId, metric, cohort, sizeMs, sql.timestamp(b.start), b.count, b.sum, b.min, b.max]);
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

/** The whole chunk travels as one parameter (JSON for SQLite, arrays for PostgreSQL): binding five parameters
 * per row was the largest remaining cost per batch. */
async function insertSamples(tx: Tx, sql: SqlDialect, releaseId: string, chunk: Sample[]) {
  if (sql.kind === "sqlite") {
    await tx.$executeRawUnsafe(
      `INSERT INTO "MetricSample" ("releaseId","metric","cohort","value","ts")
       SELECT ?, j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3 FROM json_each(?) AS j`,
      releaseId,
      JSON.stringify(chunk.map((s) => [s.metric, s.cohort, s.value, sql.timestamp(s.ts)])),
    );
    return;
  }
  await tx.$executeRawUnsafe(
    `INSERT INTO "MetricSample" ("releaseId","metric","cohort","value","ts")
     SELECT $1, u.m, u.c, u.v, u.t FROM unnest($2::text[], $3::text[], $4::float8[], $5::timestamp(3)[]) AS u(m, c, v, t)`,
    releaseId,
    chunk.map((s) => s.metric),
    chunk.map((s) => s.cohort),
    chunk.map((s) => s.value),
    chunk.map((s) => sql.timestamp(s.ts)),
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
