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
