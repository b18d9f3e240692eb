// Freezes, release windows and quarantines in the one command path (issue 25), as given-events / when-command /
// then-events specifications of the pure machine and the schedule.
import { describe, expect, it } from "vitest";
import { decide, initialState, type Command, type CommandType, type Decision, type ReleaseState } from "../../releases/core/machine";
import type { GateInputs } from "../../releases/core/gates";
import { scheduleDue } from "../../releases/core/schedule";
import { PlanSchema, type Plan } from "../../plans/core/plan";
import { forwardBlockOf, quarantineBlockOf, type FreezeRecord, type QuarantineRecord } from "./forward-block";

const T0 = new Date("2026-11-26T10:00:00.000Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

const plan: Plan = PlanSchema.parse({
  name: "Checkout 2.1",
  service: "checkout",
  version: "2.1.0",
  waves: [
    { name: "Canary", trafficPercent: 10, bakeSeconds: 60, autoContinue: true },
    { name: "Half", trafficPercent: 50 },
    { name: "Full", trafficPercent: 100 },
  ],
});

const blackFriday: FreezeRecord = {
  id: "f1",
  from: at(-60),
  to: at(24 * 60),
  reason: "Black Friday",
  createdBy: "alice@example.com",
  environments: null,
  services: null,
  endedAt: null,
};
const subject = { service: "checkout", environment: null };

function inputs(now: Date, freezes: FreezeRecord[], state: ReleaseState, extra: Partial<GateInputs> = {}): GateInputs {
  return { now, waveStartedAt: state.waveStartedAt, checklist: [], signoffs: [], criticalBreaches: [], frozen: forwardBlockOf(freezes, subject, plan.windows, now), ...extra };
}

/** Given commands already applied (each at its minute), the state they lead to. */
function given(steps: [CommandType, number][], freezes: FreezeRecord[] = []): ReleaseState {
  let state = initialState();
  for (const [type, minute] of steps) {
    const d = decide(plan, state, { type, actor: "bob" }, inputs(at(minute), freezes, state));
    if (!d.ok) throw new Error(`given ${type} at ${minute}: ${d.refusal.message}`);
    state = d.state;
  }
  return state;
}

const when = (state: ReleaseState, command: Command, minute: number, freezes: FreezeRecord[] = [blackFriday], extra: Partial<GateInputs> = {}): Decision =>
  decide(plan, state, command, inputs(at(minute), freezes, state, extra));
const types = (d: Decision) => (d.ok ? d.events.map((e) => e.type) : d.refusal.code);

describe("a freeze holds forward steps and lets stop commands through", () => {
  it.each<[string, ReleaseState, CommandType]>([
    ["START a draft", initialState(), "start"],
    ["CONTINUE a running wave", given([["start", -120]]), "continue"],
    ["RESUME a paused wave", given([["start", -120], ["pause", -100]]), "resume"],
    ["RETRY a rolled-back release", given([["start", -120], ["rollback", -100]]), "retry"],
  ])("%s is refused with frozen, naming the freeze and its end", (_, state, type) => {
    const d = when(state, { type, actor: "bob" }, 0);
    expect(d.ok).toBe(false);
    if (d.ok) return;
    expect(d.refusal.code).toBe("frozen");
    expect(d.refusal.message).toContain("Frozen until 2026-11-27 10:00 UTC: Black Friday (alice@example.com)");
    expect(d.refusal.details).toMatchObject({ freeze: { kind: "freeze", freezeId: "f1", reason: "Black Friday", by: "alice@example.com", until: "2026-11-27T10:00:00.000Z" } });
  });

  it.each<[string, CommandType, string]>([
    ["PAUSE", "pause", "paused"],
    ["ROLLBACK", "rollback", "rolled_back"],
    ["STEP BACK", "step_back", "stepped_back"],
  ])("%s goes through during the freeze", (_, type, event) => {
    const running = given([["start", -120], ["continue", -100]]);
    expect(types(when(running, { type, actor: "bob" }, 0))).toEqual([event]);
  });

  it("an override alone does not pass a freeze: it is for gates, not for freezes", () => {
    const running = given([["start", -120]]);
    expect(types(when(running, { type: "continue", actor: "bob", override: true, reason: "ship it" }, 0))).toBe("frozen");
  });

  it("a freeze that ended (early or on time) holds nothing", () => {
    const running = given([["start", -120]]);
    expect(types(when(running, { type: "continue", actor: "bob" }, 0, [{ ...blackFriday, endedAt: at(-1) }]))).toEqual(["promoted"]);
    expect(types(when(running, { type: "continue", actor: "bob" }, 24 * 60))).toEqual(["promoted"]);
  });
});

describe("breaking a freeze for one command", () => {
  it("needs a written reason", () => {
    const d = when(initialState(), { type: "start", actor: "root", breakFreeze: { reason: "  " } }, 0);
    expect(d.ok ? null : d.refusal).toMatchObject({ code: "reason_required", details: { field: "breakFreeze.reason" } });
  });

  it("then: freeze_broken (the admin's reason, the freeze's own) precedes the command's event", () => {
    const d = when(initialState(), { type: "start", actor: "root", breakFreeze: { reason: "security fix CVE-1" } }, 0);
    expect(types(d)).toEqual(["freeze_broken", "started"]);
    if (!d.ok) return;
    expect(d.events[0]).toMatchObject({
      actor: "root",
      reason: "security fix CVE-1",
      data: { action: "start", source: "freeze", freezeId: "f1", freezeReason: "Black Friday", freezeBy: "alice@example.com", until: "2026-11-27T10:00:00.000Z" },
    });
  });

  it("passes the freeze only: other unmet gates still need an override, which is recorded apart", () => {
    const justStarted = given([["start", -0.5]]); // 30 s of the 60 s bake time left at minute 0
    const broken = when(justStarted, { type: "continue", actor: "root", breakFreeze: { reason: "hotfix" } }, 0);
    expect(types(broken)).toBe("gates_unmet");
    const both = when(justStarted, { type: "continue", actor: "root", breakFreeze: { reason: "hotfix" }, override: true, reason: "bake skipped" }, 0);
    expect(types(both)).toEqual(["freeze_broken", "override", "promoted"]);
    if (!both.ok) return;
    expect((both.events[1].data as { unmet: { kind: string }[] }).unmet.map((u) => u.kind)).toEqual(["bake"]);
  });

  it("with no freeze, breakFreeze changes nothing", () => {
    expect(types(when(initialState(), { type: "start", actor: "root", breakFreeze: { reason: "just in case" } }, 0, []))).toEqual(["started"]);
  });
});

describe("automatic promotion waits for the freeze to end", () => {
  it("given started; the bake passes during the freeze: nothing is due; the freeze ends: promotion is due", () => {
    const running = given([["start", -30]]);
    const freeze = { ...blackFriday, to: at(120) };
    const during = scheduleDue(plan, running, inputs(at(60), [freeze], running), null, "bob");
    expect(during.continueReason).toBeNull();
    const after = scheduleDue(plan, running, inputs(at(120), [freeze], running), null, "bob");
    expect(after.continueReason).toContain("Automatic promotion");
    // The schedule applies it through the one command path, which the freeze would have refused a minute earlier.
    expect(types(when(running, { type: "continue", actor: "schedule" }, 119, [freeze]))).toBe("frozen");
    expect(types(when(running, { type: "continue", actor: "schedule" }, 120, [freeze]))).toEqual(["promoted"]);
  });
});

describe("which freeze applies", () => {
  const f = (over: Partial<FreezeRecord>): FreezeRecord => ({ ...blackFriday, ...over });
  it.each<[string, FreezeRecord, { service: string; environment: string | null }, boolean]>([
    ["every service", f({}), subject, true],
    ["its service", f({ services: ["checkout", "cart"] }), subject, true],
    ["another service", f({ services: ["cart"] }), subject, false],
    ["its environment", f({ environments: ["prod"] }), { service: "checkout", environment: "prod" }, true],
    ["another environment", f({ environments: ["prod"] }), { service: "checkout", environment: "staging" }, false],
    ["environments, on a release with none (the list does not narrow it)", f({ environments: ["prod"] }), subject, true],
    ["not begun", f({ from: at(1) }), subject, false],
    ["over (to is exclusive)", f({ to: at(0) }), subject, false],
  ])("%s", (_, freeze, who, applies) => {
    expect(forwardBlockOf([freeze], who, undefined, at(0)) !== null).toBe(applies);
  });

  it("of overlapping freezes, the one ending last is named", () => {
    const block = forwardBlockOf([blackFriday, f({ id: "f2", to: at(48 * 60), reason: "Cyber Monday" })], subject, undefined, at(0));
    expect(block).toMatchObject({ freezeId: "f2", reason: "Cyber Monday" });
  });

  it("a closed release window holds like a freeze and says when it opens", () => {
    const windows = { timeZone: "Europe/Berlin", allow: [{ days: ["mon" as const, "tue" as const, "wed" as const, "thu" as const, "fri" as const], from: "09:00", to: "16:00" }] };
    // Thu 2026-11-26 18:00 CET = 17:00 UTC
    const block = forwardBlockOf([], subject, windows, new Date("2026-11-26T17:00:00Z"));
    expect(block).toMatchObject({ source: "window", freezeId: null, until: "2026-11-27T08:00:00.000Z" });
    expect(block?.message).toBe("Outside the plan's release windows (mon-fri 09:00-16:00 (Europe/Berlin)): they open 2026-11-27 08:00 UTC");
    expect(forwardBlockOf([], subject, windows, new Date("2026-11-27T08:00:00Z"))).toBeNull();
  });
});

describe("a quarantined version may not START", () => {
  const q: QuarantineRecord = {
    id: "q1",
    service: "checkout",
    serviceVersion: "2.1.0",
    releaseId: "r-old",
    releaseName: "Checkout 2.1 (first try)",
    rolledBackBy: "guardrail",
    reason: "guardrail on error_rate",
    at: at(-300),
    liftedAt: null,
  };
  const draft = { id: "r-new", service: "checkout", serviceVersion: "2.1.0" };

  it("START is refused with quarantined, naming the release, when and why, even with override and breakFreeze", () => {
    const quarantined = quarantineBlockOf([q], draft);
    for (const command of [{ type: "start" as const, actor: "bob" }, { type: "start" as const, actor: "root", override: true, reason: "x", breakFreeze: { reason: "y" } }]) {
      const d = when(initialState(), command, 0, [], { quarantined });
      expect(d.ok ? null : d.refusal).toMatchObject({
        code: "quarantined",
        details: { quarantine: { kind: "quarantine", quarantineId: "q1", releaseId: "r-old", releaseName: "Checkout 2.1 (first try)", by: "guardrail", reason: "guardrail on error_rate" } },
      });
    }
  });

  it.each<[string, Partial<QuarantineRecord> | null, typeof draft, boolean]>([
    ["same service and version", {}, draft, true],
    ["lifted", { liftedAt: at(-1) }, draft, false],
    ["another version (a newer one replaces it)", {}, { ...draft, serviceVersion: "2.1.1" }, false],
    ["another service", {}, { ...draft, service: "cart" }, false],
    ["the release that was rolled back itself (its RETRY is not gated by it)", {}, { ...draft, id: "r-old" }, false],
  ])("%s: blocks %s", (_, over, release, blocks) => {
    expect(quarantineBlockOf([{ ...q, ...over }], release) !== null).toBe(blocks);
  });
});
