// Shapes from the eighth round, each written here in its own words; no corpus text is copied.
import { describe, expect, it } from "vitest";
import { type AnyPlan, importValid } from "./import-valid.test-support";

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
