// A guardrail judged statistically (`judge: "mann-whitney"`): the canary's 10 s bucket means in the window against
// the baseline's, through the Mann-Whitney judge, instead of the thresholds. `high` (or `low`, per direction) is
// critical; too few samples is inconclusive, with the counts in the sentence. Sustained means the judge said so at
// now, now - forSeconds/2 and now - forSeconds: it already aggregates a whole window, so three looks stand in for
// the bucket-by-bucket walk of threshold guardrails.
import type { Guardrail } from "../../plans/core/plan";
import type { GuardrailEvaluation } from "./evaluate";
import { type JudgeDirection, type JudgeResult, judgeCanary } from "./mann-whitney";
import type { Bucket } from "./rollup";

export function directionOf(g: Guardrail): JudgeDirection {
  return g.direction ?? (g.comparator.startsWith(">") ? "increase" : "decrease");
}

function windowSamples(buckets: readonly Bucket[], from: number, to: number): number[] {
  return buckets.filter((b) => b.count > 0 && b.start >= from && b.start < to).sort((a, b) => a.start - b.start).map((b) => b.sum / b.count);
}

function judgeAt(g: Guardrail, canary: readonly Bucket[], baseline: readonly Bucket[], t: number, runStartedAt: number | null): JudgeResult {
  const from = Math.max(t - g.windowSeconds * 1000, runStartedAt ?? -Infinity);
  return judgeCanary(windowSamples(canary, from, t), windowSamples(baseline, t - g.windowSeconds * 1000, t), {
    direction: directionOf(g),
    minSamples: g.minSamples,
  });
}

const failing = (r: JudgeResult) => r.verdict === "high" || r.verdict === "low";

export function evaluateJudgedGuardrail(
  g: Guardrail,
  canary: readonly Bucket[],
  baseline: readonly Bucket[],
  now: number,
  runStartedAt: number | null,
): GuardrailEvaluation & { judge: JudgeResult } {
  const result = judgeAt(g, canary, baseline, now, runStartedAt);
  const level = result.verdict === "not_enough_data" ? "inconclusive" : failing(result) ? "critical" : "ok";
  const forMs = g.forSeconds * 1000;
  const earlier = level === "critical" && forMs > 0 ? [now - forMs / 2, now - forMs] : [];
  // A look before the run began has no canary data of this run: it cannot vouch for a sustained breach.
  const sustainedCritical =
    level === "critical" && earlier.every((t) => (runStartedAt === null || t >= runStartedAt) && failing(judgeAt(g, canary, baseline, t, runStartedAt)));
  const mean = (v: number[]) => (v.length ? v.reduce((a, b) => a + b, 0) / v.length : null);
  const pending = level === "critical" && !sustainedCritical && forMs > 0 ? `, not yet judged so for ${g.forSeconds}s` : "";
  return {
    metric: g.metric,
    level,
    observed: result.test?.estimate ?? null,
    canaryValue: mean(windowSamples(canary, now - g.windowSeconds * 1000, now)),
    baselineValue: mean(windowSamples(baseline, now - g.windowSeconds * 1000, now)),
    threshold: null,
    sustainedCritical,
    criticalSince: level === "critical" ? (sustainedCritical ? now - forMs : now) : null,
    detail: `${g.metric} (Mann-Whitney, window ${g.windowSeconds}s): ${result.reason}${pending}`,
    judge: result,
  };
}
