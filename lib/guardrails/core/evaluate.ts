// Windowed evaluation of one guardrail over 10 s buckets: current level, how long it has been critical, and why.
import type { Guardrail } from "../../plans/core/plan";
import type { Evidence } from "./evidence";
import { formatDifference, formatDuration, formatMetricValue, formatRelative } from "./format";
import { levelOfValue, type ValueLevel } from "./health";
import type { Bucket } from "./rollup";

export type GuardrailEvaluation = {
  metric: string;
  level: ValueLevel;
  /** The window value compared with the thresholds: absolute, or canary/baseline - 1 for relative guardrails. */
  observed: number | null;
  canaryValue: number | null;
  baselineValue: number | null;
  /** The threshold crossed (critical or warning), or null when none is. */
  threshold: number | null;
  sustainedCritical: boolean;
  criticalSince: number | null;
  /**
   * When the critical action is due if the breach lasts (epoch ms), or null when not critical. Anchored on a bucket
   * boundary, so successive passes of one breach give the same deadline: a countdown read from it never rises.
   */
  actsAt?: number | null;
  detail: string;
  /** For a pulled guardrail whose last query failed or came back empty: why there is no value to judge. */
  dataState?: "no_data" | "query_error";
  /** What the verdict rests on (set by the watch pass). */
  evidence?: Evidence;
};

/**
 * Buckets in time order with prefix sums, so any window's mean costs two binary searches instead of a
 * scan: the sustained check evaluates one window per bucket boundary.
 */
type Series = { starts: Float64Array; cumSum: Float64Array; cumCount: Float64Array };

function prepare(buckets: readonly Bucket[]): Series {
  let sorted = true;
  for (let i = 1; i < buckets.length; i++) {
    if (buckets[i].start < buckets[i - 1].start) {
      sorted = false;
      break;
    }
  }
  const list = sorted ? buckets : [...buckets].sort((a, b) => a.start - b.start);
  const n = list.length;
  const starts = new Float64Array(n);
  const cumSum = new Float64Array(n + 1);
  const cumCount = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    const b = list[i];
    starts[i] = b.start;
    cumSum[i + 1] = cumSum[i] + b.sum;
    cumCount[i + 1] = cumCount[i] + b.count;
  }
  return { starts, cumSum, cumCount };
}

