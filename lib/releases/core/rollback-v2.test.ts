// Plan v2 rollback levels as sequences: ROLLBACK records the level asked for (default the first), and the follow-up
// raises an alert when the time objective passes with steps open or the verification fails, each exactly once.
import { describe, expect, it } from "vitest";
import { decide, type Command, type Decision, type ReleaseState } from "./machine";
import { PlanSchema } from "../../plans/core/plan";
import { followUpPending, followUpRollback, rollbackRecordOf, type RollbackRecord } from "./rollback-follow-up";

const NOW = new Date("2030-03-01T10:00:00.000Z");
const later = (s: number) => new Date(NOW.getTime() + s * 1000);
const plan = PlanSchema.parse({
  name: "Batch patches",
  service: "patcher",
  version: "1.0.0",
  waves: [
    { name: "Pilot", trafficPercent: 10 },
    { name: "All", trafficPercent: 100 },
  ],
  rollback: {
    levels: [
      { name: "Flag off", scope: "flag", objectiveSeconds: 30, steps: [{ text: "Disable the flag", command: "flagctl off batch" }] },
      {
        name: "Redeploy",
        objectiveSeconds: 3600,
        steps: [{ text: "Deploy the previous build", ownerRole: "Ops" }],
        verification: { metric: "throughput_rps", comparator: "<", threshold: 1, withinSeconds: 900 },
      },
    ],
  },
});
const running: ReleaseState = { status: "running", currentWaveIndex: 1, trafficPercent: 100, waveStartedAt: NOW };
const gates = { now: NOW, waveStartedAt: NOW, checklist: [], signoffs: [], criticalBreaches: [] };
const rollback = (over: Partial<Command> = {}): Decision => decide(plan, running, { type: "rollback", actor: "ic", reason: "errors", ...over }, gates);

describe("ROLLBACK with rollback levels", () => {
  it("records the first level when none is asked for", () => {
    const d = rollback();
    expect(d.ok && d.events[0].data).toEqual({ fromTraffic: 100, wave: "All", level: 1, levelName: "Flag off" });
  });

  it("records the level asked for, and refuses one that does not exist (nothing changes)", () => {
    const d = rollback({ level: 2 });
    expect(d.ok && d.events[0].data).toMatchObject({ level: 2, levelName: "Redeploy" });
    const bad = rollback({ level: 3 });
    expect(bad.ok ? null : bad.refusal).toEqual({
      code: "invalid_request",
      message: "Rollback level 3 does not exist (the plan has levels 1-2)",
      details: { field: "level", level: 3, levels: 2 },
    });
  });

  it("a plan without levels rolls back without one and refuses a level", () => {
    const v1 = PlanSchema.parse({ name: "n", service: "s", version: "v", waves: [{ name: "a", trafficPercent: 100 }] });
    const d = decide(v1, { ...running, currentWaveIndex: 0 }, { type: "rollback", actor: "ic" }, gates);
    expect(d.ok && d.events[0].data).toEqual({ fromTraffic: 100, wave: "a" });
    expect(decide(v1, { ...running, currentWaveIndex: 0 }, { type: "rollback", actor: "ic", level: 1 }, gates).ok).toBe(false);
  });
});

describe("rollback follow-up: objective and verification", () => {
  const record = (level: number): RollbackRecord => rollbackRecordOf(plan, level, 1, NOW)!;

  it("the objective passing with steps open raises one alert; later looks raise nothing more", () => {
    const r = record(1);
    expect(r).toMatchObject({ objective: "pending", verified: "none", objectiveSeconds: 30 });
    const early = followUpRollback(r, { now: later(29), stepsDone: false, value: null });
    expect(early.events).toEqual([]);
    const late = followUpRollback(early.record, { now: later(30), stepsDone: false, value: null });
    expect(late.events).toEqual([
      {
        type: "rollback_alert",
        reason: 'Rollback level 1 "Flag off" passed its time objective (30s) with steps still open',
        data: { level: 1, kind: "objective_missed" },
      },
    ]);
    expect(late.record.objective).toBe("missed");
    expect(followUpPending(late.record)).toBe(false);
    expect(followUpRollback(late.record, { now: later(60), stepsDone: true, value: null }).events).toEqual([]);
  });

  it("steps done before the objective: met, no alert", () => {
    const done = followUpRollback(record(1), { now: later(10), stepsDone: true, value: null });
    expect(done).toEqual({ record: { ...record(1), objective: "met" }, events: [] });
  });

  it("verification passes once its window is over and the condition holds", () => {
    const r = followUpRollback(record(2), { now: later(10), stepsDone: true, value: 50 }).record;
    expect(r).toMatchObject({ objective: "met", verified: "pending" });
    expect(followUpRollback(r, { now: later(899), stepsDone: true, value: 0.2 }).events).toEqual([]);
    const v = followUpRollback(r, { now: later(900), stepsDone: true, value: 0.2 });
    expect(v.events.map((e) => [e.type, e.data])).toEqual([["rollback_verified", { level: 2, metric: "throughput_rps", value: 0.2 }]]);
    expect(v.record.verified).toBe("passed");
  });

  it("verification fails when the condition does not hold, or cannot be judged without data", () => {
    const r = record(2);
    const failed = followUpRollback(r, { now: later(900), stepsDone: true, value: 12 });
    expect(failed.events.map((e) => [e.type, e.data, e.reason])).toEqual([
      [
        "rollback_alert",
        { level: 2, kind: "verification_failed", metric: "throughput_rps", value: 12 },
        'Rollback level 2 "Redeploy" verification failed: throughput_rps is 12, expected throughput_rps < 1 within 15 min',
      ],
    ]);
    const noData = followUpRollback(r, { now: later(900), stepsDone: true, value: null });
    expect(noData.events[0].reason).toContain("could not be verified: no throughput_rps data");
    expect(noData.record.verified).toBe("failed");
  });
});
