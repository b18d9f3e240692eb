// Issue 27: the breach gate line kept the escalation's wording ("14.6%") while the value had become much worse, because
// an alert's detail was written only at its breach or escalation. Given-when-then over the pieces the server runs
// (watchRelease -> guardrailStep, the stored detail as writeAlert keeps it, the gate line as release-view builds it).
import { describe, expect, it } from "vitest";
import { evaluateWaveGates, type GateInputs } from "../../releases/core/gates";
import { decide, initialState, type DomainEvent, type ReleaseState } from "../../releases/core/machine";
import { PlanSchema, type Plan } from "../../plans/core/plan";
import { DETAIL_REFRESH_SHARE, detailIsStale, type OpenAlert } from "./alerts";
import type { GuardrailEvaluation } from "./evaluate";
import { guardrailStep } from "./guardrail-step";
import type { Bucket } from "./rollup";
import { watchRelease } from "./watch";

const T0 = 1_800_000_000_000;
const B = 10_000;

const plan: Plan = PlanSchema.parse({
  name: "Wording",
  service: "svc",
  version: "1.0.0",
  // notify: the guardrail only tells, so the release stays in its wave and the gate line is read while the breach lasts.
  guardrails: [{ metric: "error_rate", comparator: ">", critical: 0.1, windowSeconds: 30, forSeconds: 30, onCritical: "notify" }],
  waves: [
    { name: "Canary", trafficPercent: 10 },
    { name: "All", trafficPercent: 100 },
  ],
});

/** A stored alert row: the episode plus its detail, as the Alert table keeps them. */
type Row = OpenAlert & { detail: string };

class Rig {
  state: ReleaseState = initialState();
  rows: Row[] = [];
  log: DomainEvent[] = [];
  canary: Bucket[] = [];
  now = T0;
  writes = 0;

  gates(): GateInputs {
    // As release-view's gateInputsOf: the open critical alerts with their stored detail.
    const criticalBreaches = this.rows.filter((a) => a.level === "critical").map((a) => ({ metric: a.metric, detail: a.detail }));
    return { now: new Date(this.now), waveStartedAt: this.state.waveStartedAt, checklist: [], signoffs: [], criticalBreaches };
  }

  gateLine(): string | undefined {
    return evaluateWaveGates(plan, this.state.currentWaveIndex, this.gates()).unmet.find((u) => u.kind === "breach")?.message;
  }

  start() {
    const decision = decide(plan, this.state, { type: "start", actor: "ic" }, this.gates());
    if (!decision.ok) throw new Error(decision.refusal.message);
    this.state = decision.state;
  }

  guardrail() {
    const watch = watchRelease({
      plan,
      waveIndex: this.state.currentWaveIndex,
      buckets: new Map([["error_rate|canary", this.canary]]),
      openAlerts: this.rows,
      checklist: [],
      now: this.now,
      runStartedAt: T0,
    });
    const step = guardrailStep({ plan, state: this.state, run: 1, gates: this.gates(), openAlerts: this.rows, watch, checklistItem: () => ({ text: "", waveIndex: null, ownerRole: null }), now: new Date(this.now) });
    // As watch-release's writeAlert: an update keeps the stored detail unless the write brings one.
    for (const write of step.alerts) {
      this.writes++;
      const stored = this.rows.find((r) => r.metric === write.metric);
      this.rows = this.rows.filter((r) => r.metric !== write.metric);
      if (write.next) this.rows.push({ ...write.next, detail: write.detail ?? stored?.detail ?? write.metric });
    }
    this.log.push(...step.events);
    if (step.state) this.state = step.state;
  }

  /** Error rate `value` in every 10 s bucket for `seconds`, a guardrail pass after each. */
  advance(seconds: number, value: number) {
    for (let t = 0; t < seconds; t += 10) {
      this.canary.push({ start: this.now, count: 10, sum: value * 10, min: value, max: value });
      this.now += B;
      this.guardrail();
    }
  }
}

