// Plan v2 guardrails as sequences (given-events / when-command / then-events) over the pure pieces the server runs:
// several rules per metric with their own duration and action, step_back, and comparisons with the level before
// the rollout or the previous wave, as a ratio or an absolute difference.
import { describe, expect, it } from "vitest";
import type { GateInputs } from "../../releases/core/gates";
import { decide, initialState, type CommandType, type DomainEvent, type ReleaseState } from "../../releases/core/machine";
import { PlanSchema, type PlanInput, type Plan } from "../../plans/core/plan";
import type { OpenAlert } from "./alerts";
import { evaluateGuardrail } from "./evaluate";
import { episodesClosedByRunEnd, guardrailStep } from "./guardrail-step";
import { capturePreRollout, capturePreviousWave, referenceFor, type ReferenceLevels } from "./references";
import type { Bucket } from "./rollup";
import { watchRelease } from "./watch";

const T0 = 1_800_000_000_000;
const B = 10_000;

const planOf = (guardrail: Record<string, unknown>, over: Partial<PlanInput> = {}): Plan =>
  PlanSchema.parse({
    name: "v2",
    service: "svc",
    version: "1.0.0",
    guardrails: [{ metric: "error_rate", comparator: ">", windowSeconds: 60, ...guardrail }],
    waves: [
      { name: "Canary", trafficPercent: 10 },
      { name: "Half", trafficPercent: 50 },
      { name: "All", trafficPercent: 100 },
    ],
    ...over,
  });

/** An in-memory release driven like the server drives one, with the reference levels apply-command stores. */
class Rig {
  state: ReleaseState = initialState();
  run = 0;
  runStartedAt: number | null = null;
  alerts: OpenAlert[] = [];
  log: DomainEvent[] = [];
  canary: Bucket[] = [];
  baseline: Bucket[] = [];
  references: ReferenceLevels = {};
  now = T0;

  constructor(readonly plan: Plan) {}

  private gates(): GateInputs {
    return {
      now: new Date(this.now),
      waveStartedAt: this.state.waveStartedAt,
      checklist: [],
      signoffs: [],
      criticalBreaches: this.alerts.filter((a) => a.level === "critical").map((a) => ({ metric: a.metric, detail: `${a.metric} critical` })),
    };
  }

  private series() {
    return new Map([
      ["error_rate|canary", this.canary],
      ["error_rate|baseline", this.baseline],
    ]);
  }

  private enter(previous: ReleaseState, next: ReleaseState) {
    if (next.status === "running" && (previous.status === "draft" || previous.status === "rolled_back")) {
      this.run++;
      this.runStartedAt = this.now;
      if (!this.references.preRollout) this.references = { preRollout: capturePreRollout(this.plan, this.series(), this.now, B) };
      else this.references = { preRollout: this.references.preRollout };
    } else if (next.currentWaveIndex > previous.currentWaveIndex && previous.waveStartedAt) {
      this.references = { ...this.references, previousWave: capturePreviousWave(this.plan, this.series(), previous.waveStartedAt.getTime(), this.now, B) };
    }
    this.state = next;
  }

  human(type: CommandType, options: { override?: boolean; reason?: string } = {}): string | null {
    const decision = decide(this.plan, this.state, { type, actor: "ic", ...options }, this.gates());
    if (!decision.ok) return decision.refusal.code;
    const closing = episodesClosedByRunEnd(this.state, decision.state, this.alerts, this.run, new Date(this.now));
    if (closing.length > 0) this.alerts = [];
    if (type === "resume") this.alerts = this.alerts.map((a) => ({ ...a, actedAt: null, actedAction: null, refusedAction: null }));
    this.log.push(...decision.events, ...closing);
    this.enter(this.state, decision.state);
    return null;
  }

