// Stage lines of the shapes teams write, in lists, tables and code comments, grouped by where they sit.
import { describe, expect, it } from "vitest";
import { parseMarkdown } from "./document";
import { importMarkdownPlan } from "./import-plan";
import { readStageGroups, stageOfLine } from "./read-stages";

const doc = (...lines: string[]) => parseMarkdown(lines);

describe("stageOfLine", () => {
  it.each([
    ["Day 3: 50%", { label: "Day 3", percent: 50, day: 3 }],
    ["Week 4.2: Increase to 25%", { label: "Week 4.2", percent: 25 }],
    ["Stage 2: 5% of servers for 2 days", { label: "Stage 2", percent: 5, unit: "servers", durationSeconds: 2 * 86400 }],
    ["5% of servers for 2 days", { percent: 5, unit: "servers", durationSeconds: 2 * 86400 }],
    ["then 50% for 3 days", { percent: 50, durationSeconds: 3 * 86400 }],
    ["Canary: 1% of requests for 30m", { label: "Canary", percent: 1, unit: "requests", durationSeconds: 1800 }],
    ["Ring 2 – 10% of users", { label: "Ring 2", percent: 10, unit: "users" }],
    ["Wave 1 – 10% for 1 day", { label: "Wave 1", percent: 10, durationSeconds: 86400 }],
    ["Target: 5-10% of user base", { percent: 5, maxPercent: 10 }],
  ])("reads %s", (text, want) => {
    expect(stageOfLine(text, 1)).toMatchObject(want);
  });

  it.each(["Error rate above 2% for 10 minutes", "Week 2: 10% error budget burn", "We expect 5% more signups", "Day 3: deploy the new index"])("ignores %s", (text) => {
    expect(stageOfLine(text, 1)).toBeNull();
  });
});

describe("readStageGroups", () => {
  it("reads a schedule in a shell block's comments and ignores its commands", () => {
    const d = doc("```bash", "# Day 1: 25%", "flagctl set x --percent 25", "# Day 2: 100%", "flagctl set x --percent 100", "```");
    expect(readStageGroups(d, 1, 6).map((g) => g.stages.map((s) => [s.label, s.percent, s.line]))).toEqual([[["Day 1", 25, 2], ["Day 2", 100, 4]]]);
  });

  it("reads a table with a share column, naming numbered rows after the column", () => {
    const d = doc("| Day | Share | Owner |", "|---|---|---|", "| 1 | 10% | Ana |", "| 3 | 50% | Bo |", "| 5 | 100% | Ana |");
    expect(readStageGroups(d, 1, 5)[0].stages.map((s) => [s.label, s.percent, s.day])).toEqual([["Day 1", 10, 1], ["Day 3", 50, 3], ["Day 5", 100, 5]]);
  });

  it("gives a stage with no unit the unit of the one before it", () => {
    const d = doc("- 5% of operations for 1 day", "- then 25% for 1 day", "- then 100%");
    expect(readStageGroups(d, 1, 3)[0].stages.map((s) => s.unit)).toEqual(["operations", "operations", "operations"]);
  });
});

describe("a table with an audience column", () => {
  it("names the stages by audience and keeps the rows without a share, share unknown", () => {
    const md = parseMarkdown(["| When | Audience |", "|---|---|", "| TBD | Support staff |", "| TBD | 20% of tenants |", "| TBD | 100% of tenants |"]);
    const groups = readStageGroups(md, 1, 5);
    expect(groups[0].stages.map((s) => [s.label, s.percent, s.shareUnknown ?? false])).toEqual([
      ["Support staff", 0, true],
      ["20% of tenants", 20, false],
      ["100% of tenants", 100, false],
    ]);
  });

  it("needs two rows with a share to be a schedule", () => {
    const md = parseMarkdown(["| When | Audience |", "|---|---|", "| TBD | Support staff |", "| TBD | 100% of tenants |"]);
    expect(readStageGroups(md, 1, 4)).toEqual([]);
  });
});

describe("an import with an audience table", () => {
  it("asks the share of a named cohort and keeps the ramp rising", () => {
    const r = importMarkdownPlan(["# Search rollout", "", "## Rollout", "", "| When | Audience |", "|---|---|", "| TBD | Support staff |", "| TBD | 20% of tenants |", "| TBD | 100% of tenants |"].join("\n"));
    const waves = r.plan.waves as { name: string; trafficPercent: number }[];
    expect(waves.map((w) => w.name)).toEqual(["Support staff", "20% of tenants", "100% of tenants"]);
    expect(waves[0].trafficPercent).toBeGreaterThan(0);
    expect(waves[0].trafficPercent).toBeLessThan(20);
    expect(r.questions.some((q) => q.field === "waves[0].trafficPercent" && q.blocking)).toBe(true);
  });
});
