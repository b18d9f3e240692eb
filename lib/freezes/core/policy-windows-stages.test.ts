// Issue 26 item 2 (a release policy's allowed windows hold forward steps, evaluated as the plan's `windows` are) and
// issue 25 (a freeze on one environment holds the stage bound to it, not the others): given state, when command,
// then events or refusal, through the one machine with time passed in.
import { describe, expect, it } from "vitest";
import { decide, initialState, type Command, type CommandType, type Decision, type ReleaseState } from "../../releases/core/machine";
import type { GateInputs } from "../../releases/core/gates";
import { PlanSchema, type Plan } from "../../plans/core/plan";
import { PolicySpecSchema, releaseWindowsOf, type AppliedPolicy } from "../../policies/core/policy";
import { forwardBlockOf, type FreezeRecord, type FreezeSubject } from "./forward-block";

// Thu 2026-11-26; the policy allows mon-fri 09:00-16:00 UTC.
const at = (iso: string) => new Date(`2026-11-26T${iso}:00.000Z`);
const OPEN = at("10:00");
const CLOSED = at("17:00");

const plan: Plan = PlanSchema.parse({
  name: "Checkout 2.1",
  service: "checkout",
  version: "2.1.0",
  environment: "prod",
  waves: [
    { name: "Canary", trafficPercent: 10 },
    { name: "Full", trafficPercent: 100 },
  ],
});

const officeHours: AppliedPolicy = {
  id: "p1",
  name: "prod office hours",
  spec: PolicySpecSchema.parse({ allowedWindows: [{ days: [1, 2, 3, 4, 5], from: "09:00", to: "16:00" }] }),
};
const subject: FreezeSubject = { service: "checkout", environment: "prod" };

function inputs(now: Date, state: ReleaseState, policies: AppliedPolicy[] = [officeHours], p: Plan = plan): GateInputs {
  return { now, waveStartedAt: state.waveStartedAt, checklist: [], signoffs: [], criticalBreaches: [], frozen: forwardBlockOf([], subject, releaseWindowsOf(p, policies), now) };
}

function given(steps: CommandType[], now = OPEN): ReleaseState {
  let state = initialState();
  for (const type of steps) {
    const d = decide(plan, state, { type, actor: "bob" }, inputs(now, state));
    if (!d.ok) throw new Error(`given ${type}: ${d.refusal.message}`);
    state = d.state;
  }
  return state;
}

const types = (d: Decision) => (d.ok ? d.events.map((e) => e.type) : d.refusal.code);

describe("a policy's allowed windows hold forward steps", () => {
  it.each<[string, ReleaseState, CommandType]>([
    ["START", initialState(), "start"],
    ["CONTINUE", given(["start"]), "continue"],
    ["RESUME", given(["start", "pause"]), "resume"],
    ["RETRY", given(["start", "rollback"]), "retry"],
  ])("%s outside the window is refused with frozen, naming the policy and when it opens", (_, state, type) => {
    const d = decide(plan, state, { type, actor: "bob" }, inputs(CLOSED, state));
    expect(d.ok).toBe(false);
    if (d.ok) return;
    expect(d.refusal.code).toBe("frozen");
    expect(d.refusal.message).toContain('Outside the release windows of policy "prod office hours" (mon-fri 09:00-16:00 (UTC)): they open 2026-11-27 09:00 UTC');
    expect(d.refusal.details).toMatchObject({ freeze: { kind: "freeze", source: "window", policy: "prod office hours", until: "2026-11-27T09:00:00.000Z" } });
  });

  it("the same step inside the window goes", () => {
    expect(types(decide(plan, initialState(), { type: "start", actor: "bob" }, inputs(OPEN, initialState())))).toEqual(["started"]);
  });

  it.each<[string, ReleaseState, CommandType, string]>([
    ["PAUSE", given(["start"]), "pause", "paused"],
    ["ROLLBACK", given(["start"]), "rollback", "rolled_back"],
    ["STEP BACK", given(["start", "continue"]), "step_back", "stepped_back"],
  ])("%s outside the window goes through", (_, state, type, event) => {
    expect(types(decide(plan, state, { type, actor: "bob" }, inputs(CLOSED, state)))).toContain(event);
  });

  it("the policy's time zone is the one its hours are read in", () => {
    const berlin: AppliedPolicy = { ...officeHours, spec: PolicySpecSchema.parse({ allowedWindows: [{ days: [4], from: "09:00", to: "16:00" }], windowsTimeZone: "Europe/Berlin" }) };
    // 15:30 UTC is 16:30 in Berlin: closed there, though open in UTC.
    expect(forwardBlockOf([], subject, releaseWindowsOf(plan, [berlin]), at("15:30"))).toMatchObject({ source: "window", policy: "prod office hours" });
    expect(forwardBlockOf([], subject, releaseWindowsOf(plan, [berlin]), at("14:30"))).toBeNull();
  });

  it("with the plan's own windows too, both must be open; the one opening last is named", () => {
    const late = PlanSchema.parse({ ...plan, windows: { timeZone: "UTC", allow: [{ days: ["thu"], from: "12:00", to: "20:00" }] } });
    // 10:00: the policy's is open, the plan's not (opens 12:00 today).
    const planClosed = forwardBlockOf([], subject, releaseWindowsOf(late, [officeHours]), OPEN);
    expect(planClosed).toMatchObject({ until: "2026-11-26T12:00:00.000Z", message: "Outside the plan's release windows (thu 12:00-20:00 (UTC)): they open 2026-11-26 12:00 UTC" });
    expect(planClosed?.policy).toBeUndefined();
    // 17:00: the plan's is open, the policy's not.
    expect(forwardBlockOf([], subject, releaseWindowsOf(late, [officeHours]), CLOSED)).toMatchObject({ policy: "prod office hours" });
    // 21:00: both closed; the plan's opens next Thursday, after the policy's Friday 09:00.
    expect(forwardBlockOf([], subject, releaseWindowsOf(late, [officeHours]), at("21:00"))?.until).toBe("2026-12-03T12:00:00.000Z");
    expect(forwardBlockOf([], subject, releaseWindowsOf(late, [officeHours]), at("13:00"))).toBeNull();
  });

  it("a policy without windows holds nothing", () => {
    expect(releaseWindowsOf(plan, [{ ...officeHours, spec: PolicySpecSchema.parse({}) }])).toEqual([]);
  });
});

