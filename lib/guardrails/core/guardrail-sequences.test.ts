// Sequences of guardrail passes and human commands, given-events / when-command / then-events, over the same pure
// pieces the server runs (watchRelease -> guardrailStep for the guardrail, decide + episode closing for people).
// The worst bugs lived between steps: a guardrail acts, a person acts, the guardrail must act again.
import { describe, expect, it } from "vitest";
import type { GateInputs } from "../../releases/core/gates";
import { decide, initialState, type CommandType, type DomainEvent, type ReleaseState } from "../../releases/core/machine";
import { PlanSchema, type Plan } from "../../plans/core/plan";
import type { OpenAlert } from "./alerts";
import { episodesClosedByRunEnd, guardrailStep } from "./guardrail-step";
import type { Bucket } from "./rollup";
import { watchRelease } from "./watch";

const T0 = 1_800_000_000_000;
const B = 10_000;

function planWith(onCritical: "pause" | "rollback" | "notify", forSeconds = 60): Plan {
  return PlanSchema.parse({
    name: "Sequence",
    service: "svc",
    version: "1.0.0",
    guardrails: [{ metric: "error_rate", comparator: ">", warning: 0.05, critical: 0.1, windowSeconds: 60, forSeconds, onCritical }],
    waves: [
      { name: "Canary", trafficPercent: 10 },
      { name: "Half", trafficPercent: 50 },
      { name: "All", trafficPercent: 100 },
    ],
  });
}

/** An in-memory release driven exactly like the server drives one: every change is a list of events. */
class Rig {
  state: ReleaseState = initialState();
  run = 0;
  runStartedAt: number | null = null;
  alerts: OpenAlert[] = [];
  log: DomainEvent[] = [];
  canary: Bucket[] = [];
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

  private enter(previous: ReleaseState, next: ReleaseState) {
    if (next.status === "running" && (previous.status === "draft" || previous.status === "rolled_back")) {
      this.run++;
      this.runStartedAt = this.now;
    }
    this.state = next;
  }

  /** A person's command, as apply-command runs it. Returns the refusal code, or null when it applied. */
  human(type: CommandType, options: { override?: boolean; reason?: string } = {}): string | null {
    const decision = decide(this.plan, this.state, { type, actor: "ic", ...options }, this.gates());
    if (!decision.ok) return decision.refusal.code;
    const closing = episodesClosedByRunEnd(this.state, decision.state, this.alerts, this.run, new Date(this.now));
    if (closing.length > 0) this.alerts = [];
    // A person taking the release back into traffic re-arms the open episodes (see apply-command).
    if (type === "resume") this.alerts = this.alerts.map((a) => ({ ...a, actedAt: null, refusedAction: null }));
    this.log.push(...decision.events, ...closing);
    this.enter(this.state, decision.state);
    return null;
  }

  /** One guardrail pass at the current time, as watch-release runs it. */
  guardrail() {
    const watch = watchRelease({
      plan: this.plan,
      waveIndex: this.state.currentWaveIndex,
      buckets: new Map([["error_rate|canary", this.canary]]),
      openAlerts: this.alerts,
      checklist: [],
      now: this.now,
      runStartedAt: this.state.status === "draft" ? null : this.runStartedAt,
    });
    if (!["running", "paused"].includes(this.state.status)) return;
    const step = guardrailStep({
      plan: this.plan,
      state: this.state,
      run: this.run,
      gates: this.gates(),
      openAlerts: this.alerts,
      watch,
      checklistItem: () => ({ text: "", waveIndex: null, ownerRole: "" }),
      now: new Date(this.now),
    });
    for (const write of step.alerts) {
      this.alerts = this.alerts.filter((a) => a.metric !== write.metric);
      if (write.next) this.alerts.push(write.next);
    }
    this.log.push(...step.events);
    if (step.state) this.enter(this.state, step.state);
  }