  guardrail() {
    if (!["running", "paused"].includes(this.state.status)) return;
    const watch = watchRelease({
      plan: this.plan,
      waveIndex: this.state.currentWaveIndex,
      buckets: this.series(),
      openAlerts: this.alerts,
      checklist: [],
      now: this.now,
      runStartedAt: this.runStartedAt,
      references: this.references,
    });
    const step = guardrailStep({
      plan: this.plan,
      state: this.state,
      run: this.run,
      gates: this.gates(),
      openAlerts: this.alerts,
      watch,
      checklistItem: () => ({ text: "", waveIndex: null, ownerRole: null }),
      now: new Date(this.now),
    });
    for (const write of step.alerts) {
      this.alerts = this.alerts.filter((a) => a.metric !== write.metric);
      if (write.next) this.alerts.push(write.next);
    }
    this.log.push(...step.events);
    if (step.state) this.enter(this.state, step.state);
  }

  /** `value` in every 10 s bucket (canary, and baseline when given) for `seconds`, a guardrail pass after each. */
  advance(seconds: number, value: number, baseline?: number, watch = true) {
    for (let t = 0; t < seconds; t += 10) {
      this.canary.push({ start: this.now, count: 10, sum: value * 10, min: value, max: value });
      if (baseline !== undefined) this.baseline.push({ start: this.now, count: 10, sum: baseline * 10, min: baseline, max: baseline });
      this.now += B;
      if (watch) this.guardrail();
    }
  }

  types(): string[] {
    return this.log.map((e) => e.type);
  }
}

describe("levels[]: several rules per metric, each with its own threshold, duration and action", () => {
  // "0.02 for 3 min: tell me; 0.05 for 10 min: roll back", with the guardrail's own critical far away.
  const plan = planOf({
    critical: 0.5,
    forSeconds: 60,
    onCritical: "pause",
    levels: [
      { threshold: 0.02, forSeconds: 180, action: "notify" },
      { threshold: 0.05, forSeconds: 600, action: "rollback" },
    ],
  });

  it("a notify rule breached is a warning (it never blocks CONTINUE) and notifies once its duration holds", () => {
    const rig = new Rig(plan);
    rig.human("start");
    rig.advance(170, 0.03);
    expect(rig.types()).toEqual(["started", "breach"]);
    expect(rig.alerts[0]).toMatchObject({ level: "warning", actedAt: null });
    rig.advance(20, 0.03);
    expect(rig.types()).toEqual(["started", "breach", "guardrail_notified"]);
    expect(rig.alerts[0]).toMatchObject({ level: "warning", actedAction: "notify" });
    expect(rig.human("continue")).toBeNull();
  });

  it("the notify rule acts first, then the stronger rollback rule of the same episode still acts after its 10 minutes", () => {
    const rig = new Rig(plan);
    rig.human("start");
    rig.advance(300, 0.08);
    // Given the notify rule acted at 3 min and the 0.05 rule is breached (critical) but not yet for 10 min
    expect(rig.types()).toEqual(["started", "breach", "guardrail_notified"]);
    expect(rig.alerts[0]).toMatchObject({ level: "critical", actedAction: "notify" });
    // When the breach holds to 10 min, then the rollback rule acts in the same episode
    rig.advance(310, 0.08);
    expect(rig.types()).toEqual(["started", "breach", "guardrail_notified", "rolled_back", "episode_closed"]);
    const rolledBack = rig.log.find((e) => e.type === "rolled_back")!;
    expect(rolledBack).toMatchObject({ actor: "guardrail", data: { metric: "error_rate", automatic: true } });
    expect(rolledBack.reason).toContain('rule "rollback" at 0.05');
  });

  it("a person's resume re-arms the episode: the rule acts again if the breach persists", () => {
    const paused = planOf({ critical: 0.5, onCritical: "notify", levels: [{ threshold: 0.05, forSeconds: 60, action: "pause" }] });
    const rig = new Rig(paused);
    rig.human("start");
    rig.advance(80, 0.1);
    expect(rig.types()).toEqual(["started", "breach", "paused"]);
    expect(rig.human("resume", { override: true, reason: "checking a fix" })).toBeNull();
    rig.advance(10, 0.1);
    expect(rig.types().slice(-2)).toEqual(["resumed", "paused"]);
  });

  it("the guardrail's own critical level keeps acting alongside the rules", () => {
    const rig = new Rig(plan);
    rig.human("start");
    rig.advance(80, 0.7);
    expect(rig.types()).toEqual(["started", "breach", "paused"]);
  });
});

