// The wave's sequentially judged guardrails (`judge: "sequential"`), judged together: each metric on ALL canary and
// baseline data since the wave began (never a sliding window: the mixture SPRT's guarantee holds for a growing sample,
// a window that forgets old data would restart it at every look), then Holm across them with one false-alarm budget
// (`judgeAlpha`, default 0.01 per release), weighted by each guardrail's `alpha`. Ratio metrics (error and success
// rates) are judged on errors out of requests from the samples' `count`; every other metric on paired 10 s bucket means.
// Pure: time and the wave's start come in as arguments.
import type { Guardrail, Plan } from "../../plans/core/plan";
import { RATIO_METRICS } from "../../plans/core/plan";
import type { GuardrailEvaluation } from "./evaluate";
import { formatDuration } from "./format";
import { directionOf } from "./judge-guardrail";
import type { Bucket } from "./rollup";
import { holmRejections, judgeContinuousSequential, judgeRatioSequential, type SequentialVerdict } from "./sequential";

// 0.01, not 0.05: the bench (bench/judge.ts) measured at most 1 false alarm per 100 healthy releases either way, but only
// 0.01 makes "at most 1 in 100" a property of the method (Ville) rather than of one simulation; detection stays within targets.
export const DEFAULT_JUDGE_ALPHA = 0.01;
export const DEFAULT_MIN_RELATIVE_EFFECT = { continuous: 0.25, ratio: 0.5 } as const;
/** Requests per cohort before a ratio metric is judged (the normal approximation needs some). */
export const DEFAULT_MIN_COUNT = 100;
/** 10 s bucket pairs before a continuous metric is judged (its variance is estimated from them). */
export const DEFAULT_MIN_BUCKET_PAIRS = 6;
const BUCKET_MS = 10_000;

export type SequentialKind = "ratio" | "continuous";

export interface SequentialJudgement {
  kind: SequentialKind;
  verdict: SequentialVerdict;
  /** This metric's share of the budget (its interval is drawn at 1 - alpha). */
  alpha: number;
  /** True when Holm rejected "no difference" for it at this look. */
  fails: boolean;
  /** Seconds of canary traffic at the current rate still needed to tell an effect of minRelativeEffect; null unknown. */
  moreSeconds: number | null;
  /** The sentence for screens and the audit log. */
  text: string;
}

export const kindOf = (metric: string): SequentialKind => (RATIO_METRICS.includes(metric) ? "ratio" : "continuous");

/** Buckets wholly inside the wave and before `at`: a bucket straddling the promotion mixes the old share's data. */
function waveBuckets(buckets: readonly Bucket[], waveStartedAt: number, at: number): Bucket[] {
  const from = Math.ceil(waveStartedAt / BUCKET_MS) * BUCKET_MS;
  return buckets.filter((b) => b.count > 0 && b.start >= from && b.start + BUCKET_MS <= at);
}

function verdictFor(g: Guardrail, canary: readonly Bucket[], baseline: readonly Bucket[], alpha: number, waveStartedAt: number, at: number): SequentialVerdict {
  const kind = kindOf(g.metric);
  const options = {
    alpha,
    direction: directionOf(g),
    minRelativeEffect: g.minRelativeEffect ?? DEFAULT_MIN_RELATIVE_EFFECT[kind],
    minSamples: kind === "ratio" ? (g.minCount ?? DEFAULT_MIN_COUNT) : (g.minSamples ?? DEFAULT_MIN_BUCKET_PAIRS),
  };
  const c = waveBuckets(canary, waveStartedAt, at);
  const b = waveBuckets(baseline, waveStartedAt, at);
  if (kind === "ratio") {
    // sum = value x count: the events (errors) out of `count` requests. A sample sent without count weighs one request,
    // which overstates the variance (conservative: fewer detections, never more false alarms).
    const tally = (list: Bucket[]) => ({ events: list.reduce((s, x) => s + x.sum, 0), trials: list.reduce((s, x) => s + x.count, 0) });
    if (options.direction !== "decrease") return judgeRatioSequential(tally(c), tally(b), options);
    // A success rate is judged on its failures (0.5 % failing -> 1 %, not 99.5 % -> 99 %): minRelativeEffect is then
    // relative to what can go wrong. The effect is turned back into the success rate's sign for people.
    const failures = (t: { events: number; trials: number }) => ({ events: t.trials - t.events, trials: t.trials });
    const v = judgeRatioSequential(failures(tally(c)), failures(tally(b)), { ...options, direction: "increase" });
    return { ...v, effect: v.effect === null ? null : -v.effect, relativeEffect: v.relativeEffect === null ? null : -v.relativeEffect, interval: v.interval && [-v.interval[1], -v.interval[0]] };
  }
  const means = (list: Bucket[]) => new Map(list.map((x) => [x.start, x.sum / x.count]));
  return judgeContinuousSequential(means(c), means(b), options);
}

