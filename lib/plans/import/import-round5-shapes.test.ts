// Shapes from the fifth round (bold labels inside stage bullets, guardrails as plain list items, names that are only
// a share and a generic word), each written here in its own words; no corpus text is copied.
import { describe, expect, it } from "vitest";
import { type AnyPlan, importValid } from "./import-valid.test-support";

const allWaves = (plan: AnyPlan): AnyPlan[] => plan.waves ?? plan.tracks.flatMap((t: AnyPlan) => t.waves ?? []);
const guardrails = (plan: AnyPlan) =>
  (plan.guardrails ?? []).map((g: AnyPlan) => [g.metric, g.comparator, g.critical ?? g.threshold, g.forSeconds]);

describe("a duration written as a bold label inside a stage's bullets", () => {
  const doc = [
    "# Rolling out the new search box",
    "## Stage 1: Staff (2% traffic)",
    "- **Bake time**: 6 hours",
    "- **Owner**: search team",
    "## Stage 2: Everyone (100% traffic)",
    "* **Duration:** 3 days minimum",
  ].join("\n");

  it("is the stage's bake, with or without the colon inside the emphasis", () => {
    const { plan } = importValid(doc);
    expect(allWaves(plan).map((w) => [w.name, w.trafficPercent, w.bakeSeconds])).toEqual([
      ["Staff", 2, 6 * 3600],
      ["Everyone", 100, 3 * 86400],
    ]);
  });
});

describe("guardrails written as plain list items", () => {
  const stages = ["## Stage 1: Pilot (10% traffic)", "- **Duration:** 1 day", "## Stage 2: All (100% traffic)", "- **Duration:** 1 day"];

  it("under a halt-rules heading become plan guardrails, a relative or unknown item a manual trigger", () => {
    const doc = [
      "# Payments canary",
      ...stages,
      "## Halt Rules",
      "Stop the ramp when any of these hold:",
      "- 5xx errors above 3% for 10 minutes",
      "- p95 latency > 800ms for 5 minutes",
      "- Checkout conversion drops 20% below baseline",
    ].join("\n");
    const { plan } = importValid(doc);
    expect(guardrails(plan)).toEqual([
      ["error_rate", ">", 0.03, 600],
      ["latency_p95_ms", ">", 800, 300],
    ]);
    expect((plan.triggers ?? []).map((t: AnyPlan) => t.name)).toEqual(["Checkout conversion drops 20% below baseline"]);
  });

  it("under a bold 'Alert thresholds' label in a monitoring section become plan guardrails; plain metrics do not", () => {
    const doc = [
      "# Mobile release",
      ...stages,
      "## Watching the release",
      "**Metrics:**",
      "- Error rate",
      "- Session length",
      "**Alert thresholds:**",
      "- Error rate over 2%",
      "- Battery drain increase > 10%",
    ].join("\n");
    const { plan } = importValid(doc);
    expect(guardrails(plan).map((g: unknown[]) => g.slice(0, 3))).toEqual([["error_rate", ">", 0.02]]);
  });

  it("under a 'Rollback criteria' heading are guardrails too, and never take a task-list item", () => {
    const doc = ["# Web release", ...stages, "## Rollback criteria", "- Error rate > 4% for 2 minutes", "- [ ] tell support before rolling back"].join("\n");
    const { plan } = importValid(doc);
    expect(guardrails(plan)).toEqual([["error_rate", ">", 0.04, 120]]);
    expect(JSON.stringify(plan)).toContain("tell support before rolling back");
  });
});

describe("a stage named only by its share and a generic word", () => {
  it("keeps the share in its name, and a parenthesis after it", () => {
    const doc = ["# Ramp", "### Stage 1: 5% Rollout (Early adopters)", "- **Duration:** 2 days", "### Stage 2: 100% Rollout"].join("\n");
    const { plan } = importValid(doc);
    expect(allWaves(plan).map((w) => [w.name, w.trafficPercent])).toEqual([
      ["5% Rollout (Early adopters)", 5],
      ["100% Rollout", 100],
    ]);
  });
});

describe("a step heading with words in a parenthesis", () => {
  it("keeps them in the step's name; a parenthesis of numbers or a flag key is read elsewhere and dropped", () => {
    const doc = [
      "# Shipping a minor release",
      "#### Getting ready",
      "- [ ] Bump the changelog",
      "#### Review (by the maintainers)",
      "- [ ] Two maintainers approve",
      "#### Publish (v2.3)",
      "- [ ] Push the tag",
      "#### Announce (2 days later)",
      "- [ ] Post on the forum",
    ].join("\n");
    const { plan } = importValid(doc);
    expect((plan.tracks ?? []).map((t: AnyPlan) => t.name)).toEqual(["Getting ready", "Review (by the maintainers)", "Publish", "Announce"]);
  });
});

