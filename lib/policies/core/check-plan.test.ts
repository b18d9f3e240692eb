import { describe, expect, it } from "vitest";
import { z } from "zod";
import { PlanSchema, type PlanInput } from "../../plans/core/plan";
import { checkPlanAgainstPolicies, checkPlanAgainstPolicy, separateApproverRequired } from "./check-plan";
import { globMatches, policiesFor, PolicySpecPatchShape, PolicySpecSchema, type Policy, type PolicySpecInput } from "./policy";

const plan = (over: Partial<PlanInput> = {}) =>
  PlanSchema.parse({
    name: "Payments 2.0",
    service: "payments",
    version: "2.0.0",
    environment: "production",
    waves: [
      { name: "Canary", trafficPercent: 5, bakeSeconds: 600 },
      { name: "Half", trafficPercent: 50, bakeSeconds: 600 },
      { name: "All", trafficPercent: 100 },
    ],
    ...over,
  });
const policy = (name: string, spec: PolicySpecInput, enabled = true): Policy => ({ id: name, name, enabled, spec: PolicySpecSchema.parse(spec) });

describe("globMatches / policiesFor", () => {
  it("matches exact names and * ? wildcards, nothing else as a pattern", () => {
    expect(globMatches("payments", "payments")).toBe(true);
    expect(globMatches("pay*", "payments")).toBe(true);
    expect(globMatches("pay?ents", "payments")).toBe(true);
    expect(globMatches("pay.ents", "payments")).toBe(false);
    expect(globMatches("payments", "payments-eu")).toBe(false);
  });

  it("matches by service, environment and tags; disabled policies never apply", () => {
    const all = [
      policy("any", {}),
      policy("prod", { match: { environment: "prod*" } }),
      policy("staging", { match: { environment: "staging" } }),
      policy("pci", { match: { service: "pay*", tags: ["pci"] } }),
      policy("off", {}, false),
    ];
    expect(policiesFor(all, plan()).map((p) => p.name)).toEqual(["any", "prod"]);
    expect(policiesFor(all, plan({ tags: ["pci", "eu"] })).map((p) => p.name)).toEqual(["any", "prod", "pci"]);
    // A plan that names no environment is matched only by policies for any environment.
    expect(policiesFor(all, plan({ environment: undefined })).map((p) => p.name)).toEqual(["any"]);
  });
});

