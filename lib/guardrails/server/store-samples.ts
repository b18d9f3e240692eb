// Writes a validated batch as roll-ups: 10 s and 60 s buckets per metric and cohort, plus, for a live run, the partial
// bucket of its first 10 s from START on (RUN_START_BUCKET), so guardrails count only samples time-stamped inside the
// run. Samples are not kept one by one: every reader (charts, guardrails, retention) works on these buckets.
//
// Hand-written SQL: this is the ingestion hot path. INSERT ... ON CONFLICT merges roll-ups atomically, so concurrent
// batches never race on a bucket. The run's START time is read by the same statement (a join on the Release row),
// so a START committed just before is seen, and a normal batch is ONE autocommitted statement: no interactive
// transaction, whose extra round trips through Prisma cost more than the write itself (measured: 1.2 ms of CPU for
// a transaction of two statements, 0.4 ms for one statement).
import "server-only";
import { BUCKET_SIZES_MS, bucketStart, RUN_START_BUCKET, rollUp, WAVE_START_BUCKET, type Sample } from "../core";
import type { SqlDialect } from "../../platform/db/sql-dialect";

export interface SampleStatement {
  sql: string;
  params: unknown[];
}

/** SQLite allows 32,766 bound parameters per statement; a batch larger than that is split (see storeSampleStatements). */
export const MAX_PARAMS_PER_STATEMENT = 30_000;

const SIZES = [BUCKET_SIZES_MS.fine, BUCKET_SIZES_MS.coarse];
const BUCKET_COLUMNS = ["releaseId", "metric", "cohort", "sizeMs", "start", "count", "sum", "min", "max"] as const;
const CANDIDATE_COLUMNS = ["metric", "ts", "bucket", "value", "weight"] as const;
const quoted = (cols: readonly string[]) => cols.map((c) => `"${c}"`).join(",");

/**
 * The statements that store one release's samples, in order: one, unless the batch needs more parameters than one
 * statement may bind (then the caller runs them in one transaction).
 */
export function sampleStatements(sql: SqlDialect, releaseId: string, samples: readonly Sample[], maxParams = MAX_PARAMS_PER_STATEMENT): SampleStatement[] {
  const buckets: unknown[][] = [];
  for (const sizeMs of SIZES) {
    for (const [key, series] of rollUp(samples, sizeMs)) {
      const [metric, cohort] = key.split("|");
      for (const b of series.values()) buckets.push([releaseId, metric, cohort, sizeMs, sql.timestamp(b.start), b.count, b.sum, b.min, b.max]);
    }
  }
  // One lock order for every batch (metric, cohort, size, start): concurrent upserts on PostgreSQL would otherwise
  // deadlock when two batches list the same buckets in different orders.
  buckets.sort((a, b) => cmp(a[1], b[1]) || cmp(a[2], b[2]) || (a[3] as number) - (b[3] as number) || cmp(a[4], b[4]));
  // Canary samples may belong to the run's partial bucket; which ones, only the Release row knows (see partialSelect).
  const candidates = samples
    .filter((s) => s.cohort === "canary")
    .map((s) => [s.metric, sql.timestamp(s.ts), sql.timestamp(bucketStart(s.ts, BUCKET_SIZES_MS.fine)), s.value, s.count ?? 1])
    .sort((a, b) => cmp(a[0], b[0]) || cmp(a[1], b[1]));

  const statements: SampleStatement[] = [];
  let b = 0;
  let c = 0;
  while (b < buckets.length || c < candidates.length) {
    let room = maxParams - 2; // one for the release id of each partial branch
    const takeBuckets = Math.min(buckets.length - b, Math.floor(room / BUCKET_COLUMNS.length));
    room -= takeBuckets * BUCKET_COLUMNS.length;
    const takeCandidates = Math.min(candidates.length - c, Math.floor(room / CANDIDATE_COLUMNS.length));
    if (takeBuckets + takeCandidates === 0) throw new RangeError(`maxParams ${maxParams} cannot hold one row`);
    statements.push(statement(sql, releaseId, buckets.slice(b, b + takeBuckets), candidates.slice(c, c + takeCandidates)));
    b += takeBuckets;
    c += takeCandidates;
  }
  return statements;
}

