// The plans the new-release screen offers to start from must stay valid as the plan format grows (every v1 plan
// stays valid in v2).
import { describe, expect, it } from "vitest";
import { PlanSchema } from "@/lib/plans/core/plan";
import { DEMO_PLAN_JSON, EXAMPLE_PLAN_JSON } from "./example-plans";

describe("example plans", () => {
  it("parse unchanged under the current plan schema: the demo plan and the small example", () => {
    for (const example of [EXAMPLE_PLAN_JSON, DEMO_PLAN_JSON].map((j) => JSON.parse(j))) expect(PlanSchema.safeParse(example).success).toBe(true);
  });
});
