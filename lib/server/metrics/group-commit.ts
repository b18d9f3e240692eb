// Group commit for ingestion: batches that arrive while a write is in flight are stored together in the next
// transaction (one per flush, samples of one release merged into one roll-up), so a stream of small batches
// costs one transaction per flush instead of one per request. Nothing waits on a timer: the first batch after
// a quiet spell is written at once. Each caller still learns whether its own samples were stored.
import type { Sample } from "../../guardrails";
import { db } from "../db/client";
import { withConflictRetry } from "../db/with-conflict-retry";
import { runStartsOf } from "./run-start-samples";
import { storeSamples } from "./store-samples";

interface Pending {
  releaseId: string;
  samples: Sample[];
  done: (error?: unknown) => void;
}

/** Upper bound on samples in one transaction, so one flush never holds the SQLite queue for long. */
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

async function flush(): Promise<void> {
  const q = queue();
  q.flushing = true;
  try {
    while (q.pending.length > 0) {
      const batch = takeFlush(q);
      const byRelease = new Map<string, Sample[]>();
      for (const p of batch) {
        const list = byRelease.get(p.releaseId);
        if (list) list.push(...p.samples);
        else byRelease.set(p.releaseId, [...p.samples]);
      }
      try {
        await withConflictRetry(() =>
          db().$transaction(
            async (tx) => {
              const runStarts = await runStartsOf(tx, [...byRelease.keys()]);
              for (const [releaseId, samples] of byRelease) {
                await storeSamples(tx, releaseId, samples, runStarts.get(releaseId) ?? null);
              }
            },
            { timeout: 30_000, maxWait: 30_000 },
          ),
        );
        for (const p of batch) p.done();
      } catch (e) {
        for (const p of batch) p.done(e);
      }
    }
  } finally {
    q.flushing = false;
  }
}
