import { describe, expect, it } from "vitest";
import type { ReleaseState } from "../../releases/core/machine";
import { PlanSchema } from "../../plans/core/plan";
import { guardrailStep } from "./guardrail-step";
import { evaluateJudgedGuardrail } from "./judge-guardrail";
import type { Bucket } from "./rollup";
import { watchRelease } from "./watch";

const T0 = 1_800_000_000_000;
const plan = PlanSchema.parse({
  name: "Judged",
  service: "svc",
  version: "2",
  guardrails: [{ metric: "latency_p95_ms", comparator: ">", critical: 1, windowSeconds: 900, forSeconds: 120, onCritical: "rollback", judge: "mann-whitney" }],
  waves: [{ name: "Canary", trafficPercent: 10 }, { name: "All", trafficPercent: 100 }],
});
const g = plan.guardrails[0];

/** One 10 s bucket per step from `from` to `to`, value f(i) with a little deterministic noise. */
function series(from: number, to: number, f: (i: number) => number): Bucket[] {
  const out: Bucket[] = [];
  for (let t = from, i = 0; t < to; t += 10_000, i++) {
    const v = f(i) + ((i * 7919) % 13) - 6;
    out.push({ start: t, count: 1, sum: v, min: v, max: v });
  }
  return out;
}

describe("a guardrail judged by Mann-Whitney", () => {
  const runStart = T0;
  const now = T0 + 900_000;

  it("is critical and sustained when the canary is clearly slower over the window and the last forSeconds", () => {
    const e = evaluateJudgedGuardrail(g, series(T0, now, () => 400), series(T0 - 900_000, now, () => 300), now, runStart);
    expect(e.level).toBe("critical");
    expect(e.sustainedCritical).toBe(true);
    expect(e.judge.verdict).toBe("high");
    expect(e.detail).toMatch(/^latency_p95_ms \(Mann-Whitney, window 900s\): canary higher than baseline: shift \+100 \(98% CI/);
  });

  it("passes the same distribution", () => {
    const e = evaluateJudgedGuardrail(g, series(T0, now, () => 300), series(T0 - 900_000, now, () => 300), now, runStart);
    expect(e.level).toBe("ok");
  });

  it("is inconclusive (not_enough_data) until 50 samples per cohort are in the window, counting only this run's canary", () => {
    const early = T0 + 300_000;
    const e = evaluateJudgedGuardrail(g, series(T0 - 600_000, early, () => 400), series(T0 - 900_000, early, () => 300), early, runStart);
    expect(e.level).toBe("inconclusive");
    expect(e.detail).toContain("30 canary and 90 baseline samples, 50 of each needed");
  });

  it("is critical but not yet sustained when the shift began less than forSeconds ago", () => {
    const canary = [...series(T0, now - 60_000, () => 300), ...series(now - 60_000, now, () => 5000)];
    // A big recent jump moves the window's interval only once enough of it is in; with 6 of 90 buckets it is not.
    const e = evaluateJudgedGuardrail(g, canary, series(T0 - 900_000, now, () => 300), now, runStart);
    expect(e.sustainedCritical).toBe(false);
  });

  it("rolls back through the same watch and step as threshold guardrails, with the judge's sentence as evidence", () => {
    const buckets = new Map([
      ["latency_p95_ms|canary", series(T0, now, () => 400)],
      ["latency_p95_ms|baseline", series(T0 - 900_000, now, () => 300)],
    ]);
    const state: ReleaseState = { status: "running", currentWaveIndex: 0, trafficPercent: 10, waveStartedAt: new Date(T0) };
    const watch = watchRelease({ plan, waveIndex: 0, buckets, openAlerts: [], checklist: [], now, runStartedAt: runStart });
    expect(watch.action?.type).toBe("rollback");
    const step = guardrailStep({
      plan,
      state,
      run: 1,
      gates: { now: new Date(now), waveStartedAt: new Date(T0), checklist: [], signoffs: [], criticalBreaches: [] },
      openAlerts: [],
      watch,
      checklistItem: () => ({ text: "", waveIndex: null, ownerRole: "" }),
      now: new Date(now),
    });
    expect(step.events.map((e) => e.type)).toEqual(["breach", "rolled_back", "episode_closed"]);
    const rolledBack = step.events[1];
    if (rolledBack.type !== "rolled_back") throw new Error(`expected rolled_back, got ${rolledBack.type}`);
    expect(rolledBack.data.evidence?.condition).toContain("judged by mann-whitney");
  });
});
