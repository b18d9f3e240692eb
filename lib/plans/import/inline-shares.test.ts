import { describe, expect, it } from "vitest";
import { inlineRamp, movedShare, percentWords } from "./inline-shares";

describe("inline ramps", () => {
  it("reads rising shares joined by arrows, commas and joining words", () => {
    expect(inlineRamp("Ramp: 2% ⟶ 8% ⟶ 30% ⟶ 100%")?.map((s) => s.percent)).toEqual([2, 8, 30, 100]);
    expect(inlineRamp("we go 3% -> 12% -> 45%")?.map((s) => s.percent)).toEqual([3, 12, 45]);
    expect(inlineRamp("The default plan moves through 2%, 15%, 40% and finally 100%.")?.map((s) => s.percent)).toEqual([2, 15, 40, 100]);
    expect(inlineRamp("it steps 4%, 20%, then 60% before rolling out to 100%")?.map((s) => s.percent)).toEqual([4, 20, 60, 100]);
    expect(inlineRamp("exposure of 5 percent, 35 percent, then 70 percent")?.map((s) => s.percent)).toEqual([5, 35, 70]);
    expect(inlineRamp("**7% → 40%**")?.map((s) => s.percent)).toEqual([7, 40]);
  });

  it("is no ramp when the shares are not rising, are words apart, or are a range", () => {
    expect(inlineRamp("split 80% to blue, 20% to green")).toBeNull();
    expect(inlineRamp("error rate under 1%, CPU below 60% and memory below 85%")).toBeNull();
    expect(inlineRamp("a 5-10% cohort, 30%")).toBeNull();
    expect(inlineRamp("2%, 15%")).toBeNull();
    expect(inlineRamp("# replicas per step, for example: 30%, 60%, 90%")).toBeNull();
    expect(inlineRamp("3. Raise the flag from 20% → 45%")).toBeNull();
  });
});

describe("shares moved in prose", () => {
  it("reads a verb that moves a share, in words or in signs", () => {
    expect(movedShare("Next, send 15% of traffic to the green stack.")?.percent).toBe(15);
    expect(movedShare("Then shift 40 percent.")?.percent).toBe(40);
    expect(movedShare("We increase the weight to 35% once the dashboards are calm")?.percent).toBe(35);
    expect(movedShare("At this point 100% of requests are now being routed to green")?.percent).toBe(100);
  });

  it("takes the share named last in a split that adds up to everyone", () => {
    expect(movedShare("the route divides traffic 75% to `blue` and 25% to `green`")?.percent).toBe(25);
  });

  it("ignores a share that stays where it is", () => {
    expect(movedShare("the 70% of traffic sent to blue will remain there")).toBeNull();
    expect(percentWords("12 per cent and 3 pct")).toBe("12% and 3%");
  });
});
