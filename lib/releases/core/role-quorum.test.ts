// N-of-M quorums per role (issue 26): "2 of the approvers with role Product Manager". Distinct people count; an
// approval that does not count (the creator's under separateApprover) does not count toward the quorum either; the
// plan format stays backwards compatible (absent = 1). Table tests over the pure schema and gate evaluation.
import { describe, expect, it } from "vitest";
import { PlanSchema, type PlanInput } from "../../plans/core/plan";
import { checkPlanAgainstPolicy } from "../../policies/core/check-plan";
import { PolicySpecSchema } from "../../policies/core/policy";
import { evaluateHypercareGates, evaluateStartGates, evaluateWaveGates, HYPERCARE_PHASE, PRE_START_PHASE, type GateInputs, type SelfApprover, type SignoffStatus } from "./gates";
import { decide, initialState } from "./machine";
import { trackPhase, TRACK_START_WAVE } from "./tracks";

const base: PlanInput = {
  name: "Checkout 4",
  service: "checkout",
  version: "4.0.0",
  waves: [
    { name: "Canary", trafficPercent: 10, signoffs: ["Product Manager", "QA"], signoffQuorum: { "Product Manager": 2 } },
    { name: "All", trafficPercent: 100, signoffs: ["Product Manager"] },
  ],
};
const plan = PlanSchema.parse(base);
const self: SelfApprover[] = [{ name: "creator@x", why: "created this release" }];

const inputs = (signoffs: SignoffStatus[], selfApprovers?: SelfApprover[]): GateInputs => ({
  now: new Date(0),
  waveStartedAt: new Date(0),
  checklist: [],
  signoffs,
  criticalBreaches: [],
  ...(selfApprovers ? { selfApprovers } : {}),
});
const sign = (by: string, role = "Product Manager", waveIndex = 0, decision: "approve" | "reject" = "approve"): SignoffStatus => ({ waveIndex, role, decision, by, comment: decision === "reject" ? "not yet" : null });
const qa = sign("qa@x", "QA");
const lines = (g: { unmet: { message: string }[] }) => g.unmet.map((u) => u.message);

describe("the plan format", () => {
  it("keeps plans without signoffQuorum valid (each role needs one approver)", () => {
    const old = PlanSchema.parse({ ...base, waves: [{ name: "Canary", trafficPercent: 10, signoffs: ["PM"] }, { name: "All", trafficPercent: 100 }] });
    expect(old.waves[0]!.signoffQuorum).toBeUndefined();
    expect(evaluateWaveGates(old, 0, inputs([sign("a@x", "PM")])).open).toBe(true);
  });

  it.each<[string, PlanInput, string]>([
    ["a role the wave does not ask for", { ...base, waves: [{ name: "Canary", trafficPercent: 10, signoffs: ["QA"], signoffQuorum: { "Product Manager": 2 } }, { name: "All", trafficPercent: 100 }] }, "waves.0.signoffQuorum.Product Manager"],
    ["a quorum of 0", { ...base, waves: [{ name: "Canary", trafficPercent: 10, signoffs: ["QA"], signoffQuorum: { QA: 0 } }, { name: "All", trafficPercent: 100 }] }, "waves.0.signoffQuorum.QA"],
    ["pre-start roles", { ...base, preSignoffs: { roles: ["QA"], signoffQuorum: { Security: 2 } } }, "preSignoffs.signoffQuorum.Security"],
    ["hypercare roles", { ...base, hypercare: { durationSeconds: 60, signoffs: ["QA"], signoffQuorum: { Ops: 2 } } }, "hypercare.signoffQuorum.Ops"],
    ["a track's roles", { ...base, waves: undefined, tracks: [{ key: "eu", name: "EU", signoffs: ["QA"], signoffQuorum: { PM: 2 }, waves: [{ name: "EU", trafficPercent: 100 }] }] }, "tracks.0.signoffQuorum.PM"],
  ])("refuses a quorum naming %s", (_, input, path) => {
    const parsed = PlanSchema.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join("."))).toContain(path);
  });
});

describe("a wave's gate with 2 of Product Manager", () => {
  it.each<[string, SignoffStatus[], SelfApprover[] | undefined, string[]]>([
    ["nobody yet", [qa], undefined, ["Sign-off: Product Manager: 0 of 2 sign-offs"]],
    ["one person", [sign("a@x"), qa], undefined, ["Sign-off: Product Manager: 1 of 2 sign-offs"]],
    ["two distinct people", [sign("a@x"), sign("b@x"), qa], undefined, []],
    ["the same person twice (one decision per person)", [sign("a@x"), sign("a@x"), qa], undefined, ["Sign-off: Product Manager: 1 of 2 sign-offs"]],
    [
      "the creator under separateApprover does not count toward the quorum",
      [sign("a@x"), sign("creator@x"), qa],
      self,
      ["Sign-off: Product Manager: 1 of 2 sign-offs (the approval by creator@x does not count because creator@x created this release, and this release needs a separate approver)"],
    ],
    ["the creator counts without separateApprover", [sign("a@x"), sign("creator@x"), qa], undefined, []],
    ["a rejection by anyone holds it, quorum reached or not", [sign("a@x"), sign("b@x"), sign("c@x", "Product Manager", 0, "reject"), qa], undefined, ["Sign-off: Product Manager rejected (c@x): not yet"]],
  ])("%s", (_, given, selfApprovers, expected) => {
    const gate = evaluateWaveGates(plan, 0, inputs(given, selfApprovers));
    expect(lines(gate)).toEqual(expected);
    expect(gate.open).toBe(expected.length === 0);
  });

  it("carries the counts on the gate line for screens", () => {
    expect(evaluateWaveGates(plan, 0, inputs([sign("a@x"), qa])).unmet[0]).toMatchObject({ kind: "signoff", role: "Product Manager", approvals: 1, needed: 2 });
  });

  it("the machine refuses CONTINUE until the quorum is met, and then goes", () => {
    const started = decide(plan, initialState(), { type: "start", actor: "ann" }, inputs([]));
    if (!started.ok) throw new Error(started.refusal.message);
    const refused = decide(plan, started.state, { type: "continue", actor: "ann" }, inputs([sign("a@x"), qa]));
    expect(refused.ok ? null : refused.refusal).toMatchObject({ code: "gates_unmet", details: { unmet: [{ kind: "signoff", approvals: 1, needed: 2 }] } });
    expect(decide(plan, started.state, { type: "continue", actor: "ann" }, inputs([sign("a@x"), sign("b@x"), qa])).ok).toBe(true);
  });
});

