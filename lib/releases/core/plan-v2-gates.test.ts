// Plan v2 gates as sequences: given sign-offs and ticks, when START or CONTINUE is decided, then which events
// (or which refusal naming which gate). Covers preSignoffs with and without a quorum, entry checklists and
// unowned items.
import { describe, expect, it } from "vitest";
import { PRE_START_PHASE, type ChecklistItemStatus, type GateInputs, type SignoffStatus } from "./gates";
import { decide, initialState, type Command, type Decision, type ReleaseState } from "./machine";
import { PlanSchema, type PlanInput } from "../../plans/core/plan";

const NOW = new Date("2030-03-01T10:00:00.000Z");
const base: PlanInput = {
  name: "Batch patches",
  service: "patcher",
  version: "1.0.0",
  waves: [
    { name: "Pilot", trafficPercent: 10 },
    { name: "Broad", trafficPercent: 100, entryChecklist: [{ text: "Support trained", ownerRole: "Support" }] },
  ],
};
const plan = (over: Partial<PlanInput> = {}) => PlanSchema.parse({ ...base, ...over });
const gates = (over: Partial<GateInputs> = {}): GateInputs => ({ now: NOW, waveStartedAt: NOW, checklist: [], signoffs: [], criticalBreaches: [], ...over });
const cmd = (type: Command["type"], over: Partial<Command> = {}): Command => ({ type, actor: "ic@example.com", ...over });
const pre = (role: string, decision: "approve" | "reject" = "approve"): SignoffStatus => ({
  waveIndex: PRE_START_PHASE,
  role,
  decision,
  by: `${role.toLowerCase()}@example.com`,
  comment: decision === "reject" ? "not ready" : null,
});
const item = (over: Partial<ChecklistItemStatus>): ChecklistItemStatus => ({
  id: "i",
  waveIndex: 1,
  text: "Support trained",
  ownerRole: "Support",
  required: true,
  state: "open",
  gate: "entry",
  ...over,
});
const unmetOf = (d: Decision) => (d.ok ? [] : d.refusal.code === "gates_unmet" ? d.refusal.details.unmet.map((u) => u.message) : [d.refusal.code]);
const eventsOf = (d: Decision) => (d.ok ? d.events.map((e) => e.type) : []);
const pilot: ReleaseState = { status: "running", currentWaveIndex: 0, trafficPercent: 10, waveStartedAt: NOW };

describe("preSignoffs gate START", () => {
  const all = plan({ preSignoffs: { roles: ["CISO", "Product Manager", "Ops"] } });
  const quorum = plan({ preSignoffs: { roles: ["CISO", "Product Manager", "Ops"], quorum: 2 } });

  it("without a quorum: every role must approve", () => {
    const given = gates({ signoffs: [pre("CISO"), pre("Ops")] });
    expect(unmetOf(decide(all, initialState(), cmd("start"), given))).toEqual(["Pre-start sign-off: waiting for Product Manager"]);
    const d = decide(all, initialState(), cmd("start"), gates({ signoffs: [pre("CISO"), pre("Ops"), pre("Product Manager")] }));
    expect(eventsOf(d)).toEqual(["started"]);
  });

  it("with a quorum of 2: one approval is not enough, any two are", () => {
    expect(unmetOf(decide(quorum, initialState(), cmd("start"), gates({ signoffs: [pre("Ops")] })))).toEqual([
      "Pre-start sign-off: 1 of the 2 needed from CISO, Product Manager, Ops (waiting for 1 more of CISO, Product Manager)",
    ]);
    expect(eventsOf(decide(quorum, initialState(), cmd("start"), gates({ signoffs: [pre("Ops"), pre("CISO")] })))).toEqual(["started"]);
  });

  it("a rejection blocks even when the quorum is reached, until overridden with a reason", () => {
    const given = gates({ signoffs: [pre("Ops"), pre("CISO"), pre("Product Manager", "reject")] });
    expect(unmetOf(decide(quorum, initialState(), cmd("start"), given))).toEqual([
      "Pre-start sign-off: Product Manager rejected (product manager@example.com): not ready",
    ]);
    const d = decide(quorum, initialState(), cmd("start", { override: true, reason: "PM on leave, VP approved" }), given);
    expect(eventsOf(d)).toEqual(["override", "started"]);
  });

  it("wave sign-offs never count as pre-start sign-offs", () => {
    const given = gates({ signoffs: [{ ...pre("CISO"), waveIndex: 0 }, { ...pre("Ops"), waveIndex: 0 }] });
    expect(unmetOf(decide(quorum, initialState(), cmd("start"), given))).toHaveLength(1);
  });

  it("pre-start sign-offs gate START only: a running release is not held by them", () => {
    expect(eventsOf(decide(all, pilot, cmd("continue"), gates()))).toEqual(["promoted"]);
  });
});

describe("entry checklists", () => {
  it("the next wave's entry items gate CONTINUE into it; its exit items do not", () => {
    const p = plan();
    const given = gates({ checklist: [item({ id: "entry" }), item({ id: "exit-of-broad", gate: "exit", text: "Close the tickets" })] });
    expect(unmetOf(decide(p, pilot, cmd("continue"), given))).toEqual(['Entry checklist of "Broad": "Support trained" is open (owner: Support)']);
    const ticked = gates({ checklist: [item({ id: "entry", state: "met" }), item({ id: "exit-of-broad", gate: "exit" })] });
    expect(eventsOf(decide(p, pilot, cmd("continue"), ticked))).toEqual(["promoted"]);
  });

  it("the first wave's entry items gate START, together with the pre-deployment checklist", () => {
    const p = plan({ waves: [{ name: "Pilot", trafficPercent: 10, entryChecklist: [{ text: "Pilot group notified" }] }, { name: "All", trafficPercent: 100 }] });
    const given = gates({
      checklist: [item({ id: "pre", waveIndex: null, gate: "exit", text: "Backups verified", ownerRole: "Ops" }), item({ id: "e0", waveIndex: 0, text: "Pilot group notified", ownerRole: null })],
    });
    expect(unmetOf(decide(p, initialState(), cmd("start"), given))).toEqual([
      'Checklist: "Backups verified" is open (owner: Ops)',
      'Entry checklist of "Pilot": "Pilot group notified" is open (owner: unassigned (commander))',
    ]);
    // Once inside the wave, its entry items no longer gate leaving it.
    expect(eventsOf(decide(p, pilot, cmd("continue"), given))).toEqual(["promoted"]);
  });

  it("an entry item that is waived opens the gate; an optional one never blocks", () => {
    const given = gates({ checklist: [item({ id: "a", state: "waived" }), item({ id: "b", required: false })] });
    expect(eventsOf(decide(plan(), pilot, cmd("continue"), given))).toEqual(["promoted"]);
  });
});

describe("items without an owner", () => {
  it("parse, and name the commander as who answers for them", () => {
    const p = plan({ preChecklist: [{ text: "Change ticket approved", group: "Process" }] });
    expect(p.preChecklist[0]).toEqual({ text: "Change ticket approved", group: "Process", required: true });
    const given = gates({ checklist: [item({ id: "x", waveIndex: null, gate: "exit", text: "Change ticket approved", ownerRole: null })] });
    const d = decide(p, initialState(), cmd("start"), given);
    expect(d.ok ? null : d.refusal.details).toEqual({
      unmet: [
        {
          kind: "checklist",
          message: 'Checklist: "Change ticket approved" is open (owner: unassigned (commander))',
          itemId: "x",
          text: "Change ticket approved",
          ownerRole: null,
          state: "open",
        },
      ],
    });
  });
});
