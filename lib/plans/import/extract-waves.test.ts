// Stage headings and lines: percentage, unit, duration (or range) and schedule, each read apart.
import { describe, expect, it } from "vitest";
import { waitSeconds } from "./extract-phases";
import { parseWaveLine } from "./extract-waves";
import { importMarkdownPlan } from "./import-plan";

describe("parseWaveLine", () => {
  it("reads a wave heading: name, percentage, schedule, no duration from the day", () => {
    expect(parseWaveLine("Wave 1: Internal Testing (Day 1, 10% Traffic)")).toEqual({
      name: "Internal Testing",
      percent: 10,
      unit: "requests",
      schedule: "Day 1",
    });
  });

  it("reads stage lines with a unit and a duration", () => {
    expect(parseWaveLine("Stage 2: 5% of servers for 2 days")).toMatchObject({ percent: 5, unit: "servers", durationSeconds: 172800 });
    expect(parseWaveLine("Day 4: 100%")).toMatchObject({ name: "Day 4", percent: 100, schedule: "Day 4" });
    expect(parseWaveLine("Phase 3 - 50% of users (3-5 days)")).toMatchObject({
      percent: 50,
      unit: "users",
      durationSeconds: 3 * 86400,
      maxSeconds: 5 * 86400,
    });
  });

  it("keeps words in parentheses that are part of the name, drops the ones holding numbers", () => {
    expect(parseWaveLine("(Optional) Dark launch to staff")).toEqual({ name: "(Optional) Dark launch to staff" });
    expect(parseWaveLine("Pilot (EU only) (5% of users)")).toMatchObject({ name: "Pilot (EU only)", percent: 5 });
  });

  it("keeps a stage without a percentage (a question for the importer)", () => {
    expect(parseWaveLine("Wave 3: Gradual GA")).toEqual({ name: "Gradual GA" });
  });
});

describe("a wait step inside a stage", () => {
  it("reads the time an item that opens on waiting states", () => {
    expect(waitSeconds("Wait for at least one day before the next stage")).toBe(86400);
    expect(waitSeconds("Wait 30 minutes and check the graphs")).toBe(1800);
    expect(waitSeconds("Bake for a week")).toBe(604800);
    expect(waitSeconds("Between steps wait for 15 minutes")).toBeUndefined();
    expect(waitSeconds("Wait for the on-call to approve")).toBeUndefined();
  });

  it("is the stage's bake time when the stage states no duration", () => {
    const r = importMarkdownPlan(["# Rollout", "", "## Phases", "", "### Canary (10%)", "", "- [ ] enable for 10%", "- [ ] Wait for two hours", "", "### Everyone (100%)", "", "- [ ] enable for all"].join("\n"));
    expect((r.plan.waves as { bakeSeconds: number }[])[0].bakeSeconds).toBe(7200);
    expect(r.sources["waves[0].bakeSeconds"]).toEqual({ fromLine: 8, toLine: 8 });
  });
});

describe("traffic moved in prose", () => {
  const waves = (md: string[]) => (importMarkdownPlan(md.join("\n")).plan.waves as { trafficPercent: number }[]).map((w) => w.trafficPercent);

  it("is a stage for each rising share a walkthrough moves", () => {
    expect(
      waves([
        "# Shifting the cart service",
        "",
        "## Shift",
        "",
        "First route 20% of requests to cart-v2 and watch the graphs; 80% of traffic sent to cart-v1 will stay there.",
        "",
        "Once happy, the new version ends up with 60% of the",
        "traffic routed to it. Finally shift 100% of traffic over to cart-v2.",
      ]),
    ).toEqual([20, 60, 100]);
  });

  it("ignores shares in code and a share that does not rise", () => {
    expect(waves(["# Walkthrough", "", "Send 30% of traffic to v2.", "", "Then route 10% of traffic to v3.", "", "```", "route 50% of traffic", "```"])).toEqual([30, 100]);
  });
});
