// The sequential canary judge: a mixture sequential probability ratio test (mSPRT, Johari, Pekelis and Walsh,
// "Always valid inference", 2017) on the difference canary - baseline, with a normal mixing distribution
// N(0, tau^2) around "no difference". Its statistic Lambda_n is a non-negative martingale under the null, so by
// Ville's inequality P(Lambda_n >= 1/alpha at ANY n) <= alpha: the verdict may be looked at every 10 s, forever,
// without inflating false alarms (a fixed-horizon test checked every 10 s has no such bound).
//
//   Lambda_n = sqrt(V / (V + tau^2)) * exp( tau^2 * estimate^2 / (2 V (V + tau^2)) )
//
// where `estimate` is the observed difference and V its variance. The always-valid p-value is 1 / Lambda_n and the
// confidence sequence is every difference d whose statistic (estimate - d) stays below 1/alpha:
//
//   estimate +- sqrt( 2 V (V + tau^2) / tau^2 * ( log(1/alpha) + log((V + tau^2) / V) / 2 ) )
//
// Written here rather than taken from npm: no package implements an mSPRT (the statistics packages on npm are
// fixed-horizon). Pure: no I/O, no clock; the caller passes cumulative data of the current wave.

/** Which difference is harmful: a higher error rate or latency ("increase"), a lower success rate ("decrease"), any ("either"). */
export type SequentialDirection = "increase" | "decrease" | "either";

export interface SequentialOptions {
  /** The false-alarm probability this metric may spend (its share of the release's budget). */
  alpha: number;
  direction: SequentialDirection;
  /**
   * The smallest relative change the team cares about (0.25 = +25 %): it sets the mixing spread tau (tests are most
   * powerful near it) and the "more data needed" estimate. Fixed before the data, as the guarantee requires.
   */
  minRelativeEffect: number;
  /** Observations each cohort needs before any verdict (bucket pairs for continuous metrics, requests for ratios). */
  minSamples: number;
}

export interface SequentialVerdict {
  /** "fail": evidence of harm at this alpha; "pass": none so far (the test keeps watching); "not_enough_data". */
  verdict: "fail" | "pass" | "not_enough_data";
  /** canary - baseline in the metric's unit (null without data). */
  effect: number | null;
  /** The effect relative to the baseline (0.5 = +50 %), null when the baseline is 0 or missing. */
  relativeEffect: number | null;
  /** Anytime-valid confidence interval for the effect at 1 - alpha. */
  interval: [number, number] | null;
  /** The mixture likelihood ratio; >= 1/alpha (in the harmful direction) fails. */
  lambda: number;
  /** Always-valid p-value of "no difference" (1 / lambda, at most 1). */
  pValue: number;
  /** Observations judged: canary and baseline. */
  canaryN: number;
  baselineN: number;
  /**
   * How many more canary observations (at the current ratio of baseline to canary) the interval needs before it
   * could exclude "no difference" for an effect of minRelativeEffect; 0 when already narrow enough; null unknown.
   */
  moreNeeded: number | null;
}

/** Counts for a ratio metric: `events` (errors) out of `trials` (requests). */
export interface RatioCounts {
  events: number;
  trials: number;
}

/** Everything a verdict needs: the difference, its variance and the scale of "no difference". */
interface Difference {
  estimate: number;
  variance: number;
  baselineLevel: number;
  canaryN: number;
  baselineN: number;
  /** Variance the estimate would have with k times the data (both cohorts growing alike). */
  varianceWith: (k: number) => number;
}

/** A tiny spread for tau when the baseline is 0 (no errors yet): the test still works, just less powerfully. */
const MIN_TAU = 1e-6;

export function mixtureLogLambda(estimate: number, variance: number, tau2: number): number {
  return 0.5 * Math.log(variance / (variance + tau2)) + (tau2 * estimate * estimate) / (2 * variance * (variance + tau2));
}

export function confidenceHalfWidth(variance: number, tau2: number, alpha: number): number {
  return Math.sqrt(((2 * variance * (variance + tau2)) / tau2) * (Math.log(1 / alpha) + 0.5 * Math.log((variance + tau2) / variance)));
}

function verdictOf(d: Difference, o: SequentialOptions): SequentialVerdict {
  const tau = Math.max(o.minRelativeEffect * Math.abs(d.baselineLevel), MIN_TAU);
  const tau2 = tau * tau;
  const relativeEffect = d.baselineLevel !== 0 ? d.estimate / Math.abs(d.baselineLevel) : null;
  if (!(d.variance > 0)) {
    // Identical observations: no spread to judge with. Treated as no evidence either way.
    return { verdict: "pass", effect: d.estimate, relativeEffect, interval: [d.estimate, d.estimate], lambda: 1, pValue: 1, canaryN: d.canaryN, baselineN: d.baselineN, moreNeeded: 0 };
  }
  const logLambda = mixtureLogLambda(d.estimate, d.variance, tau2);
  const half = confidenceHalfWidth(d.variance, tau2, o.alpha);
  const harmful = o.direction === "either" ? d.estimate !== 0 : o.direction === "increase" ? d.estimate > 0 : d.estimate < 0;
  // The mixture is two-sided; acting only on the harmful side halves nothing and keeps the bound (it is conservative).
  const fails = harmful && logLambda >= Math.log(1 / o.alpha);
  const lambda = Math.exp(Math.min(logLambda, 700));
  const target = o.minRelativeEffect * Math.abs(d.baselineLevel);
  return {
    verdict: fails ? "fail" : "pass",
    effect: d.estimate,
    relativeEffect,
    interval: [d.estimate - half, d.estimate + half],
    lambda,
    // One-sided: a difference in the harmless direction is no evidence of harm, so it spends none of the budget.
    pValue: harmful ? Math.min(1, 1 / lambda) : 1,
    canaryN: d.canaryN,
    baselineN: d.baselineN,
    moreNeeded: fails ? 0 : moreNeededFor(d, tau2, o.alpha, target),
  };
}

