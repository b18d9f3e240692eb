// Tests for the rollout state machine: every status x command pair, gates and overrides, events, and command wording.
import { describe, it, expect } from "vitest";
import type { ChecklistItemStatus, GateInputs, UnmetGate } from "./gates";
import {
  ALLOWED_COMMANDS,
  COMMANDS,
  RELEASE_STATUSES,
  decide,
  describeCommand,
  initialState,
  snapshot,
  type Command,
  type CommandType,
  type Decision,
  type DomainEvent,
  type ReleaseState,
  type ReleaseStatus,
} from "./machine";
import { PlanSchema, type Plan } from "../../plans/core/plan";

const STARTED = new Date("2030-03-01T09:00:00.000Z");
const NOW = new Date("2030-03-01T10:00:00.000Z");
const later = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);

/** No bake, no checklist, no sign-offs: every gate is open unless a test adds inputs. */
const plan: Plan = PlanSchema.parse({
  name: "Checkout v2",
  service: "checkout",
  version: "2.0.0",
  waves: [
    { name: "Canary", trafficPercent: 10 },
    { name: "Early", trafficPercent: 25 },
    { name: "Half", trafficPercent: 50 },
    { name: "Full", trafficPercent: 100 },
  ],
});

function gates(over: Partial<GateInputs> = {}): GateInputs {
  return { now: NOW, waveStartedAt: STARTED, checklist: [], signoffs: [], criticalBreaches: [], ...over };
}

const cmd = (type: CommandType, over: Partial<Command> = {}): Command => ({ type, actor: "alice", ...over });

/** A representative state for each status: mid-rollout at wave 2 "Early" (25%) where that makes sense. */
const STATES: Record<ReleaseStatus, ReleaseState> = {
  draft: initialState(),
  running: { status: "running", currentWaveIndex: 1, trafficPercent: 25, waveStartedAt: STARTED },
  paused: { status: "paused", currentWaveIndex: 1, trafficPercent: 25, waveStartedAt: STARTED },
  hypercare: { status: "hypercare", currentWaveIndex: 3, trafficPercent: 100, waveStartedAt: STARTED },
  completed: { status: "completed", currentWaveIndex: 3, trafficPercent: 100, waveStartedAt: STARTED },
  rolled_back: { status: "rolled_back", currentWaveIndex: 1, trafficPercent: 0, waveStartedAt: STARTED },
};

interface Expected {
  state: ReleaseState;
  event: { type: string; data: Record<string, unknown> };
}

/** What each accepted (status, command) pair must produce from STATES with open gates at NOW. */
const ACCEPTED: Partial<Record<ReleaseStatus, Partial<Record<CommandType, Expected>>>> = {
  draft: {
    start: {
      state: { status: "running", currentWaveIndex: 0, trafficPercent: 10, waveStartedAt: NOW },
      event: { type: "started", data: { wave: "Canary" } },
    },
  },
  running: {
    continue: {
      state: { status: "running", currentWaveIndex: 2, trafficPercent: 50, waveStartedAt: NOW },
      event: { type: "promoted", data: { fromWave: 1, toWave: 2, fromTraffic: 25, toTraffic: 50, wave: "Half" } },
    },
    pause: {
      state: { status: "paused", currentWaveIndex: 1, trafficPercent: 25, waveStartedAt: STARTED },
      event: { type: "paused", data: {} },
    },
    rollback: {
      state: { status: "rolled_back", currentWaveIndex: 1, trafficPercent: 0, waveStartedAt: STARTED },
      event: { type: "rolled_back", data: { fromTraffic: 25, wave: "Early" } },
    },
    step_back: {
      state: { status: "paused", currentWaveIndex: 0, trafficPercent: 10, waveStartedAt: NOW },
      event: { type: "stepped_back", data: { fromWave: 1, toWave: 0, fromTraffic: 25, toTraffic: 10, wave: "Canary" } },
    },
  },
  paused: {
    resume: {
      state: { status: "running", currentWaveIndex: 1, trafficPercent: 25, waveStartedAt: STARTED },
      event: { type: "resumed", data: {} },
    },
    rollback: {
      state: { status: "rolled_back", currentWaveIndex: 1, trafficPercent: 0, waveStartedAt: STARTED },
      event: { type: "rolled_back", data: { fromTraffic: 25, wave: "Early" } },
    },
    step_back: {
      state: { status: "paused", currentWaveIndex: 0, trafficPercent: 10, waveStartedAt: NOW },
      event: { type: "stepped_back", data: { fromWave: 1, toWave: 0, fromTraffic: 25, toTraffic: 10, wave: "Canary" } },
    },
  },
  hypercare: {
    continue: {
      state: { status: "completed", currentWaveIndex: 3, trafficPercent: 100, waveStartedAt: STARTED },
      event: { type: "completed", data: { wave: "Full", phase: "hypercare" } },
    },
    rollback: {
      state: { status: "rolled_back", currentWaveIndex: 3, trafficPercent: 0, waveStartedAt: STARTED },
      event: { type: "rolled_back", data: { fromTraffic: 100, wave: "Full" } },
    },
  },
  rolled_back: {
    retry: {
      state: { status: "running", currentWaveIndex: 0, trafficPercent: 10, waveStartedAt: NOW },
      event: { type: "retried", data: { wave: "Canary" } },
    },
  },
};