describe("quorums before START, at hypercare and on a stage", () => {
  it("preSignoffs: any 2 of 3 roles, Security needing 2 people to count as one of them", () => {
    const p = PlanSchema.parse({ ...base, preSignoffs: { roles: ["Security", "PM", "QA"], quorum: 2, signoffQuorum: { Security: 2 } } });
    const pre = (by: string, role: string) => sign(by, role, PRE_START_PHASE);
    expect(evaluateStartGates(p, inputs([pre("a@x", "Security"), pre("b@x", "PM")])).unmet[0]?.message).toBe(
      "Pre-start sign-off: 1 of the 2 needed from Security, PM, QA (waiting for 1 more of Security, QA); Security: 1 of 2 sign-offs",
    );
    expect(evaluateStartGates(p, inputs([pre("a@x", "Security"), pre("c@x", "Security"), pre("b@x", "PM")])).open).toBe(true);
    expect(evaluateStartGates(p, inputs([pre("a@x", "QA"), pre("b@x", "PM")])).open).toBe(true);
  });

  it("preSignoffs with all roles required words each role's quorum", () => {
    const p = PlanSchema.parse({ ...base, preSignoffs: { roles: ["Security"], signoffQuorum: { Security: 3 } } });
    expect(lines(evaluateStartGates(p, inputs([sign("a@x", "Security", PRE_START_PHASE)])))).toEqual(["Pre-start sign-off: Security: 1 of 3 sign-offs"]);
  });

  it("hypercare", () => {
    const p = PlanSchema.parse({ ...base, hypercare: { durationSeconds: 0, signoffs: ["Ops"], signoffQuorum: { Ops: 2 } } });
    expect(lines(evaluateHypercareGates(p, inputs([sign("a@x", "Ops", HYPERCARE_PHASE)])))).toEqual(["Hypercare sign-off: Ops: 1 of 2 sign-offs"]);
  });

  it("a stage's promotion gate (its start sign-offs) needs 2 Product Managers", () => {
    const p = PlanSchema.parse({
      ...base,
      waves: undefined,
      tracks: [
        { key: "staging", name: "Staging", environment: "staging", waves: [{ name: "Staging", trafficPercent: 100 }] },
        { key: "prod", name: "Prod", environment: "prod", after: { track: "staging" }, signoffs: ["Product Manager"], signoffQuorum: { "Product Manager": 2 }, waves: [{ name: "Prod", trafficPercent: 100 }] },
      ],
    });
    const at = trackPhase(1, TRACK_START_WAVE);
    const state = { ...initialState(), tracks: { staging: { status: "completed" as const, currentWaveIndex: 0, trafficPercent: 100, waveStartedAt: null, completedAt: new Date(0), reachedAt: [] }, prod: { status: "draft" as const, currentWaveIndex: 0, trafficPercent: 0, waveStartedAt: null, completedAt: null, reachedAt: [] } } };
    const one = decide(p, state, { type: "start", actor: "ann", track: "prod" }, { ...inputs([sign("a@x", "Product Manager", at)]), now: new Date(1000) });
    expect(one.ok ? null : one.refusal.message).toBe("Prod: 1 gate is unmet: Pre-start sign-off: Product Manager: 1 of 2 sign-offs");
    const two = decide(p, state, { type: "start", actor: "ann", track: "prod" }, { ...inputs([sign("a@x", "Product Manager", at), sign("b@x", "Product Manager", at)]), now: new Date(1000) });
    expect(two.ok).toBe(true);
  });
});

describe("a policy may require a quorum", () => {
  const policy = { name: "two PMs", spec: PolicySpecSchema.parse({ signoffQuorum: { "Product Manager": 2 } }) };
  it("refuses a plan that asks the role with fewer people, naming the policy, the rule and the gate", () => {
    expect(checkPlanAgainstPolicy(plan, policy)).toEqual([
      { policy: "two PMs", rule: "signoffQuorum", message: 'Policy "two PMs": needs 2 distinct approvers in Product Manager wherever the plan asks for that role (signoffQuorum); fewer in "All" (1)' },
    ]);
  });
  it("accepts a plan that asks 2 (or more) everywhere it asks the role", () => {
    const ok = PlanSchema.parse({ ...base, waves: [base.waves![0], { name: "All", trafficPercent: 100, signoffs: ["Product Manager"], signoffQuorum: { "Product Manager": 3 } }] });
    expect(checkPlanAgainstPolicy(ok, policy)).toEqual([]);
  });
});
