// Rolls raw samples into fixed-size time buckets per metric and cohort, the unit every evaluation reads.
import type { Cohort, Sample } from "./samples";

/**
 * Covers samples with start <= ts < start + size. `count` is the weight (samples, or the requests they summarize),
 * `sum` the weighted sum. min/max are +Infinity/-Infinity only when count is 0.
 */
export type Bucket = { start: number; count: number; sum: number; min: number; max: number };

export const BUCKET_SIZES_MS = { fine: 10_000, coarse: 60_000 } as const;

/**
 * Not a size but a marker: a partial bucket holding the canary samples of a run's first 10 s bucket from START on,
 * keyed by the exact START time. The 10 s bucket itself mixes data from both sides of START; this one lets the
 * guardrails count only samples time-stamped inside the run without keeping samples one by one.
 */
export const RUN_START_BUCKET = 1;

/** Per series (`${metric}|${cohort}`), its buckets in time order: what a watch pass reads. */
export type BucketSeries = Map<string /* `${metric}|${cohort}` */, Bucket[]>;
/**
 * The same marker for the current wave: the canary samples of the 10 s bucket a wave began in, from its promotion on,
 * keyed by the exact time the wave started. The no-evidence gate counts it, so data measured at the previous wave's
 * share never vouches for this one, and nobody waits for the next whole bucket.
 */
export const WAVE_START_BUCKET = 2;

/** Per series (`${metric}|${cohort}`), the buckets keyed by start time. */
export type RolledUp = Map<string, Map<number, Bucket>>;

export function seriesKey(metric: string, cohort: Cohort): string {
  return `${metric}|${cohort}`;
}

/** Floors toward minus infinity, so pre-1970 or negative test timestamps still land in the right bucket. */
export function bucketStart(ts: number, sizeMs: number): number {
  return Math.floor(ts / sizeMs) * sizeMs;
}

/** Combines two summaries; the result starts at the earlier start, so it also serves for coarsening. */
export function mergeBucket(a: Bucket, b: Bucket): Bucket {
  return {
    start: Math.min(a.start, b.start),
    count: a.count + b.count,
    sum: a.sum + b.sum,
    min: Math.min(a.min, b.min),
    max: Math.max(a.max, b.max),
  };
}

export function rollUp(samples: readonly Sample[], sizeMs: number): RolledUp {
  if (!(sizeMs > 0) || !Number.isFinite(sizeMs)) throw new RangeError(`bucket size must be a positive number of ms, got ${sizeMs}`);
  // Looked up by metric then cohort so the hot loop builds no key strings; only new buckets allocate.
  const byMetric = new Map<string, { canary?: Map<number, Bucket>; baseline?: Map<number, Bucket> }>();
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i];
    let pair = byMetric.get(s.metric);
    if (!pair) {
      pair = {};
      byMetric.set(s.metric, pair);
    }
    let series = pair[s.cohort];
    if (!series) {
      series = new Map();
      pair[s.cohort] = series;
    }
    const start = Math.floor(s.ts / sizeMs) * sizeMs;
    const b = series.get(start);
    // A sample summarizing n requests weighs n: the bucket's mean is then the mean over requests.
    const weight = s.count ?? 1;
    if (b) {
      b.count += weight;
      b.sum += s.value * weight;
      if (s.value < b.min) b.min = s.value;
      if (s.value > b.max) b.max = s.value;
    } else {
      series.set(start, { start, count: weight, sum: s.value * weight, min: s.value, max: s.value });
    }
  }
  const out: RolledUp = new Map();
  for (const [metric, pair] of byMetric) {
    if (pair.canary) out.set(seriesKey(metric, "canary"), pair.canary);
    if (pair.baseline) out.set(seriesKey(metric, "baseline"), pair.baseline);
  }
  return out;
}

/** Folds a freshly rolled batch into stored buckets in place; late samples merge into their existing bucket. */
export function mergeRolledUp(into: RolledUp, batch: RolledUp): RolledUp {
  for (const [key, buckets] of batch) {
    let series = into.get(key);
    if (!series) {
      series = new Map();
      into.set(key, series);
    }
    for (const [start, b] of buckets) {
      const existing = series.get(start);
      series.set(start, existing ? mergeBucket(existing, b) : { ...b });
    }
  }
  return into;
}

/** Buckets of one series in time order, the shape evaluateGuardrail expects. */
export function seriesBuckets(rolled: RolledUp, metric: string, cohort: Cohort): Bucket[] {
  const series = rolled.get(seriesKey(metric, cohort));
  if (!series) return [];
  return [...series.values()].sort((a, b) => a.start - b.start);
}

/** Re-buckets fine buckets into larger ones (e.g. 10 s into 60 s for long charts); sizeMs should be a multiple. */
export function coarsen(buckets: readonly Bucket[], sizeMs: number): Bucket[] {
  const out = new Map<number, Bucket>();
  for (const b of buckets) {
    const start = bucketStart(b.start, sizeMs);
    const existing = out.get(start);
    out.set(start, existing ? mergeBucket(existing, b) : { ...b, start });
  }
  return [...out.values()].sort((a, b) => a.start - b.start);
}
