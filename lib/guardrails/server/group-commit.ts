// Group commit for ingestion: batches that arrive while a write is in flight are stored together in the next flush
// (the samples of one release merged into one roll-up statement), so a stream of small batches costs one statement
// per release and flush instead of one per request. Nothing waits on a timer: the first batch after a quiet spell
// is written at once. Each caller learns whether its own samples were stored.
import "server-only";
import type { Sample } from "../core";
import { db, sqliteStatements } from "../../platform/db/client";
import { sqlDialect } from "../../platform/db/sql-dialect";
import { withConflictRetry } from "../../platform/db/with-conflict-retry";
import { sampleStatements } from "./store-samples";

interface Pending {
  releaseId: string;
  samples: Sample[];
  done: (error?: unknown) => void;
}

/** Upper bound on samples in one flush, so one flush never holds the SQLite queue for long. */
const MAX_SAMPLES_PER_FLUSH = 20_000;

const holder = globalThis as unknown as { __tidegateIngestQueue?: { pending: Pending[]; flushing: boolean } };
const queue = () => (holder.__tidegateIngestQueue ??= { pending: [], flushing: false });

export function storeSamplesGrouped(releaseId: string, samples: Sample[]): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const q = queue();
    q.pending.push({ releaseId, samples, done: (error) => (error ? reject(error) : resolve()) });
    if (!q.flushing) void flush();
  });
}

function takeFlush(q: { pending: Pending[] }): Pending[] {
  let total = 0;
  let n = 0;
  while (n < q.pending.length && (n === 0 || total + q.pending[n].samples.length <= MAX_SAMPLES_PER_FLUSH)) {
    total += q.pending[n].samples.length;
    n++;
  }
  return q.pending.splice(0, n);
}

/**
 * Stores one release's samples: one autocommitted statement, or, for a batch too large for one statement, all of
 * them in one transaction. Either way the samples are stored whole or not at all.
 */
async function storeRelease(releaseId: string, samples: Sample[]): Promise<void> {
  const statements = sampleStatements(sqlDialect(), releaseId, samples);
  if (statements.length === 0) return;
  await withConflictRetry(async () => {
    if (statements.length === 1) {
      // On SQLite, the prepared-once path (sqlite-statements.ts); the statement is the same either way.
      const prepared = sqliteStatements();
      if (prepared) await prepared.run(statements[0].sql, statements[0].params);
      else await db().$executeRawUnsafe(statements[0].sql, ...statements[0].params);
      return;
    }
    await db().$transaction(
      async (tx) => {
        for (const s of statements) await tx.$executeRawUnsafe(s.sql, ...s.params);
      },
      { timeout: 30_000, maxWait: 30_000 },
    );
  });
}

async function flush(): Promise<void> {
  const q = queue();
  q.flushing = true;
  try {
    while (q.pending.length > 0) {
      const byRelease = new Map<string, Pending[]>();
      for (const p of takeFlush(q)) byRelease.set(p.releaseId, [...(byRelease.get(p.releaseId) ?? []), p]);
      for (const [releaseId, callers] of byRelease) {
        try {
          await storeRelease(
            releaseId,
            callers.flatMap((p) => p.samples),
          );
          for (const p of callers) p.done();
        } catch (e) {
          for (const p of callers) p.done(e);
        }
      }
    }
  } finally {
    q.flushing = false;
  }
}
