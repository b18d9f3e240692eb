// Per-metric summary for tiles and the live metrics stream: current window, previous window, level.
import type { Guardrail, Plan } from "../../plans/core/plan";
import { guardrailsForWave } from "../../plans/core/wave-guardrails";
import { evaluateGuardrail } from "./evaluate";
import type { ValueLevel } from "./health";
import { referenceFor, type ReferenceLevels } from "./references";
import type { BucketSeries } from "./rollup";
import { calibrationText, evaluateSequentialGuardrails } from "./sequential-guardrail";
import { seriesOf } from "./watch";

export interface MetricSummary {
  metric: string;
  level: ValueLevel;
  /** Canary window mean now, and one window earlier (the tile's delta). */
  current: number | null;
  previous: number | null;
  canary: number | null;
  baseline: number | null;
  /** Relative guardrails compare against baseline: canary/baseline - 1. */
  observed: number | null;
  detail: string | null;
  /** Since when the window has been past critical (null when it is not): with forSeconds, when the action is due. */
  criticalSince: number | null;
  /** When the critical action is due, from a fixed bucket boundary (see evaluateGuardrail): countdowns read this. */
  actsAt: number | null;
  /** A statistically judged metric's verdict in words (effect, interval, evidence still needed); null otherwise. */
  verdict?: string | null;
  t: number;
}

const NEVER_BREACHES = Number.MAX_VALUE;

export function summarizeMetrics(
  plan: Plan,
  waveIndex: number,
  buckets: BucketSeries,
  now: number,
  references?: ReferenceLevels | null,
  /** When the current wave began: sequential judges read everything since (null outside a live wave). */
  waveStartedAt: number | null = null,
): MetricSummary[] {
  const guardrails = guardrailsForWave(plan, waveIndex);
  const judged = evaluateSequentialGuardrails(
    plan,
    guardrails.filter((g) => g.judge === "sequential"),
    (metric) => ({ canary: seriesOf(buckets, metric, "canary"), baseline: seriesOf(buckets, metric, "baseline") }),
    waveStartedAt,
    now,
  );
  const metrics = new Set<string>(guardrails.map((g) => g.metric));
  for (const key of buckets.keys()) metrics.add(key.split("|")[0]);
  return [...metrics].sort().map((metric) => {
    const guardrail: Guardrail = guardrails.find((g) => g.metric === metric) ?? {
      metric,
      comparator: ">",
      critical: NEVER_BREACHES,
      forSeconds: 0,
      windowSeconds: 60,
      onCritical: "notify",
    };
    const canary = seriesOf(buckets, metric, "canary");
    const baseline = seriesOf(buckets, metric, "baseline");
    const reference = referenceFor(guardrail, references);
    const e = evaluateGuardrail(guardrail, canary, baseline, now, undefined, null, reference);
    const before = evaluateGuardrail(guardrail, canary, baseline, now - guardrail.windowSeconds * 1000, undefined, null, reference);
    const watched = guardrail.critical !== NEVER_BREACHES;
    const sequential = judged.get(metric);
    if (sequential) {
      return {
        metric,
        level: plan.calibration && sequential.level === "critical" ? "ok" : sequential.level,
        current: e.canaryValue,
        previous: before.canaryValue,
        canary: sequential.canaryValue,
        baseline: sequential.baselineValue,
        observed: sequential.observed,
        detail: sequential.detail,
        criticalSince: plan.calibration ? null : sequential.criticalSince,
        actsAt: plan.calibration ? null : (sequential.actsAt ?? null),
        verdict: plan.calibration ? calibrationText({ detail: sequential.detail, interval: sequential.sequential?.verdict.interval ?? null, baselineLevel: sequential.baselineValue }) : sequential.detail,
        t: now,
      };
    }
    return {
      metric,
      level: watched ? e.level : e.canaryValue === null ? "inconclusive" : "ok",
      current: e.canaryValue,
      previous: before.canaryValue,
      canary: e.canaryValue,
      baseline: e.baselineValue,
      observed: e.observed,
      detail: watched ? e.detail : null,
      criticalSince: watched ? e.criticalSince : null,
      actsAt: watched ? (e.actsAt ?? null) : null,
      t: now,
    };
  });
}
