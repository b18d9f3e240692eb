// Shapes from the seventh round, each written here in its own words; no corpus text is copied.
import { describe, expect, it } from "vitest";
import { fullStageOfOrderedItem, stageOfOrderedItem } from "./ordered-shares";
import { type AnyPlan, importValid } from "./import-valid.test-support";

const allWaves = (plan: AnyPlan): AnyPlan[] => plan.waves ?? plan.tracks.flatMap((t: AnyPlan) => t.waves ?? []);

describe("a short numbered flow: a pre-production step, a canary with a range, then everyone in words", () => {
  it("reads a range in a numbered step as its low end, named by the words before the parenthesis", () => {
    expect(stageOfOrderedItem("Pilot with real shoppers (2-4% of sessions)", 1)).toMatchObject({ label: "Pilot with real shoppers", percent: 2, maxPercent: 4 });
  });

  it("reads 'everyone' in words as the 100 % stage, but not a step held short of everyone", () => {
    expect(fullStageOfOrderedItem("Open it to all customers when the dashboards stay green.", 1)).toMatchObject({ label: "Open it to all customers", percent: 100 });
    expect(fullStageOfOrderedItem("Enable for all users of the beta programme", 1)).toBeNull();
    expect(fullStageOfOrderedItem("Check that all requests succeed", 1)).toBeNull();
  });

  it("makes three stages in order: the pre-production one with its share asked, the low end of the range, 100 %", () => {
    const doc = [
      "# Shipping the new checkout",
      "## Order of work",
      "1) Try it on the pre-production cluster first.",
      "2) Pilot with real shoppers (2–4% of sessions).",
      "3) Open it to all customers when the dashboards stay green.",
    ].join("\n");
    const { plan, questions } = importValid(doc);
    const waves = allWaves(plan);
    expect(waves.map((w) => w.name)).toEqual(["Try it on the pre-production cluster first", "Pilot with real shoppers", "Open it to all customers"]);
    expect(waves.slice(1).map((w) => w.trafficPercent)).toEqual([2, 100]);
    // The first share is not written and the second is a range: both are asked, never silently proposed.
    expect(questions.filter((q) => /^waves\[[01]\]\.trafficPercent$/.test(q.field))).toHaveLength(2);
  });

  it("makes no ramp of a numbered list that only says everyone", () => {
    const doc = ["# Release", "## Steps", "1. Build the image.", "2. Roll it out to all hosts."].join("\n");
    const { plan } = importValid(doc);
    expect(allWaves(plan).some((w) => w.name === "Roll it out to all hosts")).toBe(false);
  });
});
