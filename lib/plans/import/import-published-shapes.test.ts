// Shapes of document that recur in plans teams publish (issue templates, controller guides, release runbooks),
// each written here in its own words, and what the importer must make of them. No corpus text is copied.
import { describe, expect, it } from "vitest";
import { PlanSchema } from "../core/plan";
import { importMarkdownPlan } from "./import-plan";

type AnyPlan = Record<string, any>;
const importValid = (markdown: string) => {
  const r = importMarkdownPlan(markdown);
  const parsed = PlanSchema.safeParse(r.plan);
  expect(parsed.success, JSON.stringify(parsed.error?.issues ?? [])).toBe(true);
  return { ...r, plan: r.plan as AnyPlan };
};

describe("a manifest ramp with more steps than a plan holds", () => {
  const doc = [
    "# Slow canary for the checkout service",
    "",
    "The controller moves one percent at a time:",
    "",
    "```yaml",
    "analysis:",
    "  interval: 2m",
    "  stepWeight: 1",
    "  maxWeight: 38",
    "```",
  ].join("\n");

  it("proposes every second step, as long as the document's ramp, and asks to confirm it", () => {
    const r = importValid(doc);
    const waves = r.plan.waves as AnyPlan[];
    // 38 steps do not fit 19 waves before the promotion; 19 steps of two do, exactly.
    expect(waves).toHaveLength(20);
    expect(waves.slice(0, 3).map((w) => [w.trafficPercent, w.bakeSeconds])).toEqual([
      [2, 240],
      [4, 240],
      [6, 240],
    ]);
    expect(waves.at(-2)).toMatchObject({ trafficPercent: 38, bakeSeconds: 240 });
    expect(waves.at(-1)).toMatchObject({ trafficPercent: 100 });
    const q = r.questions.find((x) => x.field === "waves");
    expect(q).toMatchObject({ blocking: true });
    expect(q?.question).toMatch(/38 steps/);
  });
});