/** First index whose start is > x. */
function upperBound(starts: Float64Array, x: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (starts[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose start is >= x. */
function lowerBound(starts: Float64Array, x: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (starts[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Mean of the buckets overlapping (t - windowMs, t]. A bucket [s, s + bucketMs) overlaps when s <= t and
 * s + bucketMs > t - windowMs; buckets cannot be split, so a window not aligned to buckets rounds outward.
 * For a past boundary (`past`), the bucket starting exactly at t holds only later data: counting it would let
 * the walk back see the future and make a breach look older than it is.
 */
function windowMean(series: Series, t: number, windowMs: number, bucketMs: number, past = false): number | null {
  const lo = upperBound(series.starts, t - windowMs - bucketMs);
  const hi = past ? lowerBound(series.starts, t) : upperBound(series.starts, t);
  if (hi <= lo) return null;
  const count = series.cumCount[hi] - series.cumCount[lo];
  if (count <= 0) return null;
  return (series.cumSum[hi] - series.cumSum[lo]) / count;
}

/** Baseline 0 has no ratio: an unchanged 0 is no change, anything above it is infinitely worse. */
export function relativeChange(canary: number, baseline: number): number {
  if (baseline === 0) return canary === 0 ? 0 : Infinity;
  return canary / baseline - 1;
}

/** Plan v2: a relative guardrail compares as a ratio (0.2 = +20%) or as an absolute difference in the metric's unit. */
export function compareWithReference(g: Pick<Guardrail, "relativeMode">, canary: number, reference: number): number {
  return g.relativeMode === "difference" ? canary - reference : relativeChange(canary, reference);
}

const REFERENCE_NAMES = { baseline: "baseline", pre_rollout: "pre-rollout level", previous_wave: "previous wave" } as const;

export function evaluateGuardrail(
  g: Guardrail,
  canary: readonly Bucket[],
  baseline: readonly Bucket[],
  now: number,
  bucketMs = 10_000,
  /** When the run began: canary data from before it never counts, and a breach cannot be older than the run. */
  runStartedAt: number | null = null,
  /**
   * Plan v2: for `pre_rollout` and `previous_wave` guardrails, the level captured at START or at the last
   * promotion (null when none was captured: the guardrail is inconclusive, never a silent pass).
   */
  reference: number | null = null,
): GuardrailEvaluation {
  // A non-positive size would make the boundary walk below loop forever.
  if (!(bucketMs > 0) || !Number.isFinite(bucketMs)) throw new RangeError(`bucket size must be a positive number of ms, got ${bucketMs}`);
  const windowMs = g.windowSeconds * 1000;
  const forMs = g.forSeconds * 1000;
  const relative = g.relativeTo !== undefined;
  const fixedReference = relative && g.relativeTo !== "baseline";
  // Buckets that end before the run began hold only an earlier run's (or back-dated) data. The bucket the run
  // began in is kept, but the clamp below stops it from lending the breach any time before the run.
  const c = prepare(runStartedAt === null ? canary : canary.filter((bk) => bk.start + bucketMs > runStartedAt));
  const b = prepare(baseline);

  const observedAt = (t: number): number | null => {
    const cv = windowMean(c, t, windowMs, bucketMs, true);
    if (cv === null) return null;
    if (!relative) return cv;
    const bv = fixedReference ? reference : windowMean(b, t, windowMs, bucketMs, true);
    return bv === null ? null : compareWithReference(g, cv, bv);
  };

  const canaryValue = windowMean(c, now, windowMs, bucketMs);
  // For a fixed reference the "baseline" shown is that captured level, so screens compare like with like.
  const baselineValue = fixedReference ? reference : windowMean(b, now, windowMs, bucketMs);
  const observed = canaryValue === null ? null : !relative ? canaryValue : baselineValue === null ? null : compareWithReference(g, canaryValue, baselineValue);
  const level = levelOfValue(g, observed);

  let criticalSince: number | null = null;
  let actsAt: number | null = null;
  if (level === "critical") {
    // Walk back over bucket boundaries while the window stays critical; an empty window ends the run,
    // so a gap in the data can never be counted as time spent in breach.
    criticalSince = now;
    let t = Math.floor(now / bucketMs) * bucketMs;
    if (t === now) t -= bucketMs;
    while (levelOfValue(g, observedAt(t)) === "critical") {
      criticalSince = t;
      t -= bucketMs;
    }
    // The breach can only be counted from the first critical boundary: the one found, or (none yet) the next one.
    // Using `now` here instead made the deadline slide with every pass until a boundary passed (20 -> 21 -> 20 s).
    let anchor = criticalSince < now || forMs === 0 ? criticalSince : t + bucketMs;
    // A sustained breach needs its forSeconds of real time inside the run.
    if (runStartedAt !== null && criticalSince < runStartedAt) criticalSince = runStartedAt;
    if (runStartedAt !== null && anchor < runStartedAt) anchor = runStartedAt;
    actsAt = anchor + forMs;
  }
  // The run must reach a boundary at or before now - forSeconds. That boundary's window is non-empty, so
  // data also covers back to then; a lone spike fades out of the window long before a typical forSeconds.
  const sustainedCritical = criticalSince !== null && criticalSince <= now - forMs;

  const threshold = level === "critical" ? g.critical : level === "warning" ? (g.warning ?? null) : null;
  const evaluation: GuardrailEvaluation = {
    metric: g.metric,
    level,
    observed,
    canaryValue,
    baselineValue,
    threshold,
    sustainedCritical,
    criticalSince,
    actsAt,
    detail: "",
  };
  evaluation.detail = describeEvaluation(g, evaluation, now);
  return evaluation;
}

/** One human sentence, e.g. "error_rate 12.4% > critical 10% for 5m (window 60s)". */
export function describeEvaluation(g: Guardrail, e: GuardrailEvaluation, now: number): string {
  const window = `window ${formatDuration(g.windowSeconds * 1000)}`;
  const relative = g.relativeTo !== undefined;
  const difference = relative && g.relativeMode === "difference";
  const fmt = (v: number) => (!relative ? formatMetricValue(g.metric, v) : difference ? formatDifference(g.metric, v) : formatRelative(v));
  const against = REFERENCE_NAMES[g.relativeTo ?? "baseline"];

  if (e.level === "inconclusive" || e.observed === null) {
    if (e.canaryValue !== null && relative && g.relativeTo !== "baseline") {
      return `${g.metric}: no ${against} was captured (${g.relativeTo === "pre_rollout" ? "no data before START" : "no data in the previous wave"}), so it cannot be judged`;
    }
    const missing = e.canaryValue === null ? "canary" : "baseline";
    const why = missing === "baseline" ? " to compare against" : "";
    return `${g.metric}: no ${missing} data in the last ${formatDuration(g.windowSeconds * 1000)}${why}, so it cannot be judged`;
  }

  const vs =
    relative && e.canaryValue !== null && e.baselineValue !== null
      ? ` vs ${against} (${formatMetricValue(g.metric, e.canaryValue)} vs ${formatMetricValue(g.metric, e.baselineValue)})`
      : "";
  const head = `${g.metric} ${fmt(e.observed)}${vs}`;

  if (e.level === "critical") {
    const held = e.criticalSince !== null ? now - e.criticalSince : 0;
    const heldText = held >= 1000 ? ` for ${formatDuration(held)}` : "";
    const pending = !e.sustainedCritical && g.forSeconds > 0 ? `, not yet the ${formatDuration(g.forSeconds * 1000)} required to act` : "";
    return `${head} ${g.comparator} critical ${fmt(g.critical)}${heldText}${pending} (${window})`;
  }
  if (e.level === "warning" && g.warning !== undefined) {
    return `${head} ${g.comparator} warning ${fmt(g.warning)} (${window})`;
  }
  return `${head} within limits (critical at ${g.comparator} ${fmt(g.critical)}, ${window})`;
}
