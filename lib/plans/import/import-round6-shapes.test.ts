// Shapes from the sixth round (shares written only in prose or as "# 10%" comments in a code example, ...), each
// written here in its own words; no corpus text is copied.
import { describe, expect, it } from "vitest";
import { commentShare } from "./comment-shares";
import { type AnyPlan, importValid } from "./import-valid.test-support";

const allWaves = (plan: AnyPlan): AnyPlan[] => plan.waves ?? plan.tracks.flatMap((t: AnyPlan) => t.waves ?? []);

describe("a share written as a '# NN%' comment on a code example's lines", () => {
  it("is the one share a block's suffixes name, and none when they disagree", () => {
    expect(commentShare({ body: [{ n: 1, text: "widget-2.0.tgz 1200# 20%" }, { n: 2, text: "widget-2.0.sig 88 # 20%" }] })).toBe(20);
    expect(commentShare({ body: [{ n: 1, text: "a 1# 20%" }, { n: 2, text: "b 2# 30%" }] })).toBeUndefined();
    expect(commentShare({ body: [{ n: 1, text: "retries: 3 # no share here" }] })).toBeUndefined();
  });

  it("gives a walkthrough's stages: prose share, comment share, then everyone", () => {
    const doc = [
      "# Gradual updates",
      "First we ship the new build to 5% of our user base.",
      "```",
      "widget-2.0.tgz 1200# 5%",
      "```",
      "Later the manifest is edited again:",
      "```",
      "widget-2.0.tgz 1200# 40%",
      "```",
      "Finally drop the comment so that 100% of clients receive the update.",
    ].join("\n");
    const { plan } = importValid(doc);
    expect(allWaves(plan).map((w) => w.trafficPercent)).toEqual([5, 40, 100]);
  });
});

describe("a promotion given as a table of environments, one row per stage", () => {
  it("makes a stage per row in order, with the bakes its column gives, and asks for the shares (the last is everyone)", () => {
    const doc = [
      "# Promoting the billing service",
      "## Environments",
      "| Environment | Soak | Owner |",
      "|---|---|---|",
      "| **canary-eu** | 4 hours | Ana |",
      "| west | 1 day | Bo |",
      "| everywhere | | Cy |",
      "## Commands",
      "```bash",
      "./promote.sh canary-eu",
      "```",
    ].join("\n");
    const { plan, questions } = importValid(doc);
    expect(allWaves(plan).map((w) => [w.name, w.trafficPercent, w.bakeSeconds])).toEqual([
      ["canary-eu", expect.any(Number), 14400],
      ["west", expect.any(Number), 86400],
      ["everywhere", 100, expect.any(Number)],
    ]);
    expect(questions.some((q: AnyPlan) => /west/.test(q.question))).toBe(true);
  });

  it("is not read from a table whose rows are placeholders", () => {
    const doc = ["# Rollout", "| Stage | Traffic |", "|---|---|", "| <name> | [X]% |", "| TBD | [Y]% |"].join("\n");
    const { plan } = importValid(doc);
    expect(allWaves(plan).map((w) => w.name)).not.toContain("TBD");
  });
});

describe("a numbered flow step that moves exposure without a share", () => {
  it("stays a stage in its place, its share asked, beside the steps that give shares", () => {
    const doc = ["# Ramp of the new ranking", "## Flow", "1. Mirror requests to the new ranker", "2. Send 10% of traffic", "3. Check dashboards, then widen", "4. Go to 100%"].join("\n");
    const { plan, questions } = importValid(doc);
    const waves = allWaves(plan);
    expect(waves.map((w) => w.trafficPercent)).toEqual([expect.any(Number), 10, expect.any(Number), 100]);
    expect(waves[0].trafficPercent).toBeLessThan(10);
    expect(waves[2].trafficPercent).toBeGreaterThan(10);
    expect(questions.filter((q: AnyPlan) => /trafficPercent$/.test(q.field)).map((q: AnyPlan) => q.field)).toEqual(["waves[0].trafficPercent", "waves[2].trafficPercent"]);
  });

  it("makes no ramp alone", () => {
    const doc = ["# Notes", "## Flow", "1. Mirror requests to the new ranker", "2. Widen the audience"].join("\n");
    const { plan } = importValid(doc);
    expect(allWaves(plan).map((w) => w.name)).not.toContain("Widen the audience");
  });
});

