// onNoData sequences for Prometheus-sourced guardrails, given-events / when-command / then-events over the pure
// pieces the server runs: watchRelease (with the latest pull of each guardrail) -> guardrailStep, and decide for
// people with the same gates the server computes (an open no-data episode of a hold/pause guardrail holds CONTINUE).
import { describe, expect, it } from "vitest";
import type { GateInputs } from "../../releases/core/gates";
import { decide, initialState, type CommandType, type DomainEvent, type ReleaseState } from "../../releases/core/machine";
import { PlanSchema, type Plan } from "../../plans/core/plan";
import type { OpenAlert } from "./alerts";
import type { PullStatus } from "./evidence";
import { episodesClosedByRunEnd, guardrailStep } from "./guardrail-step";
import type { Bucket } from "./rollup";
import { watchRelease } from "./watch";

const T0 = 1_800_000_000_000;
const QUERY = 'sum(rate(http_errors_total{version="2.0"}[1m])) / sum(rate(http_requests_total{version="2.0"}[1m]))';

function planWith(onNoData: "hold" | "pause" | "ignore" | undefined, onCritical: "pause" | "rollback" = "rollback"): Plan {
  return PlanSchema.parse({
    name: "No data",
    service: "svc",
    version: "2.0",
    guardrails: [
      { metric: "error_rate", comparator: ">", critical: 0.1, windowSeconds: 60, forSeconds: 30, onCritical, ...(onNoData ? { onNoData } : {}), source: { prometheus: { canary: QUERY } } },
    ],
    waves: [{ name: "Canary", trafficPercent: 10 }, { name: "All", trafficPercent: 100 }],
  });
}

class Rig {
  state: ReleaseState = initialState();
  run = 0;
  runStartedAt: number | null = null;
  alerts: OpenAlert[] = [];
  log: DomainEvent[] = [];
  canary: Bucket[] = [];
  pull: PullStatus | undefined;
  now = T0;

  constructor(readonly plan: Plan) {}

  private gates(): GateInputs {
    const policy = this.plan.guardrails[0].onNoData ?? "hold";
    return {
      now: new Date(this.now),
      waveStartedAt: this.state.waveStartedAt,
      checklist: [],
      signoffs: [],
      criticalBreaches: this.alerts.filter((a) => a.level === "critical").map((a) => ({ metric: a.metric, detail: "critical" })),
      noDataHolds: policy === "ignore" ? [] : this.alerts.filter((a) => a.level === "inconclusive").map((a) => ({ metric: a.metric, detail: "no data" })),
    };
  }

  human(type: CommandType): string | null {
    const decision = decide(this.plan, this.state, { type, actor: "ic" }, this.gates());
    if (!decision.ok) return decision.refusal.code;
    const closing = episodesClosedByRunEnd(this.state, decision.state, this.alerts, this.run, new Date(this.now));
    if (closing.length > 0) this.alerts = [];
    if (type === "resume") this.alerts = this.alerts.map((a) => ({ ...a, actedAt: null, refusedAction: null }));
    this.log.push(...decision.events, ...closing);
    if (decision.state.status === "running" && this.state.status === "draft") {
      this.run++;
      this.runStartedAt = this.now;
    }
    this.state = decision.state;
    return null;
  }

  /** One pull every 10 s for `seconds`: a value (ok) or a failure, each followed by the watch pass. */
  pulls(seconds: number, outcome: { value: number } | { state: "no_data" | "query_error"; reason: string }) {
    for (let t = 0; t < seconds; t += 10) {
      const failing = "state" in outcome;
      const failingSince = failing ? (this.pull?.state !== "ok" && this.pull ? this.pull.failingSince : this.now) : null;
      this.pull = {
        state: failing ? outcome.state : "ok",
        failingSince,
        reason: failing ? outcome.reason : null,
        scheduledAt: this.now,
        canaryQuery: QUERY,
        baselineQuery: null,
        canaryValue: failing ? null : outcome.value,
        baselineValue: null,
        raw: { canary: failing ? [] : [{ labels: {}, value: String(outcome.value), at: this.now / 1000 }], baseline: [] },
      };
      if (!failing) this.canary.push({ start: this.now, count: 1, sum: outcome.value, min: outcome.value, max: outcome.value });
      this.now += 10_000;
      this.guardrail();
    }
  }

  guardrail() {
    const watch = watchRelease({
      plan: this.plan,
      waveIndex: this.state.currentWaveIndex,
      buckets: new Map([["error_rate|canary", this.canary]]),
      openAlerts: this.alerts,
      checklist: [],
      now: this.now,
      runStartedAt: this.runStartedAt,
      pulls: this.pull ? new Map([["error_rate", this.pull]]) : undefined,
    });
    this.lastDetail = watch.evaluations[0]?.detail ?? "";
    this.lastState = watch.evaluations[0]?.dataState ?? "ok";
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
    if (step.state) this.state = step.state;
  }

  lastDetail = "";
  lastState: string = "ok";
  types = () => this.log.map((e) => e.type);
  since = (mark: number) => this.types().slice(mark);
}

const EMPTY = { state: "no_data" as const, reason: "the query returned no series (empty result)" };
const BROKEN = { state: "query_error" as const, reason: "Prometheus refused the query (HTTP 400, bad_data): parse error" };