const grouped = (n: number) => Math.round(n).toLocaleString("en-US");

function describe(g: Guardrail, kind: SequentialKind, v: SequentialVerdict, alpha: number, fails: boolean, moreSeconds: number | null): string {
  const observations = kind === "ratio" ? `${grouped(v.canaryN)} canary requests` : `${grouped(v.canaryN)} paired 10 s buckets`;
  if (v.verdict === "not_enough_data" || v.effect === null || v.interval === null) {
    return `${g.metric}: not enough data yet (${observations} since the wave began)`;
  }
  // The unit once, on the effect ("+0.8 pp (95 % CI +0.3 to +1.3)"); the interval in the same unit and precision.
  const scale = kind === "ratio" ? 100 : 1;
  const unit = kind === "ratio" ? " pp" : g.metric.endsWith("_ms") ? " ms" : "";
  const step = precisionOf(Math.max(Math.abs(v.interval[1] - v.interval[0]) * scale, 1e-9));
  const num = (x: number) => {
    const r = Number((x * scale).toFixed(step));
    return `${r > 0 ? "+" : ""}${r.toFixed(step)}`;
  };
  const level = `${trimPercent((1 - alpha) * 100)} % CI`;
  const head = `${g.metric}: ${num(v.effect)}${unit} (${level} ${num(v.interval[0])} to ${num(v.interval[1])}), ${observations}`;
  if (fails) return `${head} — fails`;
  if (moreSeconds === 0) return `${head} — no harm of ${trimPercent((g.minRelativeEffect ?? DEFAULT_MIN_RELATIVE_EFFECT[kind]) * 100)} % or more`;
  if (moreSeconds === null) return `${head} — undecided`;
  return `${head}, about ${formatDuration(Math.max(10_000, moreSeconds * 1000))} more at the current traffic to decide`;
}

/** Decimals that show about two significant digits of the interval's width. */
function precisionOf(width: number): number {
  return Math.min(6, Math.max(0, 1 - Math.floor(Math.log10(width))));
}

function trimPercent(x: number): string {
  return String(Math.round(x * 100) / 100);
}

/** Each metric's share of the budget: its `alpha` if the plan gives one, else an equal share of what is left. */
export function budgetShares(guardrails: readonly Guardrail[], judgeAlpha: number): Map<string, number> {
  const given = guardrails.filter((g) => g.alpha !== undefined);
  const rest = guardrails.length - given.length;
  const left = Math.max(0, judgeAlpha - given.reduce((s, g) => s + (g.alpha ?? 0), 0));
  return new Map(guardrails.map((g) => [g.metric, g.alpha ?? (rest > 0 ? left / rest : 0) ] as [string, number]));
}

/**
 * Judges the wave's sequential guardrails at `at` with the data before it. `series` gives a metric's canary and
 * baseline buckets. Holm's weights are the shares; a metric fails only if Holm rejects it.
 */
export function judgeSequentialAt(
  plan: Pick<Plan, "judgeAlpha">,
  guardrails: readonly Guardrail[],
  series: (metric: string) => { canary: readonly Bucket[]; baseline: readonly Bucket[] },
  waveStartedAt: number,
  at: number,
): Map<string, SequentialJudgement> {
  const judgeAlpha = plan.judgeAlpha ?? DEFAULT_JUDGE_ALPHA;
  const shares = budgetShares(guardrails, judgeAlpha);
  const verdicts = new Map<string, SequentialVerdict>();
  for (const g of guardrails) {
    const { canary, baseline } = series(g.metric);
    verdicts.set(g.metric, verdictFor(g, canary, baseline, Math.max(shares.get(g.metric) ?? 0, 1e-12), waveStartedAt, at));
  }
  const pValues = new Map([...verdicts].filter(([, v]) => v.verdict !== "not_enough_data").map(([m, v]) => [m, v.pValue] as [string, number]));
  const rejected = holmRejections(pValues, judgeAlpha, shares);
  const elapsed = Math.max(BUCKET_MS, at - waveStartedAt) / 1000;
  const out = new Map<string, SequentialJudgement>();
  for (const g of guardrails) {
    const v = verdicts.get(g.metric)!;
    const kind = kindOf(g.metric);
    const alpha = shares.get(g.metric) ?? judgeAlpha;
    const fails = rejected.has(g.metric);
    // Ratios count requests (time = requests / current canary rate); continuous metrics count 10 s bucket pairs.
    const moreSeconds = v.moreNeeded === null ? null : kind === "ratio" ? (v.canaryN > 0 ? (v.moreNeeded / v.canaryN) * elapsed : null) : v.moreNeeded * 10;
    out.set(g.metric, { kind, verdict: v, alpha, fails, moreSeconds: fails ? 0 : moreSeconds, text: describe(g, kind, v, alpha, fails, fails ? 0 : moreSeconds) });
  }
  return out;
}

