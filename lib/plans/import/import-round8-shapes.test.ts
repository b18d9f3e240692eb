// Shapes from the eighth round, each written here in its own words; no corpus text is copied.
import { describe, expect, it } from "vitest";
import { parseMarkdown } from "./document";
import { type AnyPlan, importValid } from "./import-valid.test-support";
import { readStageGroups } from "./read-stages";

const allWaves = (plan: AnyPlan): AnyPlan[] => plan.waves ?? plan.tracks.flatMap((t: AnyPlan) => t.waves ?? []);

describe("numbered step headings with no share anywhere: a procedure, not a ramp", () => {
  const doc = [
    "# Moving the cache cluster to version 7",
    "## How to do it",
    "### Step 1: confirm every node is healthy",
    "Run the status command on each node.",
    "```sh",
    "cachectl status --all",
    "```",
    "### Step 2: take a backup",
    "```sh",
    "cachectl dump > backup.bin",
    "```",
    "### Step 3: replace one node",
    "Drain it, install the new binary, start it.",
    "### Step 4: do the same for the others",
    "One at a time.",
  ].join("\n");

  it("makes each step a step track in order, with no invented shares asked", () => {
    const { plan, questions } = importValid(doc);
    expect(plan.tracks.map((t: AnyPlan) => t.kind)).toEqual(["step", "step", "step", "step"]);
    expect(plan.tracks[0].name.toLowerCase()).toBe("confirm every node is healthy");
    expect(plan.tracks[2].after).toEqual({ track: plan.tracks[1].key, when: "completed" });
    expect(questions.some((q) => /trafficPercent/.test(q.field))).toBe(false);
  });

  it("keeps a ramp written as numbered step headings when a step gives a share", () => {
    const ramp = doc.replace("### Step 3: replace one node", "### Step 3: send 10% of reads to the new nodes").replace("### Step 4: do the same for the others", "### Step 4: send 100% of reads");
    const { plan } = importValid(ramp);
    expect(allWaves(plan).map((w) => w.trafficPercent)).toContain(10);
  });
});

describe("stages written as labelled list items, some with a share only in words", () => {
  const doc = [
    "# Shipping dark mode",
    "Three milestones take it out:",
    "- **Milestone 1**: Turn it on for the design team to look for rough edges.",
    "- **Milestone 2**: Widen it to 15% of subscribers and watch the support queue.",
    "- **Milestone 3**: Roll it out to all users once the queue stays quiet.",
    "## Operating a release plan",
    "### Start the plan",
    "Click **Start** in the flag's page.",
    "### Pause the plan",
    "Click **Pause**.",
    "### Undo a milestone",
    "Pick an earlier milestone and click **Go back**.",
  ].join("\n");

  it("reads the milestones as the stages, the unnamed share asked, everyone in words as 100 %", () => {
    const { plan, questions } = importValid(doc);
    const waves = allWaves(plan);
    expect(waves.map((w) => w.name)).toEqual(["Milestone 1", "Milestone 2", "Milestone 3"]);
    expect(waves.slice(1).map((w) => w.trafficPercent)).toEqual([15, 100]);
    expect(questions.some((q) => q.field === "waves[0].trafficPercent")).toBe(true);
  });

  it("does not make the how-to subsections (start, pause, undo) stages", () => {
    const { plan } = importValid(doc);
    expect(allWaves(plan).some((w) => /start|pause|undo/i.test(w.name))).toBe(false);
  });

  it("does not read a labelled item that counts instances as a share left unsaid", () => {
    const counts = ["# Resize", "## Rollout plan", "- Wave 1: 4 hosts (5%)", "- Wave 2: 20 hosts in all", "- Wave 3: 80 hosts in all"].join("\n");
    const { plan } = importValid(counts);
    expect(allWaves(plan).some((w) => w.name === "Wave 2")).toBe(false);
  });
});

describe("a batch size is never a share", () => {
  it("does not read maxSurge, maxUnavailable, a batch size or 'at a time' as stages", () => {
    const doc = [
      "# Node pool upgrade",
      "## Rollout plan",
      "- maxSurge: 25%",
      "- max_unavailable: 10%",
      "- Batch size: 20%",
      "- 30% of the nodes are replaced at a time.",
    ].join("\n");
    const { plan } = importValid(doc);
    expect(allWaves(plan).some((w) => [25, 10, 20, 30].includes(w.trafficPercent))).toBe(false);
  });
});

