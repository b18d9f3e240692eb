// Shapes from the fourth round (numbered procedure headings, long procedures, numbered share lists, pipelines of
// share and wait steps, step-size ramps capped by iterations, graduation criteria, splits applied step by step),
// each written here in its own words; no corpus text is copied.
import { describe, expect, it } from "vitest";
import { MAX_TRACKS } from "../core/plan";
import { type AnyPlan, importValid } from "./import-valid.test-support";

const waves = (plan: AnyPlan): [number, number][] =>
  (plan.waves ?? plan.tracks.flatMap((t: AnyPlan) => t.waves ?? [])).map((w: AnyPlan) => [w.trafficPercent, w.bakeSeconds]);
const steps = (plan: AnyPlan) => (plan.tracks ?? []).map((t: AnyPlan) => [t.name, t.kind, t.after?.track ?? null]);

describe("numbered procedure headings", () => {
  const doc = [
    "# Shipping the desktop app",
    "## Schedule",
    "A release every month.",
    "## How to ship one version",
    "### Conventions",
    "Tags are signed. Branches are named after the version.",
    "### 0. Refresh the toolchain",
    "```", "make toolchain", "```",
    "### 1. Freeze the branch",
    "- announce the freeze",
    "- open the release issue",
    "#### When it is a hotfix",
    "Skip the announcement.",
    "### 2. Build the installers",
    "```", "make installers", "```",
    "### 3. Publish",
    "Upload the installers and post the notes.",
  ].join("\n");

  it("are the steps in order, without their numbers, their sub-headings parts of them, prose steps included", () => {
    const r = importValid(doc);
    expect(steps(r.plan)).toEqual([
      ["Refresh the toolchain", "step", null],
      ["Freeze the branch", "step", "refresh-the-toolchain"],
      ["Build the installers", "step", "freeze-the-branch"],
      ["Publish", "step", "build-the-installers"],
    ]);
  });

  it("take an unnumbered section with work before them as the first step, and not one of prose", () => {
    const withSetup = doc.replace("### Conventions\nTags are signed. Branches are named after the version.", "### Conventions\nTags are signed.\n### Set up keys\n```\ngpg --import key.asc\n```");
    const r = importValid(withSetup);
    expect(steps(r.plan).map((s: unknown[]) => s[0])).toEqual(["Set up keys", "Refresh the toolchain", "Freeze the branch", "Build the installers", "Publish"]);
  });

  it("need three numbered headings in order: two numbered sections are not a procedure of their own", () => {
    const two = ["# Notes", "## 1. Why", "- because", "## 3. What", "- this", "## Appendix", "```", "x", "```"].join("\n");
    const r = importValid(two);
    expect(steps(r.plan).map((s: unknown[]) => s[0])).not.toContain("Why");
  });
});