  /** Error rate `value` in every 10 s bucket for `seconds`, with a guardrail pass after each bucket. */
  advance(seconds: number, value: number, watch = true) {
    for (let t = 0; t < seconds; t += 10) {
      this.canary.push({ start: this.now, count: 10, sum: value * 10, min: value, max: value });
      this.now += B;
      if (watch) this.guardrail();
    }
  }

  types(): string[] {
    return this.log.map((e) => e.type);
  }

  since(mark: number): string[] {
    return this.types().slice(mark);
  }
}

const FAULT = 0.4;
const HEALTHY = 0.01;

describe("guardrail sequences: the guardrail acts, a person acts, the guardrail acts again", () => {
  it("rolls back again after a retry into a persisting fault (it was disarmed before)", () => {
    const rig = new Rig(planWith("rollback"));
    expect(rig.human("start")).toBeNull();
    rig.advance(120, FAULT);
    expect(rig.types()).toEqual(["started", "breach", "rolled_back", "episode_closed"]);
    expect(rig.alerts).toEqual([]);

    // When the commander retries while the fault persists
    const mark = rig.log.length;
    expect(rig.human("retry")).toBeNull();
    rig.advance(120, FAULT);
    // Then the new run gets its own episode and the guardrail rolls back again
    expect(rig.since(mark)).toEqual(["retried", "breach", "rolled_back", "episode_closed"]);
    expect(rig.run).toBe(2);
    expect(rig.state.status).toBe("rolled_back");
  });

  it("needs forSeconds of real time inside the new run: the previous run's bad data never counts", () => {
    const rig = new Rig(planWith("rollback", 60));
    rig.human("start");
    rig.advance(120, FAULT);
    const mark = rig.log.length;
    rig.human("retry");
    const retriedAt = rig.now;
    rig.advance(50, FAULT);
    expect(rig.since(mark)).toEqual(["retried", "breach"]);
    rig.advance(30, FAULT);
    const rolledBack = rig.log.slice(mark).find((e) => e.type === "rolled_back")!;
    expect(rolledBack.at.getTime() - retriedAt).toBeGreaterThanOrEqual(60_000);
  });

  it("pauses again after a person resumes into a persisting critical breach; the refused attempt is logged once", () => {
    const rig = new Rig(planWith("pause"));
    rig.human("start");
    rig.advance(30, HEALTHY);
    // Given a person paused first
    expect(rig.human("pause", { reason: "looking" })).toBeNull();
    // When a sustained critical breach arrives while paused
    rig.advance(150, FAULT);
    // Then the guardrail's pause is refused, logged once, and the episode stays armed
    expect(rig.types()).toEqual(["started", "paused", "breach", "guardrail_action_refused"]);
    expect(rig.log.at(-1)?.data).toMatchObject({ action: "pause", refusal: { code: "invalid_transition" } });
    expect(rig.alerts[0]).toMatchObject({ level: "critical", actedAt: null, refusedAction: "pause:invalid_transition" });
    // When the person resumes: refused while the breach is open, unless overridden with a reason
    expect(rig.human("resume")).toBe("gates_unmet");
    expect(rig.human("resume", { override: true, reason: "fix is rolling out" })).toBeNull();
    const mark = rig.log.length;
    rig.advance(10, FAULT);
    // Then the guardrail pauses again at once
    expect(rig.since(mark)).toEqual(["paused"]);
    expect(rig.log.at(-1)).toMatchObject({ actor: "guardrail", data: { metric: "error_rate", automatic: true } });
    expect(rig.state.status).toBe("paused");
  });

  it("after its own pause, pauses again when a person overrides the breach gate and resumes into the fault", () => {
    const rig = new Rig(planWith("pause"));
    rig.human("start");
    rig.advance(120, FAULT);
    expect(rig.types()).toEqual(["started", "breach", "paused"]);
    expect(rig.human("resume", { override: true, reason: "false alarm?" })).toBeNull();
    const mark = rig.log.length;
    rig.advance(10, FAULT);
    expect(rig.since(mark)).toEqual(["paused"]);
  });

  it("stays running after a resume once the fault has cleared and the episode recovered", () => {
    const rig = new Rig(planWith("pause"));
    rig.human("start");
    rig.advance(120, FAULT);
    rig.advance(130, HEALTHY);
    expect(rig.types()).toEqual(["started", "breach", "paused", "recovery"]);
    expect(rig.human("resume")).toBeNull();
    rig.advance(120, HEALTHY);
    expect(rig.state.status).toBe("running");
  });

  it("refuses CONTINUE with an open critical breach; an override promotes and the guardrail still acts in the next wave", () => {
    const rig = new Rig(planWith("rollback", 120));
    rig.human("start");
    rig.advance(70, FAULT);
    expect(rig.types()).toEqual(["started", "breach"]);
    expect(rig.human("continue")).toBe("gates_unmet");
    expect(rig.human("continue", { override: true, reason: "known noisy metric" })).toBeNull();
    expect(rig.state.currentWaveIndex).toBe(1);
    rig.advance(80, FAULT);
    expect(rig.types()).toEqual(["started", "breach", "override", "promoted", "rolled_back", "episode_closed"]);
  });

  it("a person's rollback closes the run's open episodes, and a retry into health stays quiet", () => {
    const rig = new Rig(planWith("notify"));
    rig.human("start");
    rig.advance(120, FAULT);
    expect(rig.types()).toEqual(["started", "breach", "guardrail_notified"]);
    expect(rig.human("rollback", { reason: "errors" })).toBeNull();
    expect(rig.types().slice(-2)).toEqual(["rolled_back", "episode_closed"]);
    expect(rig.log.at(-1)?.data).toEqual({ metric: "error_rate", level: "critical", run: 1, because: "rolled_back" });
    expect(rig.human("retry")).toBeNull();
    const mark = rig.log.length;
    rig.advance(300, HEALTHY);
    expect(rig.since(mark)).toEqual([]);
  });

  it("after the guardrail's rollback, a person's pause or second rollback is refused and nothing else happens", () => {
    const rig = new Rig(planWith("rollback"));
    rig.human("start");
    rig.advance(120, FAULT);
    expect(rig.state.status).toBe("rolled_back");
    expect(rig.human("pause")).toBe("invalid_transition");
    expect(rig.human("rollback")).toBe("invalid_transition");
    const mark = rig.log.length;
    rig.advance(60, FAULT);
    expect(rig.since(mark)).toEqual([]);
  });

  it("a person's pause while the guardrail's rollback is pending does not stop the rollback", () => {
    const rig = new Rig(planWith("rollback"));
    rig.human("start");
    rig.advance(30, FAULT);
    rig.human("pause", { reason: "hold" });
    rig.advance(90, FAULT);
    expect(rig.types()).toEqual(["started", "breach", "paused", "rolled_back", "episode_closed"]);
  });

  it("back-dated critical samples right after START do not act (they predate the run)", () => {
    const rig = new Rig(planWith("rollback", 300));
    // Given five minutes of bad data time-stamped before the run
    for (let t = T0 - 300_000; t < T0 - B; t += B) rig.canary.push({ start: t, count: 10, sum: FAULT * 10, min: FAULT, max: FAULT });
    rig.human("start");
    rig.guardrail();
    // Then the run has no data of its own yet: inconclusive, no breach, no action
    expect(rig.types()).toEqual(["started", "inconclusive"]);
    // And even a bad run inside the new run needs its full 300 s of real time.
    rig.advance(290, FAULT);
    expect(rig.types()).toEqual(["started", "inconclusive", "breach"]);
    rig.advance(20, FAULT);
    expect(rig.types()).toEqual(["started", "inconclusive", "breach", "rolled_back", "episode_closed"]);
  });
});
