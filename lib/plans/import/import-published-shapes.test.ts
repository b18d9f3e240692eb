// Shapes of document that recur in plans teams publish (issue templates, controller guides, release runbooks),
// each written here in its own words, and what the importer must make of them. No corpus text is copied.
import { describe, expect, it } from "vitest";
import { releasesToEveryone } from "./full-release";
import { type AnyPlan, importValid } from "./import-valid.test-support";


describe("a manifest ramp with more steps than a plan holds", () => {
  const doc = [
    "# Slow canary for the checkout service",
    "",
    "The controller moves one percent at a time:",
    "",
    "```yaml",
    "analysis:",
    "  interval: 2m",
    "  stepWeight: 1",
    "  maxWeight: 38",
    "```",
  ].join("\n");

  it("proposes every second step, as long as the document's ramp, and asks to confirm it", () => {
    const r = importValid(doc);
    const waves = r.plan.waves as AnyPlan[];
    // 38 steps do not fit 19 waves before the promotion; 19 steps of two do, exactly.
    expect(waves).toHaveLength(20);
    expect(waves.slice(0, 3).map((w) => [w.trafficPercent, w.bakeSeconds])).toEqual([
      [2, 240],
      [4, 240],
      [6, 240],
    ]);
    expect(waves.at(-2)).toMatchObject({ trafficPercent: 38, bakeSeconds: 240 });
    expect(waves.at(-1)).toMatchObject({ trafficPercent: 100 });
    const q = r.questions.find((x) => x.field === "waves");
    expect(q).toMatchObject({ blocking: true });
    expect(q?.question).toMatch(/38 steps/);
  });
});

describe("releasesToEveryone: the stage that turns the change on for everyone, when it gives no share", () => {
  it.each([
    ["Launch", ""],
    ["General availability", ""],
    ["Global rollout on production", ""],
    ["Enable in production", ""],
    ["Turn it on", "Flip the switch so the new editor is enabled for all paying customers."],
    ["Default on", "In the next release we switch the toggle on by default."],
  ])("%s", (name, body) => expect(releasesToEveryone(name, body)).toBe(true));

  it.each([
    ["Enable on staging", "Enable the feature globally on staging."],
    ["Internal launch", ""],
    ["Pre-launch checks", ""],
    ["Post-launch", "Keep the flag enabled by default for a release."],
    ["Preparation before global rollout", ""],
    ["Dogfood", "Enable the flag for all team members in our own organisation."],
    ["Beta", "Roll out to selected customers."],
    ["Release with the flag off", "The flag is disabled by default."],
  ])("not %s", (name, body) => expect(releasesToEveryone(name, body)).toBe(false));
});

describe("stage sections with no shares, one of which releases to everyone", () => {
  const doc = [
    "# Rollout: bulk export",
    "",
    "## Rollout steps",
    "",
    "### Try it on the test environment",
    "",
    "- [ ] Turn `bulk-export` on for the test environment",
    "",
    "### Pilot customers",
    "",
    "- [ ] Enable for the three pilot accounts",
    "",
    "### General availability",
    "",
    "- [ ] Enable the flag for all customers",
    "- [ ] Wait two days and watch the export dashboards",
    "",
    "### Remove the flag",
    "",
    "- [ ] Delete the flag from the code",
    "- [ ] Delete the flag from the flag service",
  ].join("\n");

  it("makes that one the 100 % wave and what follows it a step after the ramp", () => {
    const r = importValid(doc);
    const [ramp, cleanup] = r.plan.tracks as AnyPlan[];
    expect(ramp.waves.map((w: AnyPlan) => [w.name, w.trafficPercent])).toEqual([
      ["Try it on the test environment", 33],
      ["Pilot customers", 67],
      ["General availability", 100],
    ]);
    expect(ramp.waves[2].bakeSeconds).toBe(2 * 86400);
    expect(cleanup).toMatchObject({ name: "Remove the flag", kind: "step", after: { track: ramp.key, when: "completed" } });
    expect(cleanup.checklist.map((i: AnyPlan) => i.text)).toEqual(["Delete the flag from the code", "Delete the flag from the flag service"]);
    // The shares before it are guesses and asked; the 100 % is the document's word, not asked.
    const asked = r.questions.filter((q) => /trafficPercent$/.test(q.field)).map((q) => q.field);
    expect(asked).toEqual(["tracks[0].waves[0].trafficPercent", "tracks[0].waves[1].trafficPercent"]);
  });
});

