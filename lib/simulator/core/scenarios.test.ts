import { describe, expect, it } from "vitest";
import { evaluateGuardrail, rollUp, seriesBuckets, type Sample } from "../../guardrails/core";
import type { Guardrail } from "../../plans/core/plan";
import { generateTick, seededRandom, type Scenario } from "./scenarios";

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);

function run(scenario: Scenario, seconds: number): Sample[] {
  const rand = seededRandom(42);
  const out: Sample[] = [];
  for (let s = 0; s < seconds; s++) out.push(...generateTick({ scenario, elapsed: s, now: NOW - (seconds - s) * 1000, rand }));
  return out;
}

const errorRate: Guardrail = { metric: "error_rate", comparator: ">", warning: 0.05, critical: 0.1, forSeconds: 20, windowSeconds: 20, onCritical: "rollback" };
const p95: Guardrail = { metric: "latency_p95_ms", comparator: ">", warning: 600, critical: 1000, forSeconds: 20, windowSeconds: 20, onCritical: "pause" };
const memory: Guardrail = { metric: "memory_mb", comparator: ">", relativeTo: "baseline", warning: 0.5, critical: 1, forSeconds: 20, windowSeconds: 30, onCritical: "pause" };

function judge(g: Guardrail, samples: Sample[]) {
  const rolled = rollUp(samples, 10_000);
  return evaluateGuardrail(g, seriesBuckets(rolled, g.metric, "canary"), seriesBuckets(rolled, g.metric, "baseline"), NOW);
}

describe("simulator scenarios", () => {
  it("produces valid samples: ratios within 0..1, nothing negative, both cohorts", () => {
    for (const scenario of ["healthy", "latency-regression", "error-spike", "memory-leak", "flapping"] as const) {
      const samples = run(scenario, 30);
      expect(samples.every((s) => Number.isFinite(s.value) && s.value >= 0)).toBe(true);
      expect(samples.filter((s) => s.metric.endsWith("_rate")).every((s) => s.value <= 1)).toBe(true);
      expect(new Set(samples.map((s) => s.cohort))).toEqual(new Set(["canary", "baseline"]));
    }
  });

  it("keeps a healthy canary inside every guardrail", () => {
    const samples = run("healthy", 120);
    for (const g of [errorRate, p95, memory]) expect(judge(g, samples).level).toBe("ok");
  });

  it("trips the guardrail each failure scenario is meant to trip", () => {
    expect(judge(errorRate, run("error-spike", 60))).toMatchObject({ level: "critical", sustainedCritical: true });
    expect(judge(p95, run("latency-regression", 90))).toMatchObject({ level: "critical", sustainedCritical: true });
    expect(judge(memory, run("memory-leak", 150))).toMatchObject({ level: "critical", sustainedCritical: true });
  });

  it("flaps without ever sustaining a 20 s critical breach", () => {
    const samples = run("flapping", 120);
    const rolled = rollUp(samples, 10_000);
    for (let t = NOW - 60_000; t <= NOW; t += 1000) {
      const e = evaluateGuardrail(errorRate, seriesBuckets(rolled, "error_rate", "canary"), [], t);
      expect(e.sustainedCritical).toBe(false);
    }
  });
});
