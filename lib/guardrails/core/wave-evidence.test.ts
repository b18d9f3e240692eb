// No evidence, no GO: what each guardrail of a wave must have seen, and the gate lines it produces.
import { describe, expect, it } from "vitest";
import { evaluateWaveGates, type GateInputs } from "../../releases/core/gates";
import { PlanSchema } from "../../plans/core/plan";
import { minimumEvidence, waveEvidence } from "./wave-evidence";

const plan = PlanSchema.parse({
  name: "Checkout v2",
  service: "checkout",
  version: "2.0.0",
  guardrails: [{ metric: "error_rate", comparator: ">", critical: 0.02 }],
  waves: [
    { name: "Canary", trafficPercent: 10, guardrails: [{ metric: "latency_p95_ms", comparator: ">", critical: 400, judge: "mann-whitney", minSamples: 12 }] },
    { name: "All", trafficPercent: 100 },
  ],
});
const T0 = new Date("2030-01-01T00:00:00.000Z");
const inputs = (over: Partial<GateInputs>): GateInputs => ({ now: new Date(T0.getTime() + 3_600_000), waveStartedAt: T0, checklist: [], signoffs: [], criticalBreaches: [], ...over });

describe("waveEvidence", () => {
  it("counts samples for thresholds and 10 s buckets for a statistical judge, with each one's minimum", () => {
    const tallies = new Map([
      ["error_rate", { samples: 3, buckets: 2 }],
      ["latency_p95_ms", { samples: 400, buckets: 5 }],
    ]);
    expect(waveEvidence(plan, 0, tallies)).toEqual(
      expect.arrayContaining([
        { metric: "latency_p95_ms", observed: 5, required: 12, unit: "10 s buckets" },
        { metric: "error_rate", observed: 3, required: 1, unit: "samples" },
      ]),
    );
    expect(waveEvidence(plan, 0, tallies)).toHaveLength(2);
  });

  it("a metric with no tally has observed nothing", () => {
    expect(waveEvidence(plan, 1, new Map())).toEqual([{ metric: "error_rate", observed: 0, required: 1, unit: "samples" }]);
  });
});

describe("the wave gate with evidence", () => {
  it("no canary data: NO-GO naming the metric, even with bake time over", () => {
    const gate = evaluateWaveGates(plan, 1, inputs({ waveEvidence: waveEvidence(plan, 1, new Map()) }));
    expect(gate.open).toBe(false);
    expect(gate.unmet).toEqual([{ kind: "evidence", metric: "error_rate", observed: 0, required: 1, message: "Not enough evidence: error_rate: no canary data in this wave" }]);
  });

  it("some but too little: says how much of how much", () => {
    const gate = evaluateWaveGates(plan, 0, inputs({ waveEvidence: waveEvidence(plan, 0, new Map([["error_rate", { samples: 9, buckets: 3 }], ["latency_p95_ms", { samples: 30, buckets: 3 }]])) }));
    expect(gate.unmet.map((u) => u.message)).toEqual(["Not enough evidence: latency_p95_ms: 3 of 12 10 s buckets"]);
  });

  it("enough evidence for every metric: GO", () => {
    const tallies = new Map([
      ["error_rate", { samples: 9, buckets: 3 }],
      ["latency_p95_ms", { samples: 300, buckets: 12 }],
    ]);
    expect(evaluateWaveGates(plan, 0, inputs({ waveEvidence: waveEvidence(plan, 0, tallies) })).open).toBe(true);
  });

  it("a metric already held by a breach is named once", () => {
    const gate = evaluateWaveGates(plan, 1, inputs({ criticalBreaches: [{ metric: "error_rate", detail: "3% > 2%" }], waveEvidence: waveEvidence(plan, 1, new Map()) }));
    expect(gate.unmet.filter((u) => "metric" in u && u.metric === "error_rate")).toHaveLength(1);
  });
});

describe("minimumEvidence for the sequential judge", () => {
  it("counts a ratio metric in requests (minCount, default 100) and other metrics in 10 s buckets (default 6)", () => {
    expect(minimumEvidence({ metric: "error_rate", judge: "sequential" })).toEqual({ required: 100, unit: "requests" });
    expect(minimumEvidence({ metric: "error_rate", judge: "sequential", minCount: 5000 })).toEqual({ required: 5000, unit: "requests" });
    expect(minimumEvidence({ metric: "latency_p95_ms", judge: "sequential" })).toEqual({ required: 6, unit: "10 s buckets" });
  });
});
