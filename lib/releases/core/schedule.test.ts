// The clock's own work as sequences: given a release and its gates, when time passes, then what the schedule does
// (auto-promotion, one overdue alert per wave entry, hypercare and its end), and what people can still do.
import { describe, expect, it } from "vitest";
import { HYPERCARE_PHASE, type ChecklistItemStatus, type GateInputs } from "./gates";
import { decide, type ReleaseState } from "./machine";
import { PlanSchema, type PlanInput } from "../../plans/core/plan";
import { scheduleDue, SCHEDULE_ACTOR } from "./schedule";

const T0 = new Date("2030-03-01T10:00:00.000Z");
const at = (s: number) => new Date(T0.getTime() + s * 1000);
const plan = (over: Partial<PlanInput> = {}) =>
  PlanSchema.parse({
    name: "Batch patches",
    service: "patcher",
    version: "1.0.0",
    waves: [
      { name: "Pilot", trafficPercent: 10, bakeSeconds: 600, autoContinue: true, checklist: [{ text: "Dashboards green", ownerRole: "Ops" }] },
      { name: "Broad", trafficPercent: 50, maxSeconds: 3600, signoffs: ["Product Manager"], checklist: [{ text: "Support ready", ownerRole: "Support" }] },
      { name: "All", trafficPercent: 100 },
    ],
    hypercare: { durationSeconds: 86400, checklist: [{ text: "Lessons learned written", ownerRole: "PM" }], signoffs: ["Operations Lead"] },
    ...over,
  });
const wave = (i: number, over: Partial<ReleaseState> = {}): ReleaseState => ({ status: "running", currentWaveIndex: i, trafficPercent: [10, 50, 100][i], waveStartedAt: T0, ...over });
const gates = (now: Date, over: Partial<GateInputs> = {}): GateInputs => ({ now, waveStartedAt: T0, checklist: [], signoffs: [], criticalBreaches: [], ...over });
const item = (over: Partial<ChecklistItemStatus>): ChecklistItemStatus => ({ id: "i", waveIndex: 0, text: "Dashboards green", ownerRole: "Ops", required: true, state: "open", ...over });

describe("autoContinue", () => {
  const p = plan();
  it("waits for the bake time and every gate, then asks for CONTINUE with the reason recorded", () => {
    const ticked = [item({ state: "met" })];
    expect(scheduleDue(p, wave(0), gates(at(599), { checklist: ticked }), null, "ic").continueReason).toBeNull();
    expect(scheduleDue(p, wave(0), gates(at(600), { checklist: [item({})] }), null, "ic").continueReason).toBeNull();
    const due = scheduleDue(p, wave(0), gates(at(600), { checklist: ticked }), null, "ic");
    expect(due.continueReason).toBe('Automatic promotion: every gate of "Pilot" is open after its bake time');
    // When the command path applies it, it is an ordinary promotion by actor "schedule".
    const d = decide(p, wave(0), { type: "continue", actor: SCHEDULE_ACTOR, reason: due.continueReason }, gates(at(600), { checklist: ticked }));
    expect(d.ok && d.events.map((e) => [e.type, e.actor, e.reason])).toEqual([["promoted", "schedule", due.continueReason]]);
  });

  it("never promotes a paused release, nor with an open critical breach", () => {
    const ticked = [item({ state: "met" })];
    expect(scheduleDue(p, wave(0, { status: "paused" }), gates(at(9999), { checklist: ticked }), null, "ic").continueReason).toBeNull();
    const breach = gates(at(9999), { checklist: ticked, criticalBreaches: [{ metric: "error_rate", detail: "x" }] });
    expect(scheduleDue(p, wave(0), breach, null, "ic").continueReason).toBeNull();
  });

  it("a wave without autoContinue waits for a person", () => {
    expect(scheduleDue(p, wave(2), gates(at(99_999)), null, "ic").continueReason).toBeNull();
  });
});

