// No evidence, no GO: how much canary data each guardrail of a wave has been judged on, against the least it needs.
// A threshold guardrail needs its minimum of samples; a statistical judge compares 10 s bucket means, so it needs
// that many non-empty buckets (the same unit its own "not enough data" verdict counts).
import type { Guardrail, Plan } from "../../plans/core/plan";
import { RATIO_METRICS } from "../../plans/core/plan";
import { guardrailsForWave } from "../../plans/core/wave-guardrails";
import { DEFAULT_MIN_COUNT } from "./sequential-guardrail";

/** Canary data stored for one metric since the wave began. */
export interface CanaryTally {
  /** Samples received (a sample carrying `count` counts as that many). */
  samples: number;
  /** Non-empty 10 s buckets. */
  buckets: number;
}

export interface GuardrailEvidence {
  metric: string;
  observed: number;
  required: number;
  unit: string;
}

export const DEFAULT_MIN_SAMPLES = { threshold: 1, "mann-whitney": 50, sequential: 6 } as const;

export function minimumEvidence(g: Pick<Guardrail, "judge" | "minSamples" | "minCount" | "metric">): { required: number; unit: "samples" | "10 s buckets" | "requests" } {
  if (!g.judge) return { required: g.minSamples ?? DEFAULT_MIN_SAMPLES.threshold, unit: "samples" };
  // The sequential judge counts a ratio metric in requests (samples weigh their `count`), as its own verdict does.
  if (g.judge === "sequential" && RATIO_METRICS.includes(g.metric)) return { required: g.minCount ?? DEFAULT_MIN_COUNT, unit: "requests" };
  return { required: g.minSamples ?? DEFAULT_MIN_SAMPLES[g.judge], unit: "10 s buckets" };
}

/** One entry per gating metric of the wave; watch-only metrics never gate (the plan refuses guardrails on them). */
export function waveEvidence(plan: Plan, waveIndex: number, tallies: ReadonlyMap<string, CanaryTally>): GuardrailEvidence[] {
  const watchOnly = new Set((plan.metrics ?? []).filter((m) => m.watchOnly).map((m) => m.key));
  const byMetric = new Map<string, GuardrailEvidence>();
  for (const g of guardrailsForWave(plan, waveIndex)) {
    if (watchOnly.has(g.metric)) continue;
    const { required, unit } = minimumEvidence(g);
    const tally = tallies.get(g.metric) ?? { samples: 0, buckets: 0 };
    const observed = unit === "10 s buckets" ? tally.buckets : tally.samples;
    const known = byMetric.get(g.metric);
    if (!known || required - observed > known.required - known.observed) byMetric.set(g.metric, { metric: g.metric, observed, required, unit });
  }
  return [...byMetric.values()];
}