function expectOk(d: Decision): { state: ReleaseState; events: DomainEvent[] } {
  if (!d.ok) throw new Error(`expected acceptance, got ${d.refusal.code}: ${d.refusal.message}`);
  return d;
}

function expectRefused(d: Decision) {
  if (d.ok) throw new Error(`expected a refusal, got ${d.state.status}`);
  return d.refusal;
}

describe("ALLOWED_COMMANDS", () => {
  it("is exactly the documented transition table", () => {
    expect(ALLOWED_COMMANDS).toEqual({
      draft: ["start"],
      running: ["continue", "pause", "rollback", "step_back"],
      paused: ["resume", "rollback", "step_back"],
      hypercare: ["continue", "rollback"],
      completed: [],
      rolled_back: ["retry"],
    });
  });

  it("agrees with the expectation table used below", () => {
    for (const status of RELEASE_STATUSES) {
      expect(Object.keys(ACCEPTED[status] ?? {}).sort()).toEqual([...ALLOWED_COMMANDS[status]].sort());
    }
  });
});

describe("initialState and snapshot", () => {
  it("starts as a draft at wave 0 with no traffic", () => {
    expect(initialState()).toEqual({ status: "draft", currentWaveIndex: 0, trafficPercent: 0, waveStartedAt: null });
  });

  it("snapshots status, wave and traffic only", () => {
    expect(snapshot(STATES.running)).toEqual({ status: "running", currentWaveIndex: 1, trafficPercent: 25 });
  });
});

describe("decide: every status x command pair", () => {
  for (const status of RELEASE_STATUSES) {
    for (const type of COMMANDS) {
      const expected = ACCEPTED[status]?.[type];
      if (expected) {
        it(`${status} + ${type} is accepted`, () => {
          const before = STATES[status];
          const frozen = structuredClone(before);
          const d = expectOk(decide(plan, before, cmd(type, { reason: "  planned step  " }), gates()));
          expect(d.state).toEqual(expected.state);
          expect(d.events).toEqual([
            {
              type: expected.event.type,
              actor: "alice",
              reason: "planned step",
              at: NOW,
              before: snapshot(before),
              after: snapshot(expected.state),
              data: expected.event.data,
            },
          ]);
          expect(before).toEqual(frozen); // the input state is not mutated
        });
      } else {
        it(`${status} + ${type} is refused with invalid_transition`, () => {
          let d: Decision | undefined;
          expect(() => {
            d = decide(plan, STATES[status], cmd(type, { reason: "because" }), gates());
          }).not.toThrow();
          const refusal = expectRefused(d!);
          expect(refusal.code).toBe("invalid_transition");
          expect(refusal.details).toEqual({ status, action: type, allowed: ALLOWED_COMMANDS[status] });
          const allowed = ALLOWED_COMMANDS[status];
          expect(refusal.message).toBe(
            `Cannot ${type} a release that is ${status.replace("_", " ")}` +
              (allowed.length ? ` (allowed: ${allowed.join(", ")})` : " (no further actions)"),
          );
        });
      }
    }
  }

  it("words refusals readably", () => {
    expect(expectRefused(decide(plan, STATES.rolled_back, cmd("continue"), gates())).message).toBe(
      "Cannot continue a release that is rolled back (allowed: retry)",
    );
    expect(expectRefused(decide(plan, STATES.completed, cmd("rollback"), gates())).message).toBe(
      "Cannot rollback a release that is completed (no further actions)",
    );
    expect(expectRefused(decide(plan, STATES.running, cmd("start"), gates())).message).toBe(
      "Cannot start a release that is running (allowed: continue, pause, rollback, step_back)",
    );
  });

  it("checks the transition before the override reason", () => {
    const r = expectRefused(decide(plan, STATES.completed, cmd("continue", { override: true }), gates()));
    expect(r.code).toBe("invalid_transition");
  });
});

