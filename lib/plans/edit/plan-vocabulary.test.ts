import { describe, expect, it } from "vitest";
import { planVocabulary } from "./plan-vocabulary";

describe("planVocabulary", () => {
  it("collects roles from owners and sign-offs, and metric keys, anywhere in the plan", () => {
    const v = planVocabulary({
      preChecklist: [{ text: "a", ownerRole: "Security" }],
      preSignoffs: { roles: ["Legal"] },
      guardrails: [{ metric: "queue_depth" }],
      metrics: [{ key: "cost_usd", label: "Cost" }],
      waves: [{ signoffs: ["Development Lead", " "], checklist: [{ text: "b", ownerRole: "Security" }] }],
    });
    expect(v.roles).toEqual(["Development Lead", "Legal", "Security"]);
    expect(v.metrics).toContain("queue_depth");
    expect(v.metrics).toContain("cost_usd");
    expect(v.metrics).toContain("error_rate");
  });

  it("copes with anything", () => {
    expect(planVocabulary(null).roles).toEqual([]);
    expect(planVocabulary([1, "x", { signoffs: "not a list" }]).roles).toEqual([]);
  });
});
