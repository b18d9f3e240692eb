// Tests for go/no-go gates: bake-time boundaries, checklist and sign-off states, breaches, start gates, durations.
import { describe, it, expect } from "vitest";
import {
  evaluateStartGates,
  evaluateWaveGates,
  formatDuration,
  type ChecklistItemStatus,
  type GateInputs,
  type SignoffStatus,
} from "./gates";
import { PlanSchema } from "../../plans/core/plan";

const T0 = new Date("2030-01-01T00:00:00.000Z");
const at = (seconds: number, ms = 0) => new Date(T0.getTime() + seconds * 1000 + ms);

const plan = PlanSchema.parse({
  name: "Checkout v2",
  service: "checkout",
  version: "2.0.0",
  waves: [
    { name: "Canary", trafficPercent: 10, bakeSeconds: 600, signoffs: ["sre", "qa"] },
    { name: "Early", trafficPercent: 25 },
    { name: "Full", trafficPercent: 100, bakeSeconds: 90 },
  ],
});

function inputs(over: Partial<GateInputs> = {}): GateInputs {
  return { now: at(0), waveStartedAt: T0, checklist: [], signoffs: [], criticalBreaches: [], ...over };
}

function item(over: Partial<ChecklistItemStatus> = {}): ChecklistItemStatus {
  return { id: "c1", waveIndex: 0, text: "Dashboards open", ownerRole: "sre", required: true, state: "open", ...over };
}

const approve = (role: string, waveIndex = 0): SignoffStatus => ({ waveIndex, role, decision: "approve", by: `${role}-lead`, comment: null });

describe("evaluateWaveGates: bake time", () => {
  it("is unmet one second before the boundary, with remainingSeconds 1 and readyAt", () => {
    const s = evaluateWaveGates(plan, 2, inputs({ now: at(89) }));
    expect(s.open).toBe(false);
    expect(s.unmet).toEqual([
      { kind: "bake", message: "Bake time: 1s of 1m 30s still to go", remainingSeconds: 1, readyAt: "2030-01-01T00:01:30.000Z" },
    ]);
  });

  it("rounds a partial second up: 1 ms before the boundary still blocks with 1 s", () => {
    const s = evaluateWaveGates(plan, 2, inputs({ now: at(89, 999) }));
    expect(s.unmet).toHaveLength(1);
    expect(s.unmet[0]).toMatchObject({ kind: "bake", remainingSeconds: 1 });
  });

  it("is met exactly at the boundary and after it", () => {
    expect(evaluateWaveGates(plan, 2, inputs({ now: at(90) }))).toEqual({ open: true, unmet: [] });
    expect(evaluateWaveGates(plan, 2, inputs({ now: at(5000) }))).toEqual({ open: true, unmet: [] });
  });

  it("reports the full bake when the wave has not started (waveStartedAt null counts from now)", () => {
    const s = evaluateWaveGates(plan, 2, inputs({ now: at(1000), waveStartedAt: null }));
    expect(s.unmet[0]).toMatchObject({ kind: "bake", remainingSeconds: 90, message: "Bake time: 1m 30s of 1m 30s still to go" });
  });

  it("has no bake gate for a wave with bakeSeconds 0", () => {
    expect(evaluateWaveGates(plan, 1, inputs({ now: at(0) }))).toEqual({ open: true, unmet: [] });
  });

  it("returns closed with nothing listed for a wave index that does not exist", () => {
    expect(evaluateWaveGates(plan, 7, inputs())).toEqual({ open: false, unmet: [] });
  });
});

