// The canary samples inside the 10 s bucket a live run began in, from START on: the only bucket the roll-ups cannot
// answer exactly (it mixes data from before and after START). Run starts are read in the ingest transaction, so a
// START committed just before is seen.
import { BUCKET_SIZES_MS, bucketStart, type Sample } from "../../guardrails";
import type { Tx } from "../db/client";
import { sqlDialect } from "../db/sql-dialect";

const LIVE = new Set(["running", "paused"]);

/** When each live release's current run began (releases without a live run are absent). */
export async function runStartsOf(tx: Tx, releaseIds: string[]): Promise<Map<string, number>> {
  const sql = sqlDialect();
  // PostgreSQL's timestamp(3) holds UTC wall time, turned into epoch ms in SQL so no driver's time-zone handling is
  // involved; SQLite's adapter returns the stored DateTime as a Date.
  const started = sql.kind === "postgres" ? `(EXTRACT(EPOCH FROM "startedAt") * 1000)::float8` : `"startedAt"`;
  const rows = await tx.$queryRawUnsafe<{ id: string; status: string; started: Date | string | number | null }[]>(
    `SELECT "id", "status", ${started} AS "started" FROM "Release" WHERE "id" IN (${releaseIds.map((_, i) => sql.param(i)).join(",")})`,
    ...releaseIds,
  );
  const out = new Map<string, number>();
  for (const r of rows) {
    if (!LIVE.has(r.status) || r.started === null) continue;
    // The SQLite adapter hands back a Date; PostgreSQL the epoch number computed above. Never via String(Date),
    // which drops the milliseconds the partial bucket is keyed by.
    const ms = r.started instanceof Date ? r.started.getTime() : typeof r.started === "number" ? r.started : Date.parse(r.started);
    if (Number.isFinite(ms)) out.set(r.id, ms);
  }
  return out;
}

/** The canary samples from START to the end of the 10 s bucket START fell in. */
export function samplesInRunStartBucket(samples: readonly Sample[], runStartedAt: number): Sample[] {
  const end = bucketStart(runStartedAt, BUCKET_SIZES_MS.fine) + BUCKET_SIZES_MS.fine;
  return samples.filter((s) => s.cohort === "canary" && s.ts >= runStartedAt && s.ts < end);
}
