// Tidegate's own counters for /api/metrics (Prometheus). In-process: each server reports what it served.
interface Counters {
  samplesIngested: number;
  batchesAccepted: number;
  batchesRejected: number;
  ingestSeconds: number[]; // histogram counts per bucket
  ingestSecondsSum: number;
  ingestCount: number;
}

export const INGEST_LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

const holder = globalThis as unknown as { __tidegateCounters?: Counters };

export function counters(): Counters {
  return (holder.__tidegateCounters ??= {
    samplesIngested: 0,
    batchesAccepted: 0,
    batchesRejected: 0,
    ingestSeconds: INGEST_LATENCY_BUCKETS.map(() => 0),
    ingestSecondsSum: 0,
    ingestCount: 0,
  });
}

export function recordIngest(accepted: boolean, samples: number, seconds: number) {
  const c = counters();
  if (accepted) {
    c.batchesAccepted++;
    c.samplesIngested += samples;
  } else c.batchesRejected++;
  c.ingestCount++;
  c.ingestSecondsSum += seconds;
  INGEST_LATENCY_BUCKETS.forEach((le, i) => {
    if (seconds <= le) c.ingestSeconds[i]++;
  });
}
