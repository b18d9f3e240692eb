// separateApprover (issue 26): the creator's and the commander's approvals do not count toward a gate; another
// person's do; a rejection counts from anyone. Table tests over the pure gate evaluation.
import { describe, expect, it } from "vitest";
import { PlanSchema } from "../../plans/core/plan";
import { evaluateStartGates, evaluateWaveGates, PRE_START_PHASE, type GateInputs, type SelfApprover, type SignoffStatus, signoffCounts } from "./gates";

const plan = PlanSchema.parse({
  name: "r",
  service: "s",
  version: "1",
  separateApprover: true,
  preSignoffs: { roles: ["Security", "PM", "QA"], quorum: 2 },
  waves: [
    { name: "Canary", trafficPercent: 10, signoffs: ["PM"] },
    { name: "All", trafficPercent: 100 },
  ],
});
const self: SelfApprover[] = [
  { name: "creator@x", why: "created this release" },
  { name: "cmdr@x", why: "is its commander" },
];
const inputs = (signoffs: SignoffStatus[], selfApprovers: SelfApprover[] | null = self): GateInputs => ({
  now: new Date(0),
  waveStartedAt: new Date(0),
  checklist: [],
  signoffs,
  criticalBreaches: [],
  selfApprovers: selfApprovers ?? undefined,
});
const sign = (by: string, role = "PM", decision: "approve" | "reject" = "approve", waveIndex = 0): SignoffStatus => ({ waveIndex, role, decision, by, comment: decision === "reject" ? "no" : null });

describe("a wave's sign-off under separateApprover", () => {
  it.each([
    { by: "creator@x", open: false, why: "created this release" },
    { by: "cmdr@x", open: false, why: "is its commander" },
    { by: "someone@x", open: true, why: null },
  ])("an approval by $by opens the gate: $open", ({ by, open, why }) => {
    const gate = evaluateWaveGates(plan, 0, inputs([sign(by)]));
    expect(gate.open).toBe(open);
    if (why) expect(gate.unmet[0]!.message).toBe(`Sign-off: waiting for PM (the approval by ${by} does not count because ${by} ${why}, and this release needs a separate approver)`);
  });

  it("counts the creator's approval when the release does not need a separate approver", () => {
    expect(evaluateWaveGates(plan, 0, inputs([sign("creator@x")], null)).open).toBe(true);
  });

  it("hears a rejection from the creator", () => {
    const gate = evaluateWaveGates(plan, 0, inputs([sign("creator@x", "PM", "reject")]));
    expect(gate.unmet[0]!.message).toMatch(/^Sign-off: PM rejected \(creator@x\)/);
  });

  it("names both reasons when the creator is also the commander", () => {
    const both = [...self, { name: "creator@x", why: "is its commander" as const }];
    expect(signoffCounts(sign("creator@x"), both)).toEqual({ counts: false, reason: "does not count because creator@x created this release and is its commander, and this release needs a separate approver" });
  });
});

describe("a quorum before START under separateApprover", () => {
  const pre = (by: string, role: string) => sign(by, role, "approve", PRE_START_PHASE);
  it.each([
    { given: [pre("a@x", "Security"), pre("b@x", "PM")], open: true },
    { given: [pre("a@x", "Security"), pre("creator@x", "PM")], open: false },
    { given: [pre("cmdr@x", "Security"), pre("creator@x", "PM"), pre("c@x", "QA")], open: false },
    { given: [pre("cmdr@x", "Security"), pre("b@x", "PM"), pre("c@x", "QA")], open: true },
  ])("$given.length approvals -> open $open", ({ given, open }) => {
    const gate = evaluateStartGates(plan, inputs(given));
    expect(gate.open).toBe(open);
    if (!open) expect(gate.unmet[0]!.message).toMatch(/does not count because/);
  });
});