describe("evaluateWaveGates: checklist, sign-offs, breaches", () => {
  const baked = { now: at(600), signoffs: [approve("sre"), approve("qa")] };

  it("is open when bake is done and every required sign-off is approved", () => {
    expect(evaluateWaveGates(plan, 0, inputs(baked))).toEqual({ open: true, unmet: [] });
  });

  it("blocks on open and not_met required items, not on met/waived or optional ones, nor other waves' items", () => {
    const checklist = [
      item({ id: "open", text: "Open item", state: "open" }),
      item({ id: "notmet", text: "Failing item", ownerRole: "qa", state: "not_met" }),
      item({ id: "met", state: "met" }),
      item({ id: "waived", state: "waived" }),
      item({ id: "optional", required: false, state: "not_met" }),
      item({ id: "other-wave", waveIndex: 1, state: "open" }),
      item({ id: "pre", waveIndex: null, state: "open" }),
    ];
    const s = evaluateWaveGates(plan, 0, inputs({ ...baked, checklist }));
    expect(s.open).toBe(false);
    expect(s.unmet).toEqual([
      { kind: "checklist", message: 'Checklist: "Open item" is open (owner: sre)', itemId: "open", text: "Open item", ownerRole: "sre", state: "open" },
      {
        kind: "checklist",
        message: 'Checklist: "Failing item" is not met (owner: qa)',
        itemId: "notmet",
        text: "Failing item",
        ownerRole: "qa",
        state: "not_met",
      },
    ]);
  });

  it("lists missing sign-offs and rejections (rejection wins over an approval), ignoring other waves' sign-offs", () => {
    const signoffs: SignoffStatus[] = [
      approve("sre"),
      { waveIndex: 0, role: "sre", decision: "reject", by: "bob", comment: "p99 regressed" },
      approve("qa", 1),
    ];
    const s = evaluateWaveGates(plan, 0, inputs({ now: at(600), signoffs }));
    expect(s.unmet).toEqual([
      { kind: "signoff", message: "Sign-off: sre rejected (bob): p99 regressed", role: "sre", rejectedBy: "bob", comment: "p99 regressed" },
      { kind: "signoff", message: "Sign-off: waiting for qa", role: "qa" },
    ]);
  });

  it("words a rejection without a comment without a trailing colon", () => {
    const signoffs: SignoffStatus[] = [approve("qa"), { waveIndex: 0, role: "sre", decision: "reject", by: "bob", comment: null }];
    const s = evaluateWaveGates(plan, 0, inputs({ now: at(600), signoffs }));
    expect(s.unmet).toEqual([{ kind: "signoff", message: "Sign-off: sre rejected (bob)", role: "sre", rejectedBy: "bob", comment: null }]);
  });

  it("lists every critical breach", () => {
    const s = evaluateWaveGates(plan, 1, inputs({
      criticalBreaches: [
        { metric: "error_rate", detail: "error_rate 12% > 10%" },
        { metric: "latency_p99_ms", detail: "p99 900ms > 800ms" },
      ],
    }));
    expect(s.unmet).toEqual([
      { kind: "breach", message: "Critical breach active: error_rate 12% > 10%", metric: "error_rate" },
      { kind: "breach", message: "Critical breach active: p99 900ms > 800ms", metric: "latency_p99_ms" },
    ]);
  });

  it("lists all unmet gates at once, in order bake, checklist, sign-off, breach", () => {
    const s = evaluateWaveGates(plan, 0, inputs({
      now: at(599),
      checklist: [item()],
      signoffs: [approve("qa")],
      criticalBreaches: [{ metric: "error_rate", detail: "boom" }],
    }));
    expect(s.open).toBe(false);
    expect(s.unmet.map((u) => u.kind)).toEqual(["bake", "checklist", "signoff", "breach"]);
  });
});

describe("evaluateStartGates", () => {
  it("is open with nothing pending", () => {
    expect(evaluateStartGates(plan, inputs())).toEqual({ open: true, unmet: [] });
  });

  it("considers only pre-deployment (waveIndex null) required items, plus breaches", () => {
    const s = evaluateStartGates(plan, inputs({
      checklist: [
        item({ id: "pre-open", waveIndex: null, text: "Runbook linked", ownerRole: "eng" }),
        item({ id: "pre-waived", waveIndex: null, state: "waived" }),
        item({ id: "pre-optional", waveIndex: null, required: false }),
        item({ id: "wave0", waveIndex: 0 }),
      ],
      criticalBreaches: [{ metric: "cpu_percent", detail: "cpu 99%" }],
    }));
    expect(s.open).toBe(false);
    expect(s.unmet).toEqual([
      { kind: "checklist", message: 'Checklist: "Runbook linked" is open (owner: eng)', itemId: "pre-open", text: "Runbook linked", ownerRole: "eng", state: "open" },
      { kind: "breach", message: "Critical breach active: cpu 99%", metric: "cpu_percent" },
    ]);
  });
});

describe("formatDuration", () => {
  it.each([
    [0, "0s"],
    [1, "1s"],
    [59, "59s"],
    [60, "1m"],
    [61, "1m 1s"],
    [90, "1m 30s"],
    [3599, "59m 59s"],
    [3600, "1h"],
    [3660, "1h 1m"],
    [3661, "1h 1m"],
    [86399, "23h 59m"],
    [86400, "1d"],
    [90000, "1d 1h"],
    [86400 + 59 * 60, "1d"],
    [7 * 86400, "7d"],
    [-5, "0s"],
    [59.4, "59s"],
    [59.5, "1m"],
  ])("formats %s seconds as %s", (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});