describe("step_back: a partial rollback to the previous wave", () => {
  it("a person steps back from wave 2 to wave 1's traffic and the release holds (paused) there", () => {
    const rig = new Rig(planOf({ critical: 0.5 }));
    rig.human("start");
    rig.advance(20, 0.01);
    expect(rig.human("continue")).toBeNull();
    expect(rig.human("step_back", { reason: "latency creeping up" })).toBeNull();
    expect(rig.state).toMatchObject({ status: "paused", currentWaveIndex: 0, trafficPercent: 10 });
    expect(rig.log.at(-1)).toMatchObject({ type: "stepped_back", reason: "latency creeping up", data: { fromWave: 1, toWave: 0, fromTraffic: 50, toTraffic: 10, wave: "Canary" } });
    // Then resume runs wave 1 again and CONTINUE promotes once more.
    expect(rig.human("resume")).toBeNull();
    expect(rig.human("continue")).toBeNull();
    expect(rig.state.currentWaveIndex).toBe(1);
  });

  it("is refused in the first wave and in a draft", () => {
    const rig = new Rig(planOf({ critical: 0.5 }));
    expect(rig.human("step_back")).toBe("invalid_transition");
    rig.human("start");
    expect(rig.human("step_back")).toBe("invalid_transition");
  });

  it("a step_back rule steps back in wave 2 and rolls back in wave 1 (no earlier wave)", () => {
    const plan = planOf({ critical: 0.5, onCritical: "notify", levels: [{ threshold: 0.05, forSeconds: 60, action: "step_back" }] });
    const rig = new Rig(plan);
    rig.human("start");
    rig.advance(20, 0.01);
    rig.human("continue");
    rig.advance(80, 0.1);
    expect(rig.types()).toEqual(["started", "promoted", "breach", "stepped_back"]);
    expect(rig.state).toMatchObject({ status: "paused", currentWaveIndex: 0, trafficPercent: 10 });
    // Given the breach persists in wave 1 after the step back, nothing stronger is asked for: no second action.
    rig.advance(60, 0.1);
    expect(rig.types()).toEqual(["started", "promoted", "breach", "stepped_back"]);

    const first = new Rig(plan);
    first.human("start");
    first.advance(80, 0.1);
    expect(first.types()).toEqual(["started", "breach", "rolled_back", "episode_closed"]);
    expect(first.log.find((e) => e.type === "rolled_back")!.reason).toContain("first wave: no earlier wave to step back to");
  });
});