describe("the breach gate line tells the current value", () => {
  it("given an alert opened at 14.6%, when the value rises to 40%, then the gate line says 40%", () => {
    const rig = new Rig();
    rig.start();
    rig.advance(60, 0.146);
    expect(rig.log.map((e) => e.type)).toContain("breach");
    expect(rig.gateLine()).toMatch(/^Critical breach active: error_rate 14\.6% > critical 10%/);

    rig.advance(60, 0.4);
    expect(rig.gateLine()).toMatch(/^Critical breach active: error_rate 40% > critical 10%/);
    expect(rig.gateLine()).not.toContain("14.6%");
    // The same episode (no new breach, no event for a rewording), and the alert remembers the value it describes.
    expect(rig.log.filter((e) => e.type === "breach")).toHaveLength(1);
    expect(rig.rows).toHaveLength(1);
    expect(rig.rows[0]!.detailValue).toBeCloseTo(0.4);
    expect(rig.rows[0]!.openedAt).toBeLessThan(rig.now - 60_000);
  });

  it("does not rewrite the detail on every pass for small moves, and says when the breach eases", () => {
    const rig = new Rig();
    rig.start();
    rig.advance(60, 0.2);
    expect(rig.gateLine()).toContain("error_rate 20% > critical 10%");
    const writes = rig.writes;
    // 20% -> 20.5%: less than a tenth of the value, the stored wording stays and nothing is written.
    rig.advance(60, 0.205);
    expect(rig.writes).toBe(writes);
    expect(rig.gateLine()).toContain("error_rate 20% > critical 10%");
    // Easing to 12%: still a breach, told with its new value.
    rig.advance(60, 0.12);
    expect(rig.gateLine()).toContain("error_rate 12% > critical 10%");
  });
});

describe("detailIsStale", () => {
  const alert = (detailValue: number | null | undefined): OpenAlert => ({ metric: "error_rate", level: "critical", openedAt: T0, healthySince: null, actedAt: null, detailValue });
  const evaluation = (level: GuardrailEvaluation["level"], observed: number | null): GuardrailEvaluation => ({
    metric: "error_rate",
    level,
    observed,
    canaryValue: observed,
    baselineValue: null,
    threshold: 0.1,
    sustainedCritical: false,
    criticalSince: null,
    detail: "",
  });

  it.each([
    { described: 0.146, now: 0.4, level: "critical", stale: true },
    { described: 0.146, now: 0.15, level: "critical", stale: false },
    { described: 0.2, now: 0.2 * (1 + DETAIL_REFRESH_SHARE), level: "critical", stale: true },
    { described: 0.2, now: 0.2 * (1 + DETAIL_REFRESH_SHARE / 2), level: "critical", stale: false },
    { described: 0.4, now: 0.12, level: "critical", stale: true },
    { described: 0.146, now: 0.07, level: "warning", stale: true },
    // Healthy again or no data: the wording of the last measured breach stays (recovery and no-data have their own).
    { described: 0.146, now: 0.01, level: "ok", stale: false },
    { described: 0.146, now: null, level: "inconclusive", stale: false },
    // Stored before the value was kept with its detail: rewritten once.
    { described: null, now: 0.15, level: "critical", stale: true },
    { described: undefined, now: 0.15, level: "critical", stale: true },
  ] as const)("described $described, now $now ($level): stale $stale", ({ described, now, level, stale }) => {
    expect(detailIsStale(alert(described), evaluation(level, now), 0.1)).toBe(stale);
  });

  it("measures small values against the threshold, so a move near zero is not 'meaningful' by itself", () => {
    // Difference guardrail: described +0.001 against a critical of +0.05; +0.003 is a threefold rise but 4% of 0.05.
    expect(detailIsStale(alert(0.001), evaluation("critical", 0.003), 0.05)).toBe(false);
    expect(detailIsStale(alert(0.001), evaluation("critical", 0.02), 0.05)).toBe(true);
  });
});