describe("a procedure longer than ten steps", () => {
  it("imports every step as a track up to the format's limit, and folds the rest into the last with a question", () => {
    const make = (n: number) => ["# Cut a release", ...Array.from({ length: n }, (_, i) => [`## ${i + 1}. Task number ${i + 1}`, "```", `run step-${i + 1}`, "```"]).flat()].join("\n");
    const twelve = importValid(make(12));
    expect(twelve.plan.tracks).toHaveLength(12);
    expect(twelve.questions.some((q) => /^tracks\[/.test(q.field))).toBe(false);
    const many = importValid(make(MAX_TRACKS + 3));
    expect(many.plan.tracks).toHaveLength(MAX_TRACKS);
    expect(many.questions.some((q) => q.field === `tracks[${MAX_TRACKS - 1}]`)).toBe(true);
  });
});

describe("a numbered list of shares", () => {
  it("is a ramp when its items each give one share and rise, with a condition not taken for a name", () => {
    const doc = ["# Shifting traffic", "", "Move traffic in steps:", "", "1. Begin: route 2% of requests", "2. If healthy: route 20% of requests", "3. If healthy: route 60% of requests", "4. Finish: remove the old backend"].join("\n");
    const r = importValid(doc);
    expect(waves(r.plan).map(([p]) => p)).toEqual([2, 20, 60, 100]);
    expect(r.plan.waves[0].name).toBe("Begin");
    expect(r.plan.waves[1].name).not.toMatch(/healthy/i);
  });

  it("is not a ramp when the shares are measurements or do not rise, nor a lone instruction beside a stated target", () => {
    const measured = ["# Checks", "1. Error rate below 1%", "2. CPU under 70%"].join("\n");
    expect(waves(importValid(measured).plan).map(([p]) => p)).not.toContain(70);
    const falling = ["# Notes", "1. Old design: 80% of traffic", "2. New design: 20% of traffic"].join("\n");
    expect(waves(importValid(falling).plan).map(([p]) => p)).not.toEqual([80, 20, 100]);
    const beside = ["# Plan", "## Wave 1: Staff (5% Traffic)", "**Target:** 5% of staff", "1. Turn the flag on at 5%", "## Wave 2: Everyone (100% Traffic)"].join("\n");
    expect(waves(importValid(beside).plan).map(([p]) => p)).toEqual([5, 100]);
  });
});

describe("a pipeline of share and wait steps", () => {
  it("holds each share for the wait that follows it", () => {
    const doc = ["# Progressive delivery", "", "```yaml", "pipeline:", "  steps:", "    - name: SHIFT", "      with:", "        percent: 5", "    - name: SLEEP", "      with:", "        duration: 15m", "    - name: APPROVE", "    - name: SHIFT", "      with:", "        percent: 30", "    - name: SLEEP", "      with:", "        duration: 1h", "    - name: SHIFT", "      with:", "        percent: 100", "```"].join("\n");
    const r = importValid(doc);
    expect(waves(r.plan)).toEqual([
      [5, 900],
      [30, 3600],
      [100, 0],
    ]);
  });

  it("is not read from a split of backends (no wait) or from shares that fall", () => {
    const split = ["# Split", "```yaml", "backends:", "  - name: a", "    percent: 70", "  - name: b", "    percent: 30", "  - name: c", "    percent: 0", "```"].join("\n");
    expect(waves(importValid(split).plan).map(([p]) => p)).not.toEqual([70, 30, 100]);
  });
});

describe("a ramp given by its step size and cap", () => {
  it("reads the step-size field family and holds the cap for the iterations left", () => {
    const doc = ["# Canary", "```yaml", "rollout:", "  interval: 1m", "  trafficStepSize: 25", "  maxTrafficPercentage: 50", "  maxIterations: 6", "```"].join("\n");
    expect(waves(importValid(doc).plan)).toEqual([
      [25, 60],
      [50, 300],
      [100, 0],
    ]);
  });

  it("reads `- weight: N` steps in a steps list, not a backend's weight", () => {
    const doc = ["# Canary", "```yaml", "canary:", "  steps:", "  - weight: 15", "    pause: {}", "  - weight: 40", "```"].join("\n");
    expect(waves(importValid(doc).plan).map(([p]) => p)).toEqual([15, 40, 100]);
  });
});

describe("graduation criteria", () => {
  const kep = (stages: string[]) =>
    ["# Proposal: retire the legacy scheduler", "## Summary", "Retire it.", "## Design Details", "### Graduation Criteria", ...stages, "## Alternatives", "Keep it."].join("\n");

  it("are the stages: the one that flips the default reaches everyone, those after it are steps", () => {
    const r = importValid(
      kep(["#### Phase A (v3)", "- a warning is logged", "#### Phase B (v4)", "- the setting's default is changed to `false`", "#### Phase C (v6)", "- the code is deleted"]),
    );
    expect(steps(r.plan)).toEqual([
      ["Proposal: retire the legacy scheduler", "ramp", null],
      ["Phase C (v6)", "step", "proposal-retire-the-legacy-scheduler"],
    ]);
    expect(r.plan.tracks[0].waves.map((w: AnyPlan) => [w.name, w.trafficPercent])).toEqual([
      ["Phase A (v3)", 50],
      ["Phase B (v4)", 100],
    ]);
    // The share of the opt-in stage is the document's silence: it is asked.
    expect(r.questions.some((q) => q.field === "tracks[0].waves[0].trafficPercent")).toBe(true);
  });

  it("reach everyone at GA when no stage changes a default", () => {
    const r = importValid(kep(["#### Alpha", "- behind a gate, off", "#### Beta", "- more tests", "#### GA", "- documented"]));
    expect(r.plan.tracks[0].waves.map((w: AnyPlan) => w.trafficPercent).at(-1)).toBe(100);
    expect(r.plan.tracks[0].waves.map((w: AnyPlan) => w.name)).toEqual(["Alpha", "Beta", "GA"]);
  });

  it("give way to a ramp with stated shares elsewhere", () => {
    const r = importValid(kep(["#### Alpha", "- off", "#### GA", "- on"]) + "\n## Rollout\n- Day 1: 10%\n- Day 2: 100%");
    expect(waves(r.plan).map(([p]) => p)).toEqual([10, 100]);
  });
});

describe("splits applied by a numbered procedure", () => {
  const block = (a: number, b: number) => ["    ```yaml", "    routes:", `      - target: blue`, `        weight: ${a}`, `      - target: green`, `        weight: ${b}`, "    ```"];
  it("are stages: the entry listed last is the new version; staging it at 0 asks its share", () => {
    const doc = ["# Switching colours", "", "Syntax example (not a step):", "```yaml", "routes:", "  - target: blue", "    weight: 90", "  - target: green", "    weight: 10", "```", "", "## Procedure", "", "1. Add green with no traffic:", "", ...block(100, 0), "", "2. Check green on its own URL.", "", "3. Split evenly:", "", ...block(50, 50), "", "4. Move everything:", "", ...block(0, 100)].join("\n");
    const r = importValid(doc);
    expect(waves(r.plan).map(([p]) => p).slice(1)).toEqual([50, 100]);
    expect(r.questions.some((q) => q.field === "waves[0].trafficPercent")).toBe(true);
  });
});