describe("configuration steps that each select a group by label", () => {
  const config = (section: string, groups: string[]) => [
    `## ${section}`,
    "```yaml",
    "rollout:",
    "  steps:",
    ...groups.flatMap((g) => ["    - matchExpressions:", "        - key: tier", "          operator: In", "          values:", `            - ${g}`]),
    "      maxParallel: 15%",
    "```",
  ];

  it("makes one ramp per example, a stage per group named after it, shares asked, the last group 100 %", () => {
    const doc = ["# Fleet sync", ...config("Two tiers", ["tier-canary", "tier-main"]), ...config("Three tiers", ["tier-a", "tier-b", "tier-c"])].join("\n");
    const { plan, questions } = importValid(doc);
    expect(plan.tracks.map((t: AnyPlan) => t.waves.map((w: AnyPlan) => w.name))).toEqual([["tier-canary", "tier-main"], ["tier-a", "tier-b", "tier-c"]]);
    expect(plan.tracks.map((t: AnyPlan) => t.after ?? null)).toEqual([null, null]);
    expect(plan.tracks[1].waves[2].trafficPercent).toBe(100);
    expect(questions.some((q) => q.field === "tracks[1].waves[1].trafficPercent")).toBe(true);
    expect(allWaves(plan).some((w) => w.trafficPercent === 15)).toBe(false);
  });

  it("does not take a configuration shown for tearing down as a way to roll out", () => {
    const doc = ["# Fleet sync", ...config("Two tiers", ["tier-canary", "tier-main"]), ...config("Three tiers", ["tier-a", "tier-b", "tier-c"]), ...config("Ordered deletion", ["tier-x", "tier-y"])].join("\n");
    const { plan } = importValid(doc);
    expect(plan.tracks).toHaveLength(2);
  });
});

describe("the stage reader on labelled list items", () => {
  it("reads a labelled item without a share as a stage whose share is asked, and 'everyone' in words as 100 %", () => {
    const doc = parseMarkdown(["- **Stage 1**: Give it to the support staff.", "- **Stage 2**: Then 30% of shops.", "- **Stage 3**: Release it to all customers."]);
    const [group] = readStageGroups(doc, 1, 3);
    expect(group.stages.map((s) => [s.label, s.shareUnknown ? null : s.percent])).toEqual([["Stage 1", null], ["Stage 2", 30], ["Stage 3", 100]]);
  });
});

describe("how-to subsections and page markup are not stages", () => {
  it("does not make one procedure written for two interfaces two stages with invented shares", () => {
    const doc = [
      "# Publishing a rollout policy",
      "## Define a release strategy",
      "### Define a release strategy (web portal)",
      "1. Open the portal and choose **Policies**.",
      "2. Fill in the form.",
      "### Define a release strategy (terminal)",
      "```sh",
      "tool policy create --name slow",
      "```",
    ].join("\n");
    const { plan, questions } = importValid(doc);
    expect(allWaves(plan).some((w) => /portal|terminal/i.test(w.name))).toBe(false);
    expect(questions.some((q) => /trafficPercent/.test(q.field))).toBe(false);
  });

  it("names a stage without the heading's HTML anchor or backslash escapes", () => {
    const doc = ["# Plan", "## Wave 1 \\(pilot\\)<a name=\"wave-1\"></a>", "- Traffic: 10%", "## Wave 2<a id=\"w2\"></a>", "- Traffic: 100%"].join("\n");
    const { plan } = importValid(doc);
    expect(allWaves(plan).map((w) => w.name).join("|")).not.toMatch(/<a|\\\\/);
    expect(allWaves(plan).map((w) => w.trafficPercent)).toEqual([10, 100]);
  });
});

describe("a runbook's sections that only look, or go back, are not steps", () => {
  const doc = [
    "# Splitting the orders database",
    "## List the current shards",
    "```sh",
    "dbctl shards",
    "```",
    "## Provision the new shards",
    "```sh",
    "dbctl provision --count 4",
    "```",
    "## Copy the rows",
    "```sh",
    "dbctl copy start",
    "```",
    "## Watching the copy (optional)",
    "```sh",
    "dbctl copy status",
    "```",
    "## Check the lag (Optional)",
    "```sh",
    "dbctl lag",
    "```",
    "## Cut over",
    "```sh",
    "dbctl cutover",
    "```",
    "## Rolling back the cutover",
    "```sh",
    "dbctl cutover --undo",
    "```",
    "## Remove the old shard",
    "```sh",
    "dbctl drop old",
    "```",
  ].join("\n");

  it("keeps the work in order and leaves out listing, watching, optional checks and the way back", () => {
    const { plan } = importValid(doc);
    expect(plan.tracks.map((t: AnyPlan) => t.name)).toEqual(["Provision the new shards", "Copy the rows", "Cut over", "Remove the old shard"]);
  });

  it("keeps a check that is not optional as a step", () => {
    const { plan } = importValid(doc.replace("## Check the lag (Optional)", "## Check the lag"));
    expect(plan.tracks.map((t: AnyPlan) => t.name)).toContain("Check the lag");
  });
});