describe("a checklist of nested steps: enable here, then in production, then follow-up work", () => {
  const doc = [
    "# Flag rollout: faster diffs",
    "",
    "## Steps",
    "",
    "- [ ] Enable on the pre-production cluster",
    "  - [ ] Check the code is deployed there",
    "  - [ ] Flip the flag",
    "- [ ] Enable in production",
    "  - [ ] Check the code is deployed there",
    "  - [ ] Flip the flag, a few percent at a time",
    "- [ ] File the clean-up issues",
    "  - [ ] One to make it the default",
    "  - [ ] One to delete the flag",
  ].join("\n");

  it("is a ramp of the two exposures, the last to everyone, then a step", () => {
    const r = importValid(doc);
    const tracks = r.plan.tracks as AnyPlan[];
    expect(tracks.map((t) => [t.name, t.kind])).toEqual([
      ["Flag rollout: faster diffs", "ramp"],
      ["File the clean-up issues", "step"],
    ]);
    expect(tracks[0].waves.map((w: AnyPlan) => [w.name, w.trafficPercent])).toEqual([
      ["Enable on the pre-production cluster", 50],
      ["Enable in production", 100],
    ]);
    expect(tracks[1].after).toEqual({ track: tracks[0].key, when: "completed" });
  });
});

describe("a stage that lasts longer than a wave may", () => {
  it("proposes the longest bake the format allows and asks", () => {
    const doc = ["# Sunset of the v1 API", "", "```yaml", "v1-sunset:", "  steps:", "    - date: 2025-01-01", "      percentage: 10", "    - date: 2025-12-01", "      percentage: 100", "```"].join("\n");
    const r = importValid(doc);
    expect((r.plan.waves as AnyPlan[]).map((w) => [w.trafficPercent, w.bakeSeconds])).toEqual([
      [10, 90 * 86400],
      [100, 0],
    ]);
    expect(r.questions.find((q) => q.field === "waves[0].bakeSeconds")).toMatchObject({ blocking: true, proposed: 90 * 86400 });
  });
});

describe("a release runbook whose first heading only groups the parts released separately", () => {
  const doc = [
    "# How we release",
    "",
    "## Publish",
    "",
    "### The API server",
    "",
    "* bump the version: `make bump V=1.2.3`",
    "* tag it: `git tag v1.2.3 && git push --tags`",
    "",
    "### The command-line client",
    "",
    "* bump the client's version in `cli/version.go`",
    "* run the `publish-cli` workflow",
    "",
    "## Announce",
    "",
    "* post the changelog in the release channel",
  ].join("\n");

  it("makes each part a step, then the sections after it", () => {
    const r = importValid(doc);
    expect((r.plan.tracks as AnyPlan[]).map((t) => [t.name, t.kind])).toEqual([
      ["The API server", "step"],
      ["The command-line client", "step"],
      ["Announce", "step"],
    ]);
  });

  it("keeps a section that introduces its parts as one step", () => {
    const r = importValid(doc.replace("## Publish\n", "## Publish\n\nBoth parts share one version number.\n"));
    expect((r.plan.tracks as AnyPlan[]).map((t) => t.name)).toEqual(["Publish", "Announce"]);
  });
});

describe("criteria that say to stay within observed bands, with the bands listed below", () => {
  const doc = [
    "# Ranking model swap",
    "",
    "## Waves",
    "",
    "- Wave 1: 10% of users",
    "- Wave 2: 100% of users",
    "",
    "## Keep going when",
    "",
    "1. Response times stay within the ranges we saw last month",
    "2. Click-through rate stays within its usual band, or gets better",
    "3. The error rate stays inside the observed range",
    "",
    "_Response times over the last month_",
    "",
    "* p75: 120ms to 180ms",
    "* p99: 0.4s to 0.9s",
    "* p90: 200 to 300",
    "",
    "_Other signals_",
    "",
    "* Click-through rate: 3.5% to 4.1%",
    "* Error rate: 0.2% to 0.6%",
  ].join("\n");

  it("guards each band on the side that hurts, in the plan's scales, and skips a latency band without a unit", () => {
    const r = importValid(doc);
    expect((r.plan.guardrails as AnyPlan[]).map((g) => [g.metric, g.comparator, g.critical])).toEqual([
      ["latency_p75_ms", ">", 180],
      ["latency_p99_ms", ">", 900],
      ["click_through_rate", "<", 0.035],
      ["error_rate", ">", 0.006],
    ]);
    // A rate whose name does not say it is a ratio is declared one, so 0.035 reads as 3.5 %.
    expect(r.plan.metrics).toEqual([{ key: "click_through_rate", label: "Click-through rate", unit: "ratio", watchOnly: false }]);
  });

  it("reads nothing from bands no criterion asks to stay within", () => {
    const r = importValid(doc.replace(/stay(s)? (within|inside)[^\n]*/g, "matter"));
    expect(r.plan.guardrails).toEqual([]);
  });
});