describe("decide: reasons", () => {
  it("records a missing, null, empty or whitespace-only reason as null", () => {
    for (const reason of [undefined, null, "", "   \n\t"]) {
      const d = expectOk(decide(plan, STATES.running, cmd("pause", { reason }), gates()));
      expect(d.events[0].reason).toBeNull();
    }
  });

  it("trims the reason", () => {
    const d = expectOk(decide(plan, STATES.running, cmd("pause", { reason: "\n incident 42  " }), gates()));
    expect(d.events[0].reason).toBe("incident 42");
  });
});

describe("decide: the full happy path", () => {
  it("starts, promotes through every wave, then completes at the last one", () => {
    let state = initialState();
    const seen: Array<[string, number, number]> = [];
    const start = expectOk(decide(plan, state, cmd("start"), gates({ now: later(0) })));
    state = start.state;
    seen.push([state.status, state.currentWaveIndex, state.trafficPercent]);
    for (let i = 1; i <= 3; i++) {
      const d = expectOk(decide(plan, state, cmd("continue"), gates({ now: later(i * 60) })));
      expect(d.events).toHaveLength(1);
      expect(d.events[0].type).toBe("promoted");
      expect(d.state.waveStartedAt).toEqual(later(i * 60));
      state = d.state;
      seen.push([state.status, state.currentWaveIndex, state.trafficPercent]);
    }
    expect(seen).toEqual([
      ["running", 0, 10],
      ["running", 1, 25],
      ["running", 2, 50],
      ["running", 3, 100],
    ]);

    const done = expectOk(decide(plan, state, cmd("continue", { actor: "carol" }), gates({ now: later(999) })));
    expect(done.state).toEqual({ status: "completed", currentWaveIndex: 3, trafficPercent: 100, waveStartedAt: later(180) });
    expect(done.events).toEqual([
      {
        type: "completed",
        actor: "carol",
        reason: null,
        at: later(999),
        before: { status: "running", currentWaveIndex: 3, trafficPercent: 100 },
        after: { status: "completed", currentWaveIndex: 3, trafficPercent: 100 },
        data: { wave: "Full" },
      },
    ]);
    for (const type of COMMANDS) {
      expect(expectRefused(decide(plan, done.state, cmd(type), gates())).code).toBe("invalid_transition");
    }
  });

  it("keeps wave, traffic and waveStartedAt across pause and resume", () => {
    const running: ReleaseState = { status: "running", currentWaveIndex: 2, trafficPercent: 50, waveStartedAt: STARTED };
    const paused = expectOk(decide(plan, running, cmd("pause"), gates())).state;
    expect(paused).toEqual({ ...running, status: "paused" });
    const resumed = expectOk(decide(plan, paused, cmd("resume"), gates({ now: later(3600) }))).state;
    expect(resumed).toEqual(running);
  });

  it("rolls back to 0% traffic and can retry from wave 0", () => {
    const running: ReleaseState = { status: "running", currentWaveIndex: 3, trafficPercent: 100, waveStartedAt: STARTED };
    const rb = expectOk(decide(plan, running, cmd("rollback", { reason: "errors" }), gates()));
    expect(rb.state).toEqual({ status: "rolled_back", currentWaveIndex: 3, trafficPercent: 0, waveStartedAt: STARTED });
    expect(rb.events[0].data).toEqual({ fromTraffic: 100, wave: "Full" });
    const retry = expectOk(decide(plan, rb.state, cmd("retry"), gates({ now: later(60) })));
    expect(retry.state).toEqual({ status: "running", currentWaveIndex: 0, trafficPercent: 10, waveStartedAt: later(60) });
  });

  it("never gates pause or rollback; gates resume and retry only on open critical breaches", () => {
    const blocked = gates({
      checklist: [{ id: "p", waveIndex: null, text: "t", ownerRole: "r", required: true, state: "not_met" }],
      criticalBreaches: [{ metric: "error_rate", detail: "bad" }],
    });
    expect(decide(plan, STATES.running, cmd("pause"), blocked).ok).toBe(true);
    expect(decide(plan, STATES.running, cmd("rollback"), blocked).ok).toBe(true);
    for (const [state, type] of [[STATES.paused, "resume"], [STATES.rolled_back, "retry"]] as const) {
      const refused = decide(plan, state, cmd(type), blocked);
      expect(refused.ok).toBe(false);
      if (!refused.ok) {
        expect(refused.refusal.code).toBe("gates_unmet");
        expect(refused.refusal.details).toEqual({ unmet: [{ kind: "breach", message: "Critical breach active: bad", metric: "error_rate" }] });
      }
      const overridden = expectOk(decide(plan, state, cmd(type, { override: true, reason: "fix deployed, watching" }), blocked));
      expect(overridden.events.map((e) => e.type)).toEqual(["override", type === "resume" ? "resumed" : "retried"]);
      // Checklist items do not gate them: only the breach does.
      const onlyChecklist = gates({ checklist: [{ id: "p", waveIndex: null, text: "t", ownerRole: "r", required: true, state: "not_met" }] });
      expect(decide(plan, state, cmd(type), onlyChecklist).ok).toBe(true);
    }
  });
});