describe("checkPlanAgainstPolicy", () => {
  const guarded = { guardrails: [{ metric: "error_rate", comparator: ">" as const, critical: 0.02, onCritical: "rollback" as const }] };

  it("requires a guardrail on the metric, at or below the maximum, acting at least as strongly, in every wave", () => {
    const rule = policy("payments-prod", { requiredGuardrails: [{ metric: "error_rate", maxThreshold: 0.05, action: "rollback" }] });
    expect(checkPlanAgainstPolicy(plan(guarded), rule)).toEqual([]);
    const [missing] = checkPlanAgainstPolicy(plan(), rule);
    expect(missing).toMatchObject({ policy: "payments-prod", rule: "requiredGuardrails" });
    expect(missing!.message).toBe('Policy "payments-prod": needs a guardrail on error_rate (critical above at most 0.05, action rollback or stronger) in every wave; the plan has none');
    expect(checkPlanAgainstPolicy(plan({ guardrails: [{ ...guarded.guardrails[0]!, critical: 0.1 }] }), rule)).toHaveLength(1);
    expect(checkPlanAgainstPolicy(plan({ guardrails: [{ ...guarded.guardrails[0]!, onCritical: "pause" }] }), rule)).toHaveLength(1);
    // A stronger action than required is fine.
    const pauseRule = policy("p", { requiredGuardrails: [{ metric: "error_rate", maxThreshold: 0.05, action: "pause" }] });
    expect(checkPlanAgainstPolicy(plan(guarded), pauseRule)).toEqual([]);
    // A wave guardrail in only one wave leaves the others unguarded, and they are named.
    const oneWave = plan({ waves: [{ name: "Canary", trafficPercent: 5, guardrails: guarded.guardrails }, { name: "All", trafficPercent: 100 }] });
    expect(checkPlanAgainstPolicy(oneWave, rule)[0]!.message).toContain('missing in "All"');
  });

  it("requires pre-deployment items by their text, case-insensitively", () => {
    const rule = policy("sec", { requiredPreChecklist: ["Security review"] });
    expect(checkPlanAgainstPolicy(plan({ preChecklist: [{ text: "Security review signed (SEC-12)" }] }), rule)).toEqual([]);
    expect(checkPlanAgainstPolicy(plan({ preChecklist: [{ text: "security REVIEW" }] }), rule)).toEqual([]);
    expect(checkPlanAgainstPolicy(plan(), rule)[0]!.message).toBe('Policy "sec": needs the pre-deployment item "Security review"');
  });

  it("requires sign-off roles at any gate, before START (all required) or in every wave", () => {
    const any = policy("a", { requiredSignoffs: [{ role: "Security" }] });
    const pre = policy("b", { requiredSignoffs: [{ role: "Security", on: "pre_start" }] });
    const every = policy("c", { requiredSignoffs: [{ role: "Security", on: "every_wave" }] });
    const inOneWave = plan({ waves: [{ name: "Canary", trafficPercent: 5, signoffs: ["Security"] }, { name: "All", trafficPercent: 100 }] });
    expect(checkPlanAgainstPolicy(inOneWave, any)).toEqual([]);
    expect(checkPlanAgainstPolicy(inOneWave, pre)).toHaveLength(1);
    expect(checkPlanAgainstPolicy(inOneWave, every)[0]!.message).toBe('Policy "c": needs a sign-off from Security in every wave');
    expect(checkPlanAgainstPolicy(plan({ preSignoffs: { roles: ["Security", "PM"] } }), pre)).toEqual([]);
    // "any 1 of 2" can skip Security, so it does not satisfy a required sign-off.
    expect(checkPlanAgainstPolicy(plan({ preSignoffs: { roles: ["Security", "PM"], quorum: 1 } }), pre)).toHaveLength(1);
    expect(checkPlanAgainstPolicy(plan(), any)[0]!.message).toBe('Policy "a": needs a sign-off from Security at some gate');
  });

  it("requires a minimum bake in every wave but the last", () => {
    const rule = policy("bake", { minBakeSeconds: 900 });
    const [v] = checkPlanAgainstPolicy(plan(), rule);
    expect(v!.message).toBe('Policy "bake": needs at least 900 s of bake in every wave but the last; too short: "Canary" (600 s), "Half" (600 s)');
    expect(checkPlanAgainstPolicy(plan(), policy("bake", { minBakeSeconds: 600 }))).toEqual([]);
  });

  it("lists every broken rule of every matching policy, and the policies that applied", () => {
    const result = checkPlanAgainstPolicies(plan(), [
      policy("one", { requiredPreChecklist: ["Runbook"], minBakeSeconds: 3600 }),
      policy("two", { requiredSignoffs: [{ role: "Security" }], match: { environment: "production" } }),
      policy("elsewhere", { requiredSignoffs: [{ role: "CFO" }], match: { service: "billing" } }),
    ]);
    expect(result.applied.map((p) => p.name)).toEqual(["one", "two"]);
    expect(result.violations.map((v) => `${v.policy}:${v.rule}`)).toEqual(["one:requiredPreChecklist", "one:minBakeSeconds", "two:requiredSignoffs"]);
  });
});

describe("separateApproverRequired", () => {
  it("is on when the plan or any applied policy says so", () => {
    expect(separateApproverRequired({}, [])).toBe(false);
    expect(separateApproverRequired({ separateApprover: true }, [])).toBe(true);
    expect(separateApproverRequired({}, [{ spec: PolicySpecSchema.parse({ separateApprover: true }) }])).toBe(true);
  });
});

describe("a policy PATCH", () => {
  it("sets only the fields it names: no default resets match or empties the required lists", () => {
    const patch = z.object(PolicySpecPatchShape).strict().parse({ separateApprover: true });
    expect(patch).toEqual({ separateApprover: true });
    expect(z.object(PolicySpecPatchShape).strict().safeParse({ match: { service: "payments" } }).data).toEqual({ match: { service: "payments", environment: "*", tags: [] } });
  });
});