/** The data multiple k at which the interval's half-width falls to the effect worth detecting, as more observations. */
function moreNeededFor(d: Difference, tau2: number, alpha: number, target: number): number | null {
  if (!(target > 0)) return null;
  if (confidenceHalfWidth(d.variance, tau2, alpha) <= target) return 0;
  let hi = 2;
  while (confidenceHalfWidth(d.varianceWith(hi), tau2, alpha) > target) {
    hi *= 2;
    if (hi > 1e7) return null;
  }
  let lo = hi / 2;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (confidenceHalfWidth(d.varianceWith(mid), tau2, alpha) > target) lo = mid;
    else hi = mid;
  }
  return Math.ceil((hi - 1) * d.canaryN);
}

/**
 * Errors out of requests, canary against baseline: the difference of proportions with the pooled variance under
 * "no difference" (better behaved than the unpooled one when errors are rare).
 */
export function judgeRatioSequential(canary: RatioCounts, baseline: RatioCounts, o: SequentialOptions): SequentialVerdict {
  const nc = canary.trials;
  const nb = baseline.trials;
  if (nc < o.minSamples || nb < o.minSamples) return notEnough(nc, nb, nc > 0 && nb > 0 ? canary.events / nc - baseline.events / nb : null);
  const pc = canary.events / nc;
  const pb = baseline.events / nb;
  const pooled = (canary.events + baseline.events) / (nc + nb);
  // With no events at all, a floor of half an event keeps the variance positive (the "rule of three" spirit).
  const p = Math.max(pooled, 0.5 / (nc + nb));
  const unitVariance = p * (1 - p);
  const variance = unitVariance * (1 / nc + 1 / nb);
  return verdictOf({ estimate: pc - pb, variance, baselineLevel: pb, canaryN: nc, baselineN: nb, varianceWith: (k) => variance / k }, o);
}

/**
 * A continuous metric (latency, CPU) from 10 s bucket means. Buckets of the same start are paired, so drift that
 * moves both cohorts alike (daily load, a slow dependency) cancels instead of widening the interval.
 */
export function judgeContinuousSequential(
  canary: ReadonlyMap<number, number>,
  baseline: ReadonlyMap<number, number>,
  o: SequentialOptions,
): SequentialVerdict {
  let n = 0;
  let mean = 0;
  let m2 = 0;
  let baselineSum = 0;
  for (const [start, c] of canary) {
    const b = baseline.get(start);
    if (b === undefined) continue;
    // Welford: one pass, stable for long waves.
    n += 1;
    const d = c - b;
    const delta = d - mean;
    mean += delta / n;
    m2 += delta * (d - mean);
    baselineSum += b;
  }
  if (n < Math.max(2, o.minSamples)) return notEnough(n, n, n > 0 ? mean : null);
  const variance = m2 / (n - 1) / n;
  return verdictOf({ estimate: mean, variance, baselineLevel: baselineSum / n, canaryN: n, baselineN: n, varianceWith: (k) => variance / k }, o);
}

function notEnough(canaryN: number, baselineN: number, effect: number | null): SequentialVerdict {
  return { verdict: "not_enough_data", effect, relativeEffect: null, interval: null, lambda: 1, pValue: 1, canaryN, baselineN, moreNeeded: null };
}

/**
 * Holm's step-down over a wave's judged metrics: one false-alarm budget for the release, so adding metrics does not
 * add false alarms. With always-valid p-values this controls the family-wise error over all looks: the first true
 * "no difference" rejected has p <= alpha / (number of true nulls), and each such p stays above that bound at every
 * time with probability 1 - alpha / m0. Returns the keys rejected.
 */
export function holmRejections(pValues: ReadonlyMap<string, number>, alpha: number, weights?: ReadonlyMap<string, number>): Set<string> {
  const entries = [...pValues.entries()].map(([key, p]) => ({ key, p, w: weights?.get(key) ?? 1 }));
  const rejected = new Set<string>();
  // Weighted Holm (Holm 1979, section 5): compare p_i / w_i, the budget shared out by weight among those left.
  entries.sort((a, b) => a.p / a.w - b.p / b.w || a.key.localeCompare(b.key));
  let remainingWeight = entries.reduce((s, e) => s + e.w, 0);
  for (const e of entries) {
    if (e.p > (alpha * e.w) / remainingWeight) break;
    rejected.add(e.key);
    remainingWeight -= e.w;
  }
  return rejected;
}