describe("decide: continue gates", () => {
  const gatedPlan: Plan = PlanSchema.parse({
    name: "Gated",
    service: "checkout",
    version: "2.0.0",
    waves: [
      {
        name: "Canary",
        trafficPercent: 10,
        bakeSeconds: 600,
        signoffs: ["sre", "qa", "pm"],
        checklist: [
          { text: "Dashboards green", ownerRole: "sre" },
          { text: "Support briefed", ownerRole: "support" },
        ],
      },
      { name: "Full", trafficPercent: 100, signoffs: ["sre"] },
    ],
  });
  const atWave0: ReleaseState = { status: "running", currentWaveIndex: 0, trafficPercent: 10, waveStartedAt: STARTED };
  const atWave1: ReleaseState = { status: "running", currentWaveIndex: 1, trafficPercent: 100, waveStartedAt: STARTED };
  const item = (over: Partial<ChecklistItemStatus>): ChecklistItemStatus => ({
    id: "x",
    waveIndex: 0,
    text: "x",
    ownerRole: "sre",
    required: true,
    state: "open",
    ...over,
  });

  /** Bake 100 s into 600 s; two required items unmet; sre rejected, qa missing, pm approved; two breaches. */
  const allUnmet = gates({
    now: new Date(STARTED.getTime() + 100_000),
    waveStartedAt: STARTED,
    checklist: [
      item({ id: "c1", text: "Dashboards green", ownerRole: "sre", state: "open" }),
      item({ id: "c2", text: "Support briefed", ownerRole: "support", state: "not_met" }),
      item({ id: "c3", text: "Met", state: "met" }),
      item({ id: "c4", text: "Waived", state: "waived" }),
      item({ id: "c5", text: "Optional", required: false, state: "not_met" }),
      item({ id: "c6", text: "Next wave", waveIndex: 1, state: "open" }),
    ],
    signoffs: [
      { waveIndex: 0, role: "sre", decision: "reject", by: "bob", comment: "p99 up" },
      { waveIndex: 0, role: "pm", decision: "approve", by: "pat", comment: null },
      { waveIndex: 1, role: "qa", decision: "approve", by: "quinn", comment: null },
    ],
    criticalBreaches: [
      { metric: "error_rate", detail: "error_rate 12% > 10%" },
      { metric: "memory_mb", detail: "memory +120% vs baseline" },
    ],
  });

  const EXPECTED_UNMET: UnmetGate[] = [
    { kind: "bake", message: "Bake time: 8m 20s of 10m still to go", remainingSeconds: 500, readyAt: "2030-03-01T09:10:00.000Z" },
    { kind: "checklist", message: 'Checklist: "Dashboards green" is open (owner: sre)', itemId: "c1", text: "Dashboards green", ownerRole: "sre", state: "open" },
    { kind: "checklist", message: 'Checklist: "Support briefed" is not met (owner: support)', itemId: "c2", text: "Support briefed", ownerRole: "support", state: "not_met" },
    { kind: "signoff", message: "Sign-off: sre rejected (bob): p99 up", role: "sre", rejectedBy: "bob", comment: "p99 up" },
    { kind: "signoff", message: "Sign-off: waiting for qa", role: "qa" },
    { kind: "breach", message: "Critical breach active: error_rate 12% > 10%", metric: "error_rate" },
    { kind: "breach", message: "Critical breach active: memory +120% vs baseline", metric: "memory_mb" },
  ];

  it("refuses with gates_unmet listing every unmet gate at once", () => {
    const r = expectRefused(decide(gatedPlan, atWave0, cmd("continue"), allUnmet));
    expect(r.code).toBe("gates_unmet");
    expect(r.details).toEqual({ unmet: EXPECTED_UNMET });
    expect(r.message).toBe(`7 gates are unmet: ${EXPECTED_UNMET.map((u) => u.message).join("; ")}`);
  });

  it("uses the singular for one unmet gate", () => {
    const r = expectRefused(decide(gatedPlan, atWave1, cmd("continue"), gates()));
    expect(r).toEqual({
      code: "gates_unmet",
      message: "1 gate is unmet: Sign-off: waiting for sre",
      details: { unmet: [{ kind: "signoff", message: "Sign-off: waiting for sre", role: "sre" }] },
    });
  });

  it("opens once bake is done, required items are met or waived and every sign-off approves", () => {
    const open = gates({
      now: new Date(STARTED.getTime() + 600_000),
      checklist: [
        item({ id: "c1", state: "met" }),
        item({ id: "c2", state: "waived" }),
        item({ id: "c5", required: false, state: "open" }),
      ],
      signoffs: ["sre", "qa", "pm"].map((role) => ({ waveIndex: 0, role, decision: "approve" as const, by: role, comment: null })),
    });
    const d = expectOk(decide(gatedPlan, atWave0, cmd("continue"), open));
    expect(d.state).toMatchObject({ status: "running", currentWaveIndex: 1, trafficPercent: 100 });
    expect(d.events.map((e) => e.type)).toEqual(["promoted"]);
  });

  it("refuses an override without a reason, or with a whitespace-only one, with reason_required", () => {
    for (const reason of [undefined, null, "", "   "]) {
      const r = expectRefused(decide(gatedPlan, atWave0, cmd("continue", { override: true, reason }), allUnmet));
      expect(r).toEqual({ code: "reason_required", message: "An override needs a written reason", details: { field: "reason" } });
    }
  });

  it("accepts an override with a reason: an override event listing what was overridden, then the promotion", () => {
    const d = expectOk(
      decide(gatedPlan, atWave0, cmd("continue", { actor: "cmdr", override: true, reason: "  hotfix needed now " }), allUnmet),
    );
    const after = { status: "running", currentWaveIndex: 1, trafficPercent: 100 };
    expect(d.state).toEqual({ status: "running", currentWaveIndex: 1, trafficPercent: 100, waveStartedAt: allUnmet.now });
    expect(d.events).toEqual([
      {
        type: "override",
        actor: "cmdr",
        reason: "hotfix needed now",
        at: allUnmet.now,
        before: snapshot(atWave0),
        after: snapshot(atWave0),
        data: { action: "continue", unmet: EXPECTED_UNMET },
      },
      {
        type: "promoted",
        actor: "cmdr",
        reason: "hotfix needed now",
        at: allUnmet.now,
        before: snapshot(atWave0),
        after,
        data: { fromWave: 0, toWave: 1, fromTraffic: 10, toTraffic: 100, wave: "Full" },
      },
    ]);
  });

  it("overrides into completion at the last wave", () => {
    const d = expectOk(decide(gatedPlan, atWave1, cmd("continue", { override: true, reason: "sre on leave" }), gates()));
    expect(d.state.status).toBe("completed");
    expect(d.events.map((e) => e.type)).toEqual(["override", "completed"]);
    expect(d.events[0].data).toEqual({ action: "continue", unmet: [{ kind: "signoff", message: "Sign-off: waiting for sre", role: "sre" }] });
  });

  it("emits no override event when nothing is unmet", () => {
    const d = expectOk(decide(plan, STATES.running, cmd("continue", { override: true, reason: "just in case" }), gates()));
    expect(d.events).toHaveLength(1);
    expect(d.events[0]).toMatchObject({ type: "promoted", reason: "just in case" });
  });
});

