// Shapes from the third round (task lists with no structure, shares in prose or inline, data handed to a command,
// schedules by weekday), each written here in its own words; no corpus text is copied.
import { describe, expect, it } from "vitest";
import { type AnyPlan, importValid } from "./import-valid.test-support";

const shares = (plan: AnyPlan): number[] =>
  plan.waves ? plan.waves.map((w: AnyPlan) => w.trafficPercent) : plan.tracks.flatMap((t: AnyPlan) => t.waves.map((w: AnyPlan) => w.trafficPercent));

describe("the checkbox guarantee", () => {
  it("lists every task-list item the plan does not hold, whatever the shape (front matter and a bare list)", () => {
    const doc = ["---", "title: Ship the mobile build", "labels: release", "---", "", "- [ ] freeze translations", "- [ ] tag the build", "  - [x] sign the bundle", "- [ ] publish to the stores"].join("\n");
    const r = importValid(doc);
    expect(r.plan.name).toBe("Ship the mobile build");
    expect(r.plan.description ?? "").not.toContain("labels: release");
    // A bare task list is the one step's work, named after the template.
    expect(r.plan.tracks.map((t: AnyPlan) => [t.name, t.kind, t.checklist.length])).toEqual([["Ship the mobile build", "step", 4]]);
    const listed = (n: number) => r.unmapped.some((u) => n >= u.fromLine && n <= u.toLine);
    const held = JSON.stringify(r.plan);
    for (const [n, text] of [[6, "freeze translations"], [7, "tag the build"], [8, "sign the bundle"], [9, "publish to the stores"]] as const) {
      expect(listed(n) || held.includes(text), `line ${n}`).toBe(true);
    }
  });

  it("also inside quotes and numbered lists", () => {
    const doc = ["# Notes", "", "Some words.", "", "> 1. [ ] rotate the signing key", "> 2. [x] revoke the old key"].join("\n");
    const r = importValid(doc);
    const held = JSON.stringify(r.plan);
    for (const n of [5, 6]) expect(r.unmapped.some((u) => n >= u.fromLine && n <= u.toLine) || held.includes("signing key")).toBe(true);
  });
});

describe("shares that are not one per line", () => {
  it("reads an inline ramp, and a later sentence restating it adds only the final share", () => {
    const doc = ["# Search ranking v3", "", "## How it ramps", "", "The ramp is **3% ⟶ 12% ⟶ 40%**.", "", "## Notes on the ramp", "", "Each step holds a while: it moves through 3%, 12% and 40% before going to 100%."].join("\n");
    expect(shares(importValid(doc).plan)).toEqual([3, 12, 40, 100]);
  });

  it("reads shares moved in prose, in words, each named after its section", () => {
    const doc = [
      "# Move checkout to the new cluster",
      "",
      "## First slice",
      "",
      "Send 15 percent of requests to the new cluster and watch it for an hour.",
      "",
      "## Widen",
      "",
      "Once calm, shift 60 percent over.",
      "",
      "## Finish",
      "",
      "Now 100% of traffic is being routed to the new cluster.",
    ].join("\n");
    const plan = importValid(doc).plan;
    expect(shares(plan)).toEqual([15, 60, 100]);
    expect(plan.waves.map((w: AnyPlan) => w.name)).toEqual(["First slice", "Widen", "Finish"]);
  });

  it("reads a split applied through a heredoc inside a list item", () => {
    const doc = [
      "# Canary the orders service",
      "",
      "1. Apply the split:",
      "",
      "    ```sh",
      "    kubectl apply -f - <<YAML",
      "    kind: TrafficSplit",
      "    spec:",
      "      backends:",
      "      - service: orders-old",
      "        weight: 75",
      "      - service: orders-new",
      "        weight: 25",
      "    YAML",
      "    ```",
    ].join("\n");
    expect(shares(importValid(doc).plan)).toContain(25);
  });
});

describe("a schedule by weekday", () => {
  it("keeps the weekday in step names, takes a prose-only scheduled day as a step and an aside as none", () => {
    const doc = [
      "# Shipping a point release",
      "",
      "## A note on the helper script",
      "",
      "The script does most of this; read it first.",
      "",
      "## Write the changelog (Wednesday the week before)",
      "",
      "Collect the merged changes and write them up for review.",
      "",
      "## Cut the branch (Monday)",
      "",
      "```sh",
      "git switch -c release",
      "```",
      "",
      "## Publish (Thursday)",
      "",
      "- upload the artifacts",
      "- announce",
    ].join("\n");
    const plan = importValid(doc).plan;
    expect(plan.tracks.map((t: AnyPlan) => t.name)).toEqual(["Write the changelog (Wednesday the week before)", "Cut the branch (Monday)", "Publish (Thursday)"]);
  });
});