describe("alternative strategies, each with its own fenced list of stage lines", () => {
  const doc = [
    "# Ways to ship a change",
    "## Cautious",
    "### Stages",
    "```",
    "Stage 0: Staff (0.5%, 1-2 days)",
    "Stage 1: Pilot (5%, 3 days)",
    "Stage 2: Everyone (100%)",
    "```",
    "### Example",
    "```",
    "Stage 0: Staff (0.5%, 1-2 days)",
    "Stage 1: Pilot (5%, 3 days)",
    "Stage 2: Everyone (100%)",
    "```",
    "## Quick",
    "### Stages",
    "```",
    "Step 1: 20% traffic, 1 day",
    "Step 2: 100% traffic",
    "```",
  ].join("\n");

  it("are independent tracks named after their strategy, stages named by their words, not 'Stage 0'", () => {
    const { plan } = importValid(doc);
    expect(plan.tracks.map((t: AnyPlan) => [t.name, t.after ?? null])).toEqual([
      ["Cautious", null],
      ["Quick", null],
    ]);
    expect(plan.tracks[0].waves.map((w: AnyPlan) => [w.name, w.trafficPercent, w.bakeSeconds])).toEqual([
      ["Staff", 0.5, 86400],
      ["Pilot", 5, 3 * 86400],
      ["Everyone", 100, expect.any(Number)],
    ]);
    expect(plan.tracks[1].waves.map((w: AnyPlan) => w.trafficPercent)).toEqual([20, 100]);
  });

  it("asks about a duration given as a range, proposing the low end", () => {
    const { questions } = importValid(doc);
    expect(questions.find((q: AnyPlan) => q.field === "tracks[0].waves[0].bakeSeconds")).toMatchObject({ proposed: 86400 });
  });
});

describe("stage names without their numbering", () => {
  it("drops a dotted phase number, a second label and a trailing status symbol", async () => {
    const { parseWaveLine } = await import("./extract-waves");
    expect(parseWaveLine("Phase 4.2: Schema Backfill ⏳").name).toBe("Schema Backfill");
    expect(parseWaveLine("Step 2: Stage 1 — Pilot (3%)")).toMatchObject({ name: "Pilot", percent: 3 });
    expect(parseWaveLine("Stage 3 - Canary (20%)")).toMatchObject({ name: "Canary", percent: 20 });
    // A share before a generic word is still the name's only content.
    expect(parseWaveLine("Stage 1: 2% Rollout").name).toBe("2% Rollout");
  });
});

describe("a threshold table written against placeholder baselines", () => {
  const doc = [
    "# Ranking v3",
    "## Wave 1 (10%)",
    "## Wave 2 (100%)",
    "## Alerts",
    "| Metric | Baseline | Alert Threshold |",
    "|---|---|---|",
    "| Requests per second | R rps | <0.7R rps |",
    "| Spend per call | $N | >$N × 2 |",
    "| Error rate | E% | >E + 2% |",
    "| Availability | 99.9% | <99.5% |",
  ].join("\n");

  it("makes no guardrail of a scaled placeholder, asks instead, and keeps the real and baseline-plus-margin rows", async () => {
    const { isPlaceholderThreshold } = await import("./placeholder-thresholds");
    expect(["<0.7R rps", ">$N × 2", ">2Y ms"].map(isPlaceholderThreshold)).toEqual([true, true, true]);
    expect([">E + 2%", "<99.5%", "> 500ms", "Xenon"].map(isPlaceholderThreshold)).toEqual([false, false, false, false]);
    const { plan, questions } = importValid(doc);
    const metrics = (plan.guardrails ?? []).map((g: AnyPlan) => g.metric);
    expect(metrics.some((m: string) => /request|rps|throughput/.test(m))).toBe(false);
    expect(metrics.some((m: string) => /spend|cost/.test(m))).toBe(false);
    expect(questions.some((q: AnyPlan) => q.field === "guardrails" && /placeholder/.test(q.question))).toBe(true);
  });
});

describe("a plain (not bold) 'Duration:' bullet in a stage section", () => {
  it("is the stage's bake", () => {
    const doc = [
      "# Search rewrite",
      "## Stage 1: Staff (1%)",
      "Ship to employees:",
      "- Duration: 36 hours minimum",
      "- Audience: staff",
      "## Stage 2: Everyone (100%)",
      "- Soak time: 2 days",
    ].join("\n");
    const { plan } = importValid(doc);
    expect(allWaves(plan).map((w) => [w.name, w.trafficPercent, w.bakeSeconds])).toEqual([
      ["Staff", 1, 36 * 3600],
      ["Everyone", 100, 2 * 86400],
    ]);
  });
});
