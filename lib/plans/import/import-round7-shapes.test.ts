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

describe("a programme of sections done once with one section that ramps", () => {
  const runbook = [
    "# Moving invoices to the new ledger",
    "## Goals",
    "- Move every invoice to the ledger service",
    "## Backfill of historic invoices",
    "1. Snapshot the invoice tables",
    "2. Replay the snapshot into the ledger",
    "## Shadow writes (3-5 days)",
    "- Write to both stores",
    "- Compare nightly",
    "## Read switch",
    "Send reads to the ledger: 5% → 30% → 100%, watching the error budget.",
    "## Checks",
    "- Dashboards green",
    "## Afterwards",
    "- Drop the old tables",
    "- Remove the dual-write code",
  ].join("\n");

  it("makes each working section a step in order and the ramping section a ramp between them", () => {
    const { plan, questions } = importValid(runbook);
    expect(plan.tracks.map((t: AnyPlan) => [t.name, t.kind])).toEqual([
      ["Backfill of historic invoices", "step"],
      ["Shadow writes", "step"],
      ["Read switch", "ramp"],
      ["Afterwards", "step"],
    ]);
    expect(plan.tracks[2].waves.map((w: AnyPlan) => w.trafficPercent)).toEqual([5, 30, 100]);
    expect(plan.tracks.slice(1).map((t: AnyPlan) => t.after?.track)).toEqual(plan.tracks.slice(0, -1).map((t: AnyPlan) => t.key));
    // "3-5 days" is a range: the step takes the low end and the importer asks.
    expect(plan.tracks[1].bakeSeconds).toBe(3 * 86400);
    expect(questions.find((q) => q.field === "tracks[1].bakeSeconds")).toMatchObject({ proposed: 3 * 86400 });
  });

  it("drops the share it would otherwise invent for a preparation phase heading", () => {
    const doc = [
      "# Search rewrite",
      "## Phases",
      "### Phase A: Schema migration",
      "- [ ] Add the new columns",
      "- [ ] Backfill them",
      "### Phase B: Gradual switch",
      "- [ ] Raise the share 20% → 60% → 100%",
      "### Phase C: Tidy up",
      "- [ ] Delete the old index",
    ].join("\n");
    const { plan, unmapped } = importValid(doc);
    expect(plan.tracks.map((t: AnyPlan) => [t.name, t.kind])).toEqual([
      ["Schema migration", "step"],
      ["Gradual switch", "ramp"],
      ["Tidy up", "step"],
    ]);
    expect(plan.tracks[1].waves.map((w: AnyPlan) => w.trafficPercent)).toEqual([20, 60, 100]);
    expect(plan.tracks[0].checklist.map((i: AnyPlan) => i.text)).toEqual(["Add the new columns", "Backfill them"]);
    expect(unmapped.some((u) => /Tidy up/.test(u.heading))).toBe(false);
  });

  it("keeps a plain ramp when no sibling section is work done once by its name", () => {
    const doc = [
      "# Dark mode",
      "## Preparation",
      "- Write the release notes",
      "## Rollout",
      "Enable for 10% → 50% → 100% of users.",
    ].join("\n");
    const { plan } = importValid(doc);
    expect(plan.tracks).toBeUndefined();
    expect(plan.waves.map((w: AnyPlan) => w.trafficPercent)).toEqual([10, 50, 100]);
  });
});

describe("a bulleted list whose items each carry one share", () => {
  it("is the ramp when three or more items rise to 100 %", () => {
    const doc = [
      "# Faster upgrades",
      "Instead of a ticket for every small step we would file only a few:",
      "",
      " - one ticket opening the upgrade to 3% of the fleet,",
      " - next a ticket for a 20% upgrade,",
      " - next a ticket for a 60% upgrade,",
      " - last a ticket for a 100% upgrade.",
      "",
      "Other ideas:",
      " - keep the old cadence of 5% a day",
    ].join("\n");
    const { plan } = importValid(doc);
    expect(allWaves(plan).map((w) => w.trafficPercent)).toEqual([3, 20, 60, 100]);
  });

  it("is no ramp when the items do not reach everyone, or are facts with numbers", () => {
    const facts = ["# Status", "## Findings", "- about 10% of hosts run the old agent", "- 40% of them are in one region", "- 70% of alerts come from them"].join("\n");
    expect(allWaves(importValid(facts).plan).map((w) => w.trafficPercent)).not.toEqual([10, 40, 70]);
    const short = ["# Plan", "## Steps", "- a ticket for a 10% upgrade", "- a ticket for a 30% upgrade", "- a ticket for a 60% upgrade"].join("\n");
    expect(allWaves(importValid(short).plan).map((w) => w.trafficPercent)).not.toEqual([10, 30, 60]);
  });
});

