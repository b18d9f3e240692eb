// Track names read from headings, and which sections of a runbook are its steps.
import { describe, expect, it } from "vitest";
import { trackName } from "./assemble-tracks";
import { importMarkdownPlan } from "./import-plan";
import { programmeProblems } from "./programme-contract.test-support";

type Track = { name: string; kind: string; waves: { name: string; trafficPercent: number }[] };

describe("trackName", () => {
  it("drops a label prefix, a code span and a decorating emoji", () => {
    expect(trackName("Track 2: Search migration")).toBe("Search migration");
    expect(trackName("Feature: Batched postings (`ledger-batched`)")).toBe("Batched postings");
    expect(trackName("🧪 Pricing experiment")).toBe("Pricing experiment");
  });

  it("keeps a first word that only begins like a label", () => {
    expect(trackName("Partial cutover")).toBe("Partial cutover");
    expect(trackName("Feature flags cleanup")).toBe("Feature flags cleanup");
    expect(trackName("Components upgrade")).toBe("Components upgrade");
  });
});

describe("runbook steps", () => {
  const runbook = (...sections: string[]) => importMarkdownPlan(["# Cache cluster upgrade", "", ...sections].join("\n"));
  const names = (r: ReturnType<typeof importMarkdownPlan>) => ((r.plan.tracks ?? []) as { name: string }[]).map((t) => t.name);

  it("count commands in Hugo shortcodes as work to do", () => {
    const r = runbook("## Drain nodes", "", "{{< text bash >}}", "$ kubectl drain cache-1", "{{< /text >}}", "", "## Swap images", "", "{{< text bash >}}", "$ kubectl set image sts/cache cache=v7", "{{< /text >}}");
    expect(names(r)).toEqual(["Drain nodes", "Swap images"]);
  });

  it("leave out a section that opens on rolling back, and an overall summary", () => {
    const r = runbook(
      "## Overall procedure",
      "",
      "- drain, then swap",
      "",
      "## Drain nodes",
      "",
      "- [ ] drain cache-1",
      "",
      "## Restore old images",
      "",
      "If you need to roll back instead of finishing, put the old image back:",
      "",
      "- [ ] kubectl rollout undo sts/cache",
      "",
      "## Swap images",
      "",
      "- [ ] set the new image",
    );
    expect(names(r)).toEqual(["Drain nodes", "Swap images"]);
  });

  it("take a \"Before ...\" section of checks as the first step", () => {
    const r = runbook("## Before you start", "", "Make sure the cluster is healthy with `cachectl status`.", "", "## Drain nodes", "", "- [ ] drain cache-1", "", "## Swap images", "", "- [ ] set the new image");
    expect(names(r)).toEqual(["Before you start", "Drain nodes", "Swap images"]);
    expect(programmeProblems(r.plan)).toEqual([]);
  });
});

describe("a list of steps with sub-items", () => {
  const names = (r: ReturnType<typeof importMarkdownPlan>) => ((r.plan.tracks ?? []) as { name: string }[]).map((t) => t.name);

  it("makes each outer item a step named by its first sentence, its sub-items its checklist", () => {
    const r = importMarkdownPlan(
      [
        "## Procedure",
        "",
        "- [ ] Ship the new driver behind a toggle ([MR](https://example.test/1)). Keep it off.",
        "  - [ ] add the driver",
        "  - [ ] add the toggle",
        "- [ ] Turn the toggle on.",
        "  - [ ] open the rollout issue",
        "- [ ] Delete the old driver.",
        "  - [ ] remove the code",
      ].join("\n"),
    );
    expect(names(r)).toEqual(["Ship the new driver behind a toggle", "Turn the toggle on", "Delete the old driver"]);
    const tracks = r.plan.tracks as { checklist: { text: string }[]; after?: { track: string } }[];
    expect(tracks[0].checklist.map((i) => i.text)).toEqual(["Ship the new driver behind a toggle (MR). Keep it off.", "add the driver", "add the toggle"]);
    expect(tracks[1].after?.track).toBeDefined();
    expect(programmeProblems(r.plan)).toEqual([]);
  });

  it("leaves a list whose outer items are not all parents as one checklist", () => {
    const r = importMarkdownPlan(["## Procedure", "", "- [ ] Ship the driver", "  - [ ] add it", "- [ ] Turn it on"].join("\n"));
    expect(r.plan.tracks).toBeUndefined();
  });
});

describe("main sections broken into stages", () => {
  const md = [
    "# Widget launch process",
    "",
    "## Web app",
    "",
    "### Internal preview",
    "",
    "1. **Dogfood:** enable for staff",
    "",
    "### General availability",
    "",
    "1. **Enable:** for everyone",
    "",
    "## Mobile app",
    "",
    "### Only on mobile",
    "",
    "1. **Beta build:** ship to testers",
    "2. **Store release:** publish",
    "3. **Default on:** turn the flag on",
  ].join("\n");

  it("are ramps whose waves are the subsections or a numbered list's bold labels, shares asked", () => {
    const r = importMarkdownPlan(md);
    const tracks = r.plan.tracks as Track[];
    expect(tracks.map((t) => [t.name, t.kind, t.waves.map((w) => w.name)])).toEqual([
      ["Web app", "ramp", ["Internal preview", "General availability"]],
      ["Only on mobile", "ramp", ["Beta build", "Store release", "Default on"]],
    ]);
    expect(tracks[1].waves.map((w) => w.trafficPercent)).toEqual([33, 67, 100]);
    expect(r.questions.filter((q) => /^tracks\[1\]\.waves\[\d\]\.trafficPercent$/.test(q.field)).length).toBe(2);
    expect(programmeProblems(r.plan)).toEqual([]);
  });

  it("leave a heading that asks a question out of the steps", () => {
    const r = importMarkdownPlan(["# Runbook", "", "## Drain", "", "- [ ] drain", "", "## Swap", "", "- [ ] swap", "", "## What if it fails?", "", "- look at the logs"].join("\n"));
    expect(((r.plan.tracks ?? []) as Track[]).map((t) => t.name)).toEqual(["Drain", "Swap"]);
  });
});
