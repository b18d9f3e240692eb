// Example manifests under different headings are alternative ramps, each independent of the others.
import { describe, expect, it } from "vitest";
import { importMarkdownPlan } from "./import-plan";
import { programmeProblems } from "./programme-contract.test-support";

const fence = "```";
const doc = (...sections: string[]) => ["# Payments service delivery", "", ...sections].join("\n");
const weighted = ["## Weighted canary", "", `${fence}yaml`, "spec:", "  analysis:", "    interval: 2m", "    stepWeight: 25", "    maxWeight: 50", fence, ""].join("\n");
const cohort = ["## Header cohort", "", `${fence}yaml`, "spec:", "  analysis:", "    interval: 1m", "    iterations: 5", fence, ""].join("\n");

type Track = { key: string; name: string; kind: string; after?: unknown; waves: { name: string; trafficPercent: number; bakeSeconds: number }[] };

describe("manifests in different sections", () => {
  it("become independent ramp tracks named by their sections", () => {
    const r = importMarkdownPlan(doc(weighted, cohort));
    const tracks = r.plan.tracks as Track[];
    expect(tracks.map((t) => [t.name, t.kind, t.after])).toEqual([
      ["Weighted canary", "ramp", undefined],
      ["Header cohort", "ramp", undefined],
    ]);
    expect(tracks[0].waves.map((w) => [w.trafficPercent, w.bakeSeconds])).toEqual([[25, 120], [50, 120], [100, 0]]);
    expect(tracks[1].waves.map((w) => w.bakeSeconds)).toEqual([300, 0]);
    expect(programmeProblems(r.plan)).toEqual([]);
  });

  it("ask for the share of an analysis that has none", () => {
    const r = importMarkdownPlan(doc(weighted, cohort));
    const q = r.questions.find((x) => x.field === "tracks[1].waves[0].trafficPercent");
    expect(q?.blocking).toBe(true);
    expect((r.plan.tracks as Track[])[1].waves[0].trafficPercent).toBe(50);
    expect(r.questions.some((x) => /^waves\b/.test(x.field))).toBe(false);
  });

  it("stay one plan when the document also writes stages in prose", () => {
    const r = importMarkdownPlan(doc("## Schedule", "", "- Day 1: 10%", "- Day 3: 100%", "", weighted, cohort));
    expect(r.plan.tracks).toBeUndefined();
  });

  it("stay one plan when only one section holds a manifest", () => {
    const r = importMarkdownPlan(doc(weighted));
    expect(r.plan.tracks).toBeUndefined();
    expect((r.plan.waves as { trafficPercent: number }[]).map((w) => w.trafficPercent)).toEqual([25, 50, 100]);
  });
});

describe("alternative flag rollouts", () => {
  const example = ["## Example", "", `${fence}yaml`, "ledger-batching:", "  variations:", "    on: true", "    off: false", "  defaultRule:", "    progressiveRollout:", "      initial:", "        variation: off", "        date: 2030-02-01T00:00:00Z", "      end:", "        variation: on", "        date: 2030-02-02T00:00:00Z", fence, ""].join("\n");
  const partial = ["## Partial ramp", "", `${fence}yaml`, "progressiveRollout:", "  initial:", "    percentage: 10", "    date: 2030-02-01T00:00:00Z", "  end:", "    percentage: 100", "    date: 2030-02-03T00:00:00Z", fence, ""].join("\n");

  it("keep each flag on the track whose section configures it, and a generic heading takes the title", () => {
    const r = importMarkdownPlan(["# 🚀 Ledger batching rollout", "", example, partial].join("\n"));
    const tracks = r.plan.tracks as (Track & { flags?: { key: string }[] })[];
    expect(tracks.map((t) => [t.name, t.flags?.map((f) => f.key), t.waves.map((w) => [w.trafficPercent, w.bakeSeconds])])).toEqual([
      ["Ledger batching rollout", ["ledger-batching"], [[100, 86400]]],
      ["Partial ramp", undefined, [[10, 0], [100, 172800]]],
    ]);
    expect(r.plan.flags).toBeUndefined();
    expect(r.sources["tracks[0].flags[0]"]).toBeDefined();
    expect(programmeProblems(r.plan)).toEqual([]);
  });
});

describe("two weight schedules in one section", () => {
  const md = [
    "# Weights guide",
    "",
    `${fence}yaml`,
    "analysis:",
    "  maxWeight: 30",
    "  stepWeight: 15",
    fence,
    "",
    "or, with explicit weights:",
    "",
    `${fence}yaml`,
    "analysis:",
    "  stepWeights: [5, 25, 60]",
    fence,
    "",
    `${fence}yaml`,
    "analysis:",
    "  stepWeights: [5, 25, 60]",
    fence,
  ].join("\n");

  it("are two alternatives (a repeated schedule is not a third)", () => {
    const tracks = importMarkdownPlan(md).plan.tracks as Track[];
    expect(tracks.map((t) => [t.name, t.after, t.waves.map((w) => w.trafficPercent)])).toEqual([
      ["Weights guide", undefined, [15, 30, 100]],
      ["Weights guide 2", undefined, [5, 25, 60, 100]],
    ]);
  });
});