describe("relativeTo pre_rollout and previous_wave, as a ratio or a difference", () => {
  it("pre_rollout compares with the level captured at START, not with today's baseline", () => {
    // "Response time increases by >20%" over the level before the rollout.
    const plan = planOf({ critical: 0.2, forSeconds: 60, onCritical: "rollback", relativeTo: "pre_rollout" });
    const rig = new Rig(plan);
    rig.advance(600, 0.01, 0.01, false); // before START: everything at 1%
    rig.human("start");
    expect(rig.references.preRollout?.error_rate).toBeCloseTo(0.01, 12);
    // The baseline degrades together with the canary: a baseline guardrail would see nothing.
    rig.advance(80, 0.02, 0.02);
    expect(rig.types()).toEqual(["started", "breach", "rolled_back", "episode_closed"]);
    const breach = rig.log.find((e) => e.type === "breach")!;
    expect(breach.reason).toContain("vs pre-rollout level (2% vs 1%)");
    expect(breach.reason).toContain("+100%");
  });

  it("without data before START the guardrail is inconclusive and says why, never a silent pass", () => {
    const rig = new Rig(planOf({ critical: 0.2, relativeTo: "pre_rollout" }));
    rig.human("start");
    rig.advance(20, 0.5);
    expect(rig.types()).toEqual(["started", "inconclusive"]);
    expect(rig.log[1].reason).toBe("error_rate: no pre-rollout level was captured (no data before START), so it cannot be judged");
  });

  it('previous_wave as a difference: "error rate increases > 5 points from wave 1"', () => {
    const plan = planOf({ critical: 0.05, forSeconds: 60, onCritical: "pause", relativeTo: "previous_wave", relativeMode: "difference" });
    const rig = new Rig(plan);
    rig.advance(300, 0.02, 0.02, false);
    rig.human("start");
    // In wave 1, previous_wave falls back to the pre-rollout level (2%): 6% is +4 points, within the limit.
    rig.advance(120, 0.06);
    expect(rig.types()).toEqual(["started"]);
    expect(rig.human("continue")).toBeNull();
    expect(rig.references.previousWave?.error_rate).toBeCloseTo(0.06, 12);
    // In wave 2: 10% is +4 points over wave 1's 6%: fine; 12% is +6 points: breach, and a pause after 60 s.
    rig.advance(60, 0.1);
    expect(rig.types()).toEqual(["started", "promoted"]);
    rig.advance(150, 0.12);
    expect(rig.types()).toEqual(["started", "promoted", "breach", "paused"]);
    expect(rig.log[2].reason).toContain("vs previous wave (");
    expect(rig.log[3]).toMatchObject({ actor: "guardrail", type: "paused" });
    expect(rig.log[3].reason).toContain("+6 pp vs previous wave (12% vs 6%) > critical +5 pp");
  });

  it("referenceFor picks the captured level by kind; baseline guardrails never use one", () => {
    const refs: ReferenceLevels = { preRollout: { error_rate: 0.01 }, previousWave: { error_rate: 0.03 } };
    expect(referenceFor({ metric: "error_rate", relativeTo: "pre_rollout" }, refs)).toBe(0.01);
    expect(referenceFor({ metric: "error_rate", relativeTo: "previous_wave" }, refs)).toBe(0.03);
    expect(referenceFor({ metric: "error_rate", relativeTo: "previous_wave" }, { preRollout: refs.preRollout })).toBe(0.01);
    expect(referenceFor({ metric: "error_rate", relativeTo: "baseline" }, refs)).toBeNull();
    expect(referenceFor({ metric: "latency_p95_ms", relativeTo: "pre_rollout" }, refs)).toBeNull();
  });

  it("captures only whole buckets on the right side of START and of the promotion", () => {
    const plan = planOf({ critical: 0.2, relativeTo: "pre_rollout" });
    const at = (start: number, v: number): Bucket => ({ start, count: 1, sum: v, min: v, max: v });
    const buckets = new Map([["error_rate|baseline", [at(T0 - 2 * B, 0.01), at(T0 - B, 0.03), at(T0, 0.9)]]]);
    // The bucket at T0 - 5 s straddles a START at T0 - 5 s + ... : START at T0 - B / 2 keeps only the first.
    expect(capturePreRollout(plan, buckets, T0 - B / 2, B)).toEqual({ error_rate: 0.01 });
    expect(capturePreRollout(plan, buckets, T0, B)).toEqual({ error_rate: 0.02 });
    const canary = new Map([["error_rate|canary", [at(T0 - B, 0.5), at(T0, 0.04), at(T0 + B, 0.06), at(T0 + 2 * B, 0.9)]]]);
    expect(capturePreviousWave(plan, canary, T0, T0 + 2 * B, B)).toEqual({ error_rate: 0.05 });
  });

  it("a ratio against a captured level of 0 is infinite unless the canary is 0 too", () => {
    const g = PlanSchema.parse({ name: "n", service: "s", version: "v", guardrails: [{ metric: "error_rate", comparator: ">", critical: 0.5, relativeTo: "pre_rollout" }], waves: [{ name: "a", trafficPercent: 100 }] }).guardrails[0];
    const canary = [{ start: T0, count: 1, sum: 0.01, min: 0.01, max: 0.01 }];
    expect(evaluateGuardrail(g, canary, [], T0 + B, B, null, 0).observed).toBe(Infinity);
    expect(evaluateGuardrail(g, canary, [], T0 + B, B, null, 0.01).observed).toBe(0);
  });
});
