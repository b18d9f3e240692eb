import { describe, expect, it } from "vitest";
import { PlanSchema } from "../../plans/core/plan";
import { planTimeline } from "./plan-timeline";

const base = { name: "Checkout", service: "checkout", version: "2.4.0" };

describe("planTimeline", () => {
  it("lays waves end to end on one axis from START, bake after bake", () => {
    const plan = PlanSchema.parse({
      ...base,
      waves: [
        { name: "Internal", trafficPercent: 10, bakeSeconds: 3600 },
        { name: "Beta", trafficPercent: 25, bakeSeconds: 86400 },
        { name: "Full", trafficPercent: 100 },
      ],
    });
    const t = planTimeline(plan);
    expect(t.waves.map((w) => [w.startSeconds, w.bakeEndSeconds])).toEqual([
      [0, 3600],
      [3600, 90000],
      [90000, 90000],
    ]);
    expect(t.hypercare).toBeNull();
    expect(t.earliestEndSeconds).toBe(90000);
    expect(t.latestEndSeconds).toBeNull(); // no deadlines: nobody promised a latest end
  });

  it("places decision deadlines from each wave's start, flags one inside the bake, and adds hypercare at the end", () => {
    const plan = PlanSchema.parse({
      ...base,
      waves: [
        { name: "Canary", trafficPercent: 5, bakeSeconds: 600, maxSeconds: 1800 },
        { name: "Half", trafficPercent: 50, bakeSeconds: 3600, maxSeconds: 1200, unit: "servers" },
        { name: "Full", trafficPercent: 100, bakeSeconds: 600, autoContinue: true },
      ],
      hypercare: { durationSeconds: 86400 },
    });
    const t = planTimeline(plan);
    expect(t.waves[0]).toMatchObject({ startSeconds: 0, bakeEndSeconds: 600, deadlineSeconds: 1800, deadlineBeforeBakeEnd: false, autoContinue: false, unit: null });
    expect(t.waves[1]).toMatchObject({ startSeconds: 600, bakeEndSeconds: 4200, deadlineSeconds: 1800, deadlineBeforeBakeEnd: true, unit: "servers" });
    expect(t.waves[2]).toMatchObject({ startSeconds: 4200, bakeEndSeconds: 4800, deadlineSeconds: null, autoContinue: true });
    expect(t.hypercare).toEqual({ startSeconds: 4800, endSeconds: 4800 + 86400 });
    expect(t.earliestEndSeconds).toBe(4800 + 86400);
    // Latest: each decision waits for its deadline (never shorter than the bake); the automatic wave waits for nobody.
    expect(t.latestEndSeconds).toBe(1800 + 3600 + 600 + 86400);
  });
});
