import { describe, expect, it } from "vitest";
import { humanPlanPath } from "./plan-path";

describe("humanPlanPath", () => {
  it("counts waves and items from 1, as every screen does", () => {
    expect(humanPlanPath("waves.0.trafficPercent")).toBe("Wave 1 › trafficPercent");
    expect(humanPlanPath("waves.3.guardrails.1.critical")).toBe("Wave 4 › guardrail 2 › critical");
    expect(humanPlanPath("preChecklist.0.ownerRole")).toBe("Pre-deployment item 1 › ownerRole");
  });

  it("leaves paths without indexes and the placeholders as they are", () => {
    expect(humanPlanPath("name")).toBe("Name");
    expect(humanPlanPath("(body)")).toBe("(body)");
    expect(humanPlanPath("waves")).toBe("Waves");
  });
});
