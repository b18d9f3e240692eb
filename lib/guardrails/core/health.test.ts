// Tests for threshold comparison, value levels and the overall health roll-up.
import { describe, it, expect } from "vitest";
import { GuardrailSchema } from "../../plans/core/plan";
import { compare, levelOfValue, overallHealth } from "./health";

describe("compare", () => {
  it("treats each comparator as 'a is beyond b'", () => {
    expect([compare(">", 2, 1), compare(">", 1, 1), compare(">", 0, 1)]).toEqual([true, false, false]);
    expect([compare(">=", 2, 1), compare(">=", 1, 1), compare(">=", 0, 1)]).toEqual([true, true, false]);
    expect([compare("<", 2, 1), compare("<", 1, 1), compare("<", 0, 1)]).toEqual([false, false, true]);
    expect([compare("<=", 2, 1), compare("<=", 1, 1), compare("<=", 0, 1)]).toEqual([false, true, true]);
  });

  it("throws on a comparator outside the plan contract", () => {
    expect(() => compare("==" as never, 1, 1)).toThrow(/unknown comparator/);
  });
});

describe("levelOfValue", () => {
  const above = GuardrailSchema.parse({ metric: "error_rate", comparator: ">", warning: 0.05, critical: 0.1 });
  const below = GuardrailSchema.parse({ metric: "success_rate", comparator: "<", warning: 0.95, critical: 0.9 });
  const noWarning = GuardrailSchema.parse({ metric: "latency_p95_ms", comparator: ">=", critical: 500 });

  it("grades values for '>' guardrails", () => {
    expect(levelOfValue(above, 0.2)).toBe("critical");
    expect(levelOfValue(above, 0.1)).toBe("warning");
    expect(levelOfValue(above, 0.06)).toBe("warning");
    expect(levelOfValue(above, 0.05)).toBe("ok");
  });

  it("grades values for '<' guardrails (success_rate < 0.90 is critical)", () => {
    expect(levelOfValue(below, 0.85)).toBe("critical");
    expect(levelOfValue(below, 0.9)).toBe("warning");
    expect(levelOfValue(below, 0.94)).toBe("warning");
    expect(levelOfValue(below, 0.99)).toBe("ok");
  });

  it("skips the warning level when none is set", () => {
    expect(levelOfValue(noWarning, 499)).toBe("ok");
    expect(levelOfValue(noWarning, 500)).toBe("critical");
  });

  it("never passes a missing or NaN value", () => {
    expect(levelOfValue(above, null)).toBe("inconclusive");
    expect(levelOfValue(above, NaN)).toBe("inconclusive");
    expect(levelOfValue(below, NaN)).toBe("inconclusive");
  });

  it("treats +Infinity as beyond any '>' threshold", () => {
    expect(levelOfValue(above, Infinity)).toBe("critical");
    expect(levelOfValue(below, Infinity)).toBe("ok");
  });
});

describe("overallHealth", () => {
  it("is CRITICAL when any guardrail is critical, whatever the others say", () => {
    expect(overallHealth([{ level: "ok" }, { level: "inconclusive" }, { level: "critical" }, { level: "warning" }])).toBe("CRITICAL");
  });
  it("is WARNING for any warning", () => {
    expect(overallHealth([{ level: "ok" }, { level: "warning" }])).toBe("WARNING");
  });
  it("is WARNING when a guardrail cannot be judged, so missing data is never shown as healthy", () => {
    expect(overallHealth([{ level: "ok" }, { level: "inconclusive" }])).toBe("WARNING");
  });
  it("is HEALTHY when everything is ok, or nothing is watched", () => {
    expect(overallHealth([{ level: "ok" }, { level: "ok" }])).toBe("HEALTHY");
    expect(overallHealth([])).toBe("HEALTHY");
  });
});