describe("onNoData: hold (the default)", () => {
  it("given a running canary, when the query starts returning nothing, then after forSeconds an inconclusive episode holds CONTINUE and nothing rolls back", () => {
    const r2 = new Rig(planWith(undefined));
    r2.human("start");
    r2.pulls(60, { value: 0.01 });
    const mark = r2.log.length;
    r2.pulls(20, EMPTY);
    // Not yet forSeconds (30 s): no alert, but the state is shown and is no pass
    expect(r2.since(mark)).toEqual([]);
    expect(r2.lastState).toBe("no_data");
    expect(r2.lastDetail).toContain("holds CONTINUE after 30s");
    r2.pulls(20, EMPTY);
    expect(r2.since(mark)).toEqual(["inconclusive"]);
    expect(r2.alerts[0].level).toBe("inconclusive");
    expect(r2.human("continue")).toBe("gates_unmet");
    r2.pulls(120, EMPTY);
    expect(r2.state.status).toBe("running");
    expect(r2.since(mark)).toEqual(["inconclusive"]);
  });

  it("given buckets that look healthy, a failing query still never reads as a pass", () => {
    const rig = new Rig(planWith("hold"));
    rig.human("start");
    rig.pulls(30, { value: 0.01 });
    rig.pulls(10, BROKEN);
    expect(rig.lastState).toBe("query_error");
    expect(rig.lastDetail).toMatch(/^error_rate: query error for 10s: .*bad_data\): parse error \(query: sum\(rate/);
  });

  it("when data returns, the episode closes after a healthy window and CONTINUE opens", () => {
    const rig = new Rig(planWith("hold"));
    rig.human("start");
    rig.pulls(60, EMPTY);
    expect(rig.human("continue")).toBe("gates_unmet");
    const mark = rig.log.length;
    rig.pulls(80, { value: 0.01 });
    expect(rig.since(mark)).toEqual(["recovery"]);
    expect(rig.human("continue")).toBeNull();
  });

  it("a breach open before the data vanished stays open: missing data cannot close it", () => {
    const rig = new Rig(planWith("hold", "pause"));
    rig.human("start");
    rig.pulls(60, { value: 0.5 });
    expect(rig.types()).toEqual(["started", "breach", "paused"]);
    const mark = rig.log.length;
    rig.pulls(200, EMPTY);
    expect(rig.since(mark)).toEqual([]);
    expect(rig.alerts[0].level).toBe("critical");
  });
});

describe("onNoData: pause", () => {
  it("pauses once after forSeconds of no data; a person resumes into persisting no data and it pauses again", () => {
    const rig = new Rig(planWith("pause"));
    rig.human("start");
    rig.pulls(20, { value: 0.01 });
    const mark = rig.log.length;
    rig.pulls(50, BROKEN);
    expect(rig.since(mark)).toEqual(["inconclusive", "paused"]);
    const paused = rig.log.at(-1)!;
    expect(paused.data).toMatchObject({ metric: "error_rate", automatic: true, evidence: { source: "prometheus", dataState: "query_error", query: QUERY } });
    rig.pulls(50, BROKEN);
    expect(rig.since(mark)).toEqual(["inconclusive", "paused"]);
    // When the commander resumes while the query still fails
    expect(rig.human("resume")).toBeNull();
    rig.pulls(10, BROKEN);
    // Then the guardrail pauses again (the resume re-armed the episode)
    expect(rig.since(mark)).toEqual(["inconclusive", "paused", "resumed", "paused"]);
  });

  it("never rolls back on missing data, even with onCritical rollback", () => {
    const rig = new Rig(planWith("pause", "rollback"));
    rig.human("start");
    rig.pulls(300, EMPTY);
    expect(rig.types()).not.toContain("rolled_back");
    expect(rig.state.status).toBe("paused");
  });
});

describe("onNoData: ignore", () => {
  it("shows the no-data state but opens no episode and holds nothing", () => {
    const rig = new Rig(planWith("ignore"));
    rig.human("start");
    rig.pulls(120, EMPTY);
    expect(rig.types()).toEqual(["started"]);
    expect(rig.lastState).toBe("no_data");
    expect(rig.lastDetail).toContain("ignored by the plan");
    expect(rig.human("continue")).toBeNull();
  });
});

describe("Prometheus values feed the ordinary thresholds", () => {
  it("a pulled breach rolls back and the audit events carry the query and the value", () => {
    const rig = new Rig(planWith(undefined));
    rig.human("start");
    rig.pulls(60, { value: 0.3 });
    expect(rig.types()).toEqual(["started", "breach", "rolled_back", "episode_closed"]);
    const breach = rig.log[1];
    const rolledBack = rig.log[2];
    for (const e of [breach, rolledBack]) {
      expect(e.data).toMatchObject({ evidence: { source: "prometheus", dataState: "ok", query: QUERY, values: { canary: 0.3 }, windowSeconds: 60 } });
    }
    if (rolledBack.type !== "rolled_back") throw new Error(`expected rolled_back, got ${rolledBack.type}`);
    expect(rolledBack.data.evidence?.sentence).toMatch(/error_rate 30(\.0)?% > critical 10% for/);
  });
});