describe("decide: start gates", () => {
  const pre = (over: Partial<ChecklistItemStatus>): ChecklistItemStatus => ({
    id: "pre",
    waveIndex: null,
    text: "Runbook linked",
    ownerRole: "eng",
    required: true,
    state: "open",
    ...over,
  });

  it("refuses start while a required pre-deployment item is open or a critical breach is active", () => {
    const r = expectRefused(
      decide(plan, initialState(), cmd("start"), gates({
        checklist: [pre({ id: "p1" }), pre({ id: "p2", text: "Flags set", state: "not_met" }), pre({ id: "p3", required: false })],
        criticalBreaches: [{ metric: "error_rate", detail: "baseline errors" }],
      })),
    );
    expect(r.code).toBe("gates_unmet");
    if (r.code !== "gates_unmet") return;
    expect(r.details.unmet.map((u) => u.kind)).toEqual(["checklist", "checklist", "breach"]);
    expect(r.details.unmet.map((u) => (u.kind === "checklist" ? u.itemId : u.kind))).toEqual(["p1", "p2", "breach"]);
  });

  it("ignores wave checklist items, bake time and sign-offs for start", () => {
    const gatedPlan = PlanSchema.parse({
      name: "n",
      service: "s",
      version: "v",
      waves: [{ name: "All", trafficPercent: 100, bakeSeconds: 3600, signoffs: ["sre"] }],
    });
    const d = decide(gatedPlan, initialState(), cmd("start"), gates({
      waveStartedAt: null,
      checklist: [pre({ waveIndex: 0 }), pre({ id: "done", state: "met" })],
    }));
    expect(expectOk(d).state).toEqual({ status: "running", currentWaveIndex: 0, trafficPercent: 100, waveStartedAt: NOW });
  });

  it("accepts an overridden start with an override event before started", () => {
    const g = gates({ checklist: [pre({})] });
    expect(expectRefused(decide(plan, initialState(), cmd("start", { override: true, reason: " " }), g)).code).toBe("reason_required");
    const d = expectOk(decide(plan, initialState(), cmd("start", { override: true, reason: "owner approved by phone" }), g));
    expect(d.events.map((e) => e.type)).toEqual(["override", "started"]);
    expect(d.events[0].data).toEqual({
      action: "start",
      unmet: [{ kind: "checklist", message: 'Checklist: "Runbook linked" is open (owner: eng)', itemId: "pre", text: "Runbook linked", ownerRole: "eng", state: "open" }],
    });
    expect(d.events[0].after).toEqual(snapshot(initialState()));
    expect(d.events[1].after).toEqual({ status: "running", currentWaveIndex: 0, trafficPercent: 10 });
  });
});