describe("maxSeconds: the decision deadline", () => {
  const p = plan();
  it("raises one overdue alert for the commander and the wave's owners once the deadline passes", () => {
    expect(scheduleDue(p, wave(1), gates(at(3599)), null, "ic@example.com").overdue).toBeNull();
    const due = scheduleDue(p, wave(1), gates(at(3600), { checklist: [item({ waveIndex: 1, ownerRole: "Support" })] }), null, "ic@example.com");
    expect(due.overdue).toEqual({ waveIndex: 1, wave: "Broad", maxSeconds: 3600, notify: ["commander (ic@example.com)", "Support", "Product Manager"] });
    // Given it was raised for this wave entry, it is not raised again ...
    expect(scheduleDue(p, wave(1), gates(at(7200)), T0, "ic").overdue).toBeNull();
    // ... but a new entry into the wave (after a step back and a new promotion) has its own deadline.
    expect(scheduleDue(p, wave(1, { waveStartedAt: at(5000) }), gates(at(8600)), T0, "ic").overdue).not.toBeNull();
  });

  it("a paused release is held on purpose: no deadline alert while paused", () => {
    expect(scheduleDue(p, wave(1, { status: "paused" }), gates(at(99_999)), null, "ic").overdue).toBeNull();
  });
});

describe("hypercare", () => {
  const p = plan();
  const last = wave(2);
  const hc: ReleaseState = { status: "hypercare", currentWaveIndex: 2, trafficPercent: 100, waveStartedAt: at(100) };
  const hcItem = item({ id: "h", waveIndex: null, gate: "hypercare", text: "Lessons learned written", ownerRole: "PM" });
  const opsApproves = { waveIndex: HYPERCARE_PHASE, role: "Operations Lead", decision: "approve" as const, by: "ops", comment: null };

  it("CONTINUE after the last wave begins hypercare at 100% instead of completing", () => {
    const d = decide(p, last, { type: "continue", actor: "ic" }, gates(at(100)));
    expect(d.ok && d.state).toEqual(hc);
    expect(d.ok && d.events.map((e) => [e.type, e.data])).toEqual([["hypercare_started", { wave: "All", durationSeconds: 86400 }]]);
  });

  it("ends on its own once the duration passed and its checklist and sign-offs are done; completed only then", () => {
    const done = { checklist: [{ ...hcItem, state: "met" as const }], signoffs: [opsApproves], waveStartedAt: at(100) };
    expect(scheduleDue(p, hc, gates(at(100 + 86399), done), null, "ic").continueReason).toBeNull();
    expect(scheduleDue(p, hc, gates(at(100 + 86400), { ...done, signoffs: [] }), null, "ic").continueReason).toBeNull();
    const due = scheduleDue(p, hc, gates(at(100 + 86400), done), null, "ic");
    expect(due.continueReason).toContain("Hypercare ended");
    const d = decide(p, hc, { type: "continue", actor: SCHEDULE_ACTOR, reason: due.continueReason }, gates(at(100 + 86400), done));
    expect(d.ok && d.state.status).toBe("completed");
    expect(d.ok && d.events[0].data).toEqual({ wave: "All", phase: "hypercare" });
  });

  it("a person's CONTINUE before the end is refused with what is missing, or passes with a reasoned override", () => {
    const g = gates(at(200), { checklist: [hcItem], waveStartedAt: at(100) });
    const refused = decide(p, hc, { type: "continue", actor: "ic" }, g);
    expect(refused.ok ? [] : refused.refusal.code === "gates_unmet" ? refused.refusal.details.unmet.map((u) => u.message) : []).toEqual([
      "Hypercare: 23h 58m of 1d still to go",
      'Hypercare checklist: "Lessons learned written" is open (owner: PM)',
      "Hypercare sign-off: waiting for Operations Lead",
    ]);
    const overridden = decide(p, hc, { type: "continue", actor: "ic", override: true, reason: "stable for a week already" }, g);
    expect(overridden.ok && overridden.events.map((e) => e.type)).toEqual(["override", "completed"]);
  });

  it("guardrails still act: ROLLBACK works in hypercare, PAUSE is not possible (nothing is left to hold)", () => {
    expect(decide(p, hc, { type: "rollback", actor: "guardrail" }, gates(at(500))).ok).toBe(true);
    const pause = decide(p, hc, { type: "pause", actor: "guardrail" }, gates(at(500)));
    expect(pause.ok ? null : pause.refusal.code).toBe("invalid_transition");
  });

  it("a plan without hypercare completes at the last wave as in v1", () => {
    const v1 = plan({ hypercare: undefined });
    const d = decide(v1, last, { type: "continue", actor: "ic" }, gates(at(100)));
    expect(d.ok && d.state.status).toBe("completed");
  });
});