describe("alternative strategies configured in YAML whose steps say how long they stay in their own keys", () => {
  const doc = [
    "# Key renewal",
    "## Summary",
    "Renew keys in steps (20% → 60% → 100%) or start on a pilot host.",
    "## Pilot first",
    "### Pilot setup",
    "```yaml",
    "fleet:",
    "  api:",
    "    renewal:",
    "      mode: pilot",
    "      canary:",
    "        monitoring_period: 10m",
    "        waves_after_pilot:",
    "          - percent: 30",
    "            wait: 1m",
    "            soak: 4m",
    "          - percent: 100",
    "            soak: 20m",
    "```",
    "1. **Step one** (30%): renew and watch",
    "2. **Step two** (100%): renew the rest",
    "## Stepwise",
    "### Example",
    "```yaml",
    "fleet:",
    "  api:",
    "    renewal:",
    "      mode: steps",
    "      plan:",
    "        waves:",
    "          - percent: 20",
    "            monitoring: 3m",
    "          - percent: 60",
    "            monitoring: 6m",
    "          - percent: 100",
    "            monitoring: 9m",
    "```",
  ].join("\n");

  it("makes each configuration its own track, named by the section it configures, with the stays summed", () => {
    const { plan, questions } = importValid(doc);
    expect(plan.tracks.map((t: AnyPlan) => [t.name, t.after ?? null])).toEqual([
      ["Pilot first", null],
      ["Stepwise", null],
    ]);
    expect(plan.tracks[0].waves.map((w: AnyPlan) => [w.name, w.bakeSeconds])).toEqual([
      ["Canary", 600],
      ["30%", 300],
      ["100%", 1200],
    ]);
    expect(plan.tracks[0].waves.slice(1).map((w: AnyPlan) => w.trafficPercent)).toEqual([30, 100]);
    // The pilot runs on a canary host: its share of everyone is asked.
    expect(questions.some((q) => q.field === "tracks[0].waves[0].trafficPercent")).toBe(true);
    expect(plan.tracks[1].waves.map((w: AnyPlan) => [w.trafficPercent, w.bakeSeconds])).toEqual([
      [20, 180],
      [60, 360],
      [100, 540],
    ]);
  });

  it("keeps one ramp when the prose gives a schedule of its own that no configuration has", () => {
    const own = doc.replace("Renew keys in steps (20% → 60% → 100%)", "Renew keys in steps (10% → 40% → 100%)");
    const { plan } = importValid(own);
    expect(plan.tracks?.length ?? 1).not.toBe(2);
  });
});

describe("a runbook template kept inside one Markdown fence so it can be copied", () => {
  const template = [
    "# Schema change template",
    "Copy the block below into a new ticket.",
    "````markdown",
    "# Schema change: <name>",
    "## Stages",
    "### Stage 0 — Dry run",
    "- Scope: <one test tenant>",
    "- Checks:",
    "### Stage 1 — Pilot",
    "- Scope: <a few tenants>",
    "### Stage 2 — Everyone",
    "- Scope: all tenants",
    "### Stage 3 — Drop the old column",
    "- Steps:",
    "## Rollback",
    "- Steps:",
    "````",
  ].join("\n");

  it("reads the template's own stages: the scope that is everyone is 100 %, the stage after it a step", () => {
    const { plan } = importValid(template);
    const ramp = plan.tracks[0];
    expect(ramp.waves.map((w: AnyPlan) => w.name)).toEqual(["Dry run", "Pilot", "Everyone"]);
    expect(ramp.waves[2].trafficPercent).toBe(100);
    expect(plan.tracks.slice(1).map((t: AnyPlan) => [t.name, t.kind])).toEqual([["Drop the old column", "step"]]);
  });

  it("leaves a fenced Markdown example inside a longer document as code", () => {
    const doc = [
      "# Release notes guide",
      "Write the notes as below. Keep them short.",
      "Each entry names the change, the ticket and the owner.",
      "Use the past tense.",
      "Group the entries by area.",
      "Link the dashboards.",
      "```md",
      "## Stages",
      "### Stage 1 — Pilot",
      "- Scope: 5% of users",
      "### Stage 2 — Everyone",
      "- Scope: all users",
      "- more",
      "- more",
      "```",
    ].join("\n");
    const { plan } = importValid(doc);
    expect(allWaves(plan).map((w) => w.name)).not.toContain("Pilot");
  });
});

describe("phases announced and walked through only in prose", () => {
  const design = [
    "# Token format change",
    "## Background",
    "Clients cache tokens for a long time.",
    "## Plan",
    "We will do this in four phases. During phase 1 the issuer signs both formats.",
    "- Verifiers accept both",
    "When most clients verify the new format we enter phase 2, in which old tokens stop being issued.",
    "After waiting for 3 days (the longest token lifetime) we go to phase 3: verifiers reject the old format.",
    "Finally phase 4 removes the old code.",
    "## Alternatives",
    "A big-bang switch would strand clients in phase 2.",
  ].join("\n");

  it("makes each phase a step, in the order the text moves through them, with the wait before the next as its duration", () => {
    const { plan } = importValid(design);
    expect(plan.tracks.map((t: AnyPlan) => [t.name, t.kind])).toEqual([
      ["Phase 1", "step"],
      ["Phase 2", "step"],
      ["Phase 3", "step"],
      ["Phase 4", "step"],
    ]);
    expect(plan.tracks.map((t: AnyPlan) => t.bakeSeconds ?? null)).toEqual([null, 3 * 86400, null, null]);
    expect(plan.tracks[0].checklist.map((i: AnyPlan) => i.text)).toEqual(["Verifiers accept both"]);
  });

  it("reads nothing when the phases mentioned are not the ones announced", () => {
    const skipped = design.replace("Finally phase 4 removes the old code.", "Finally the old code goes.");
    const { plan } = importValid(skipped);
    expect((plan.tracks ?? []).map((t: AnyPlan) => t.name)).not.toContain("Phase 1");
  });
});