describe("describeCommand", () => {
  it("words each command for the commander", () => {
    const running = STATES.running;
    expect(describeCommand(plan, initialState(), "start")).toBe('Start wave 1 "Canary": traffic 0% -> 10%');
    expect(describeCommand(plan, running, "continue")).toBe('Promote to wave 3 "Half": traffic 25% -> 50%');
    expect(describeCommand(plan, running, "pause")).toBe('Hold wave 2 "Early" at 25% traffic');
    expect(describeCommand(plan, STATES.paused, "resume")).toBe('Resume wave 2 "Early" at 25% traffic');
    expect(describeCommand(plan, running, "rollback")).toBe("Roll back: traffic 25% -> 0% and end the release");
    expect(describeCommand(plan, STATES.rolled_back, "retry")).toBe('Retry from wave 1 "Canary": traffic 0% -> 10%');
  });

  it("describes continue at the last wave as completing the rollout", () => {
    const last: ReleaseState = { status: "running", currentWaveIndex: 3, trafficPercent: 100, waveStartedAt: STARTED };
    expect(describeCommand(plan, last, "continue")).toBe("Complete the rollout at 100% traffic");
  });

  it("describes the first promotion from the canary", () => {
    const first: ReleaseState = { status: "running", currentWaveIndex: 0, trafficPercent: 10, waveStartedAt: STARTED };
    expect(describeCommand(plan, first, "continue")).toBe('Promote to wave 2 "Early": traffic 10% -> 25%');
  });
});