/**
 * The evaluations of the wave's sequential guardrails at `now`. Sustained like the other judges: failing at now,
 * now - forSeconds/2 and now - forSeconds (each look with the data it had then, inside the wave).
 */
export function evaluateSequentialGuardrails(
  plan: Pick<Plan, "judgeAlpha">,
  guardrails: readonly Guardrail[],
  series: (metric: string) => { canary: readonly Bucket[]; baseline: readonly Bucket[] },
  waveStartedAt: number | null,
  now: number,
): Map<string, GuardrailEvaluation & { sequential?: SequentialJudgement }> {
  const out = new Map<string, GuardrailEvaluation & { sequential?: SequentialJudgement }>();
  if (guardrails.length === 0) return out;
  if (waveStartedAt === null) {
    for (const g of guardrails) out.set(g.metric, { ...blank(g.metric), level: "inconclusive", detail: `${g.metric}: the wave has not started` });
    return out;
  }
  const current = judgeSequentialAt(plan, guardrails, series, waveStartedAt, now);
  const earlierLooks = new Map<number, Map<string, SequentialJudgement>>();
  const lookAt = (t: number) => {
    let found = earlierLooks.get(t);
    if (!found) {
      found = judgeSequentialAt(plan, guardrails, series, waveStartedAt, t);
      earlierLooks.set(t, found);
    }
    return found;
  };
  for (const g of guardrails) {
    const j = current.get(g.metric)!;
    const { canary, baseline } = series(g.metric);
    const level = j.verdict.verdict === "not_enough_data" ? "inconclusive" : j.fails ? "critical" : "ok";
    const forMs = g.forSeconds * 1000;
    // A look before the wave began has none of its data: it cannot vouch for a sustained breach.
    const earlier = level === "critical" && forMs > 0 ? [now - forMs / 2, now - forMs] : [];
    const sustainedCritical = level === "critical" && earlier.every((t) => t >= waveStartedAt && lookAt(t).get(g.metric)?.fails === true);
    const pending = level === "critical" && !sustainedCritical && forMs > 0 ? `, not yet judged so for ${formatDuration(forMs)}` : "";
    const cv = meanOf(waveBuckets(canary, waveStartedAt, now + BUCKET_MS));
    const bv = meanOf(waveBuckets(baseline, waveStartedAt, now + BUCKET_MS));
    out.set(g.metric, {
      metric: g.metric,
      level,
      observed: j.verdict.effect,
      canaryValue: cv,
      baselineValue: bv,
      threshold: null,
      sustainedCritical,
      criticalSince: level === "critical" ? (sustainedCritical ? now - forMs : now) : null,
      detail: `${j.text}${pending}`,
      sequential: j,
    });
  }
  return out;
}

/**
 * A/A calibration: canary and baseline run the same version, so whatever the judge sees is the metric's own spread.
 * With the interval and the baseline level it suggests what to set: a minRelativeEffect no smaller than the spread
 * the interval still allows (a smaller one would be chasing noise), and a relative threshold twice that.
 */
export function calibrationText(e: { detail: string; interval?: [number, number] | null; baselineLevel?: number | null }): string {
  const spread = e.detail.replace(/ — fails(, not yet judged so for .*)?$/, " — would have failed on no change");
  const relative = e.interval && e.baselineLevel ? Math.max(Math.abs(e.interval[0]), Math.abs(e.interval[1])) / Math.abs(e.baselineLevel) : null;
  const suggestion =
    relative !== null && Number.isFinite(relative)
      ? `; natural spread ±${roundUp(relative * 100)} % of the baseline: suggests minRelativeEffect ${roundUp(relative)} or more, a relative threshold (relativeTo baseline) at ${roundUp(2 * relative)} or more`
      : "";
  return `A/A calibration, does not act: ${spread}${suggestion}`;
}

/** Two significant digits, rounded up (a suggested bound should not be tighter than measured). */
function roundUp(x: number): string {
  if (!(x > 0)) return "0";
  const p = 10 ** (Math.floor(Math.log10(x)) - 1);
  return String(Number((Math.ceil(x / p) * p).toPrecision(2)));
}

function meanOf(list: readonly Bucket[]): number | null {
  const count = list.reduce((s, b) => s + b.count, 0);
  return count > 0 ? list.reduce((s, b) => s + b.sum, 0) / count : null;
}

function blank(metric: string): GuardrailEvaluation {
  return { metric, level: "inconclusive", observed: null, canaryValue: null, baselineValue: null, threshold: null, sustainedCritical: false, criticalSince: null, detail: "" };
}