describe("a freeze per environment holds only the stage bound to it", () => {
  const programme: Plan = PlanSchema.parse({
    name: "Checkout 3.1",
    service: "checkout",
    version: "3.1",
    tracks: [
      { key: "staging", name: "Staging", environment: "staging", waves: [{ name: "Staging 50%", trafficPercent: 50 }, { name: "Staging 100%", trafficPercent: 100 }] },
      { key: "prod", name: "Prod", environment: "prod", waves: [{ name: "Prod 10%", trafficPercent: 10 }, { name: "Prod 100%", trafficPercent: 100 }] },
    ],
  });
  const prodFreeze: FreezeRecord = {
    id: "f-prod",
    from: at("00:00"),
    to: at("23:00"),
    reason: "prod incident review",
    createdBy: "alice@example.com",
    environments: ["prod"],
    services: null,
    endedAt: null,
  };
  const gates = (now: Date, freezes: FreezeRecord[]): GateInputs => ({
    now,
    waveStartedAt: null,
    checklist: [],
    signoffs: [],
    criticalBreaches: [],
    frozen: forwardBlockOf(freezes, { service: "checkout", environment: null }, [], now),
    trackFrozen: (programme.tracks ?? []).map((t) => forwardBlockOf(freezes, { service: "checkout", environment: t.environment ?? null }, [], now)),
  });
  const run = (state: ReleaseState, command: Omit<Command, "actor">, freezes: FreezeRecord[]) => decide(programme, state, { actor: "ann", ...command }, gates(OPEN, freezes));
  function givenTracks(commands: Omit<Command, "actor">[]): ReleaseState {
    let state = initialState();
    for (const c of commands) {
      const d = run(state, c, []);
      if (!d.ok) throw new Error(`given ${c.type} ${c.track}: ${d.refusal.message}`);
      state = d.state;
    }
    return state;
  }

  it("START and CONTINUE of the prod stage are refused with frozen while staging continues", () => {
    const started = givenTracks([{ type: "start", track: "staging" }]);
    expect(types(run(started, { type: "continue", track: "staging" }, [prodFreeze]))).toEqual(["promoted"]);
    const prodStart = run(started, { type: "start", track: "prod" }, [prodFreeze]);
    expect(prodStart.ok ? null : prodStart.refusal).toMatchObject({ code: "frozen", details: { freeze: { freezeId: "f-prod", reason: "prod incident review" } } });
    const both = givenTracks([{ type: "start", track: "staging" }, { type: "start", track: "prod" }]);
    expect(types(run(both, { type: "continue", track: "prod" }, [prodFreeze]))).toBe("frozen");
    expect(types(run(both, { type: "continue", track: "staging" }, [prodFreeze]))).toEqual(["promoted"]);
  });

  it("PAUSE and ROLLBACK of the frozen stage go through", () => {
    const both = givenTracks([{ type: "start", track: "staging" }, { type: "start", track: "prod" }]);
    expect(types(run(both, { type: "pause", track: "prod" }, [prodFreeze]))).toContain("paused");
    expect(types(run(both, { type: "rollback", track: "prod" }, [prodFreeze]))).toContain("rolled_back");
  });

  it("a freeze naming no environment holds every stage", () => {
    const everywhere = { ...prodFreeze, environments: null };
    const started = givenTracks([{ type: "start", track: "staging" }]);
    expect(types(run(started, { type: "continue", track: "staging" }, [everywhere]))).toBe("frozen");
    expect(types(run(started, { type: "start", track: "prod" }, [everywhere]))).toBe("frozen");
  });
});