describe("a checklist that is one section of numbered actions", () => {
  it("is one step whose checklist is the actions, not a placeholder wave and a question", () => {
    const doc = [
      "# Publishing the CLI",
      "## Background",
      "We publish from CI.",
      "## Steps",
      "1. Pick the next version number.",
      "2. Update the changelog and merge it.",
      "3. Push a signed tag.",
      "4. Wait for the pipeline, then post the notes.",
    ].join("\n");
    const r = importValid(doc);
    // Named after the document since round 9: "Steps" only says that steps follow.
    expect((r.plan.tracks ?? []).map((t: AnyPlan) => [t.name, t.kind, t.checklist.length])).toEqual([["Publishing the CLI", "step", 4]]);
    expect(r.questions.some((q) => q.field === "waves")).toBe(false);
  });

  it("but two numbered items are not yet a procedure", () => {
    const doc = ["# Notes", "## Steps", "1. Read the notes.", "2. Ask questions."].join("\n");
    expect(importValid(doc).plan.tracks ?? []).toHaveLength(0);
  });
});

describe("a release index whose procedures are numbered lists of links", () => {
  const doc = [
    "# Shipping",
    "Every procedure below links to its pages.",
    "# Procedures",
    "Pick the procedure that fits the release.",
    "## Nightly build",
    "1. [Freeze main](./freeze.md)",
    "2. [Build](./build.md)",
    "## Stable build",
    "1. [Branch](./branch.md)",
    "2. [Build](./build.md)",
    "3. [Sign](./sign.md)",
    "## Reading",
    "- [How we version](./versions.md)",
  ].join("\n");

  it("gives each procedure as a step, never a ramp with invented shares; a plain link list is reading", () => {
    const { plan } = importValid(doc);
    expect((plan.tracks ?? []).map((t: AnyPlan) => [t.name, t.kind])).toEqual([
      ["Nightly build", "step"],
      ["Stable build", "step"],
    ]);
  });
});

describe("a flag ramp in indented YAML inside numbered steps", () => {
  const doc = [
    "# Turning on dark mode",
    "## How",
    "1. **Add the flag**",
    "   ```yaml",
    "   dark_mode:",
    "     enabled: false",
    "     percentage: 0",
    "   ```",
    "2. **First users**",
    "   - set it in the config:",
    "     ```yaml",
    "     dark_mode:",
    "       enabled: true",
    "       percentage: 10",
    "     ```",
    "3. **Half**",
    "   ```yaml",
    "   dark_mode:",
    "     enabled: true",
    "     percentage: 50",
    "   ```",
    "4. **Everyone**",
    "   ```yaml",
    "   dark_mode:",
    "     enabled: true",
    "     percentage: 100",
    "   ```",
  ].join("\n");

  it("gives a stage per step that raises the share, named after the step, and the flag; the declaration is no stage", () => {
    const { plan } = importValid(doc);
    expect(allWaves(plan).map((w) => [w.name, w.trafficPercent])).toEqual([
      ["First users", 10],
      ["Half", 50],
      ["Everyone", 100],
    ]);
    expect(JSON.stringify(plan.flags ?? plan.tracks?.flatMap((t: AnyPlan) => t.flags ?? []))).toContain("dark_mode");
  });
});

describe("a stage's duration said in its prose", () => {
  it("is read from 'for a week', 'after 2 days' and 'wait 30 minutes' in the stage's own section", () => {
    const doc = [
      "# Rolling out the importer",
      "## Stage 1: Team (1% traffic)",
      "Keep the team on it for a week and collect feedback.",
      "## Stage 2: Early (20% traffic)",
      "Promote to the next stage after 2 days without incidents.",
      "## Stage 3: Half (50% traffic)",
      "Flip the switch, then wait 30 minutes and look at the dashboards.",
      "## Stage 4: All (100% traffic)",
      "Done.",
    ].join("\n");
    const { plan } = importValid(doc);
    expect(allWaves(plan).map((w) => w.bakeSeconds).slice(0, 3)).toEqual([7 * 86400, 2 * 86400, 1800]);
  });

  it("leaves a stage without such words to its question", () => {
    const r = importValid(["# R", "## Stage 1: Few (5% traffic)", "Check the graphs.", "## Stage 2: All (100% traffic)"].join("\n"));
    expect(r.questions.some((q) => q.field === "waves[0].bakeSeconds")).toBe(true);
  });
});