function statement(sql: SqlDialect, releaseId: string, buckets: unknown[][], candidates: unknown[][]): SampleStatement {
  const params: unknown[] = [];
  const next = (value: unknown, cast?: string) => {
    params.push(value);
    const placeholder = sql.param(params.length - 1);
    // PostgreSQL types untyped parameters in a VALUES list as text: say what each column is.
    return sql.kind === "postgres" && cast ? `${placeholder}::${cast}` : placeholder;
  };
  const bucketCasts = [undefined, undefined, undefined, "int", "timestamp(3)", "int", "float8", "float8", "float8"];
  const candidateCasts = [undefined, "timestamp(3)", "timestamp(3)", "float8", "float8"];
  const rowsOf = (rows: unknown[][], casts: (string | undefined)[]) => rows.map((row) => `(${row.map((v, i) => next(v, casts[i])).join(",")})`).join(",");

  const ctes: string[] = [];
  const branches: string[] = [];
  if (buckets.length > 0) {
    ctes.push(`"m"(${quoted(BUCKET_COLUMNS)}) AS (VALUES ${rowsOf(buckets, bucketCasts)})`);
    branches.push(`SELECT ${quoted(BUCKET_COLUMNS)} FROM "m"`);
  }
  if (candidates.length > 0) {
    ctes.push(`"s"(${quoted(CANDIDATE_COLUMNS)}) AS (VALUES ${rowsOf(candidates, candidateCasts)})`);
    // One parameter per use: SQLite's "?" placeholders are positional, so a placeholder cannot be referenced twice.
    branches.push(partialSelect(next(releaseId), RUN_START_BUCKET, "startedAt"), partialSelect(next(releaseId), WAVE_START_BUCKET, "waveStartedAt"));
  }
  return {
    sql: `WITH ${ctes.join(", ")}
     INSERT INTO "MetricBucket" (${quoted(BUCKET_COLUMNS)})
     SELECT * FROM (${branches.join(" UNION ALL ")}) AS "u" WHERE true
     ON CONFLICT ("releaseId","metric","cohort","sizeMs","start") DO UPDATE SET
       "count" = "MetricBucket"."count" + excluded."count",
       "sum" = "MetricBucket"."sum" + excluded."sum",
       "min" = CASE WHEN excluded."min" < "MetricBucket"."min" THEN excluded."min" ELSE "MetricBucket"."min" END,
       "max" = CASE WHEN excluded."max" > "MetricBucket"."max" THEN excluded."max" ELSE "MetricBucket"."max" END`,
    params,
  };
}

/**
 * A partial bucket keyed by an exact moment of the Release row (the run's START, or the current wave's start): the
 * canary samples with moment <= ts whose 10 s bucket is the moment's (bucket(ts) <= moment is the same as ts < end of
 * the moment's bucket, given ts >= moment), weighted by their `count` like the other buckets. Only for a live run. Timestamps compare as values on PostgreSQL and as
 * text of one fixed format on SQLite (sql-dialect.ts).
 */
function partialSelect(releaseIdParam: string, marker: number, moment: "startedAt" | "waveStartedAt"): string {
  return `SELECT "r"."id", "s"."metric", 'canary', ${marker}, "r"."${moment}", SUM("s"."weight"), SUM("s"."value" * "s"."weight"), MIN("s"."value"), MAX("s"."value")
    FROM "s" CROSS JOIN "Release" AS "r"
    WHERE "r"."id" = ${releaseIdParam} AND "r"."status" IN ('running','paused') AND "r"."${moment}" IS NOT NULL
      AND "s"."ts" >= "r"."${moment}" AND "s"."bucket" <= "r"."${moment}"
    GROUP BY "r"."id", "s"."metric", "r"."${moment}"`;
}

function cmp(a: unknown, b: unknown): number {
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}
