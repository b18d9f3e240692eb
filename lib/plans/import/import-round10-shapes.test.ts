// Shapes from the tenth round, each written here in its own words; no corpus text is copied.
import { describe, expect, it } from "vitest";
import { headingText } from "./document";
import { promotionChain } from "./promotion-chain";
import { type AnyPlan, importValid } from "./import-valid.test-support";

const names = (plan: AnyPlan): string[] => (plan.tracks ?? []).map((t: AnyPlan) => t.name);

describe("a heading attribute after the heading's words", () => {
  it("is no part of the name", () => {
    expect(headingText("Switch the readers {#switch-readers}")).toBe("Switch the readers");
    expect(headingText("Set up the mirror {: #mirror .wide}")).toBe("Set up the mirror");
    expect(headingText("Weights {.table}")).toBe("Weights");
    // Braces that are words of the heading stay.
    expect(headingText("Rename {service} in the config")).toBe("Rename {service} in the config");
  });
});

describe("a procedure whose sections of work surround sections that only say in prose what to do", () => {
  const doc = [
    "# Moving the search index to new hardware",
    "",
    "## Build the new index nodes {#build}",
    "",
    "- provision three nodes",
    "- copy the settings over",
    "",
    "## Point the readers at the new nodes {#readers}",
    "",
    "Change the load balancer pool so that queries go to the new nodes. Writes still go to the old ones.",
    "",
    "## Replay the pending writes",
    "",
    "```sh",
    "indexctl replay --from old --to new",
    "```",
    "",
    "## Retire the old nodes",
    "",
    "Once nothing reads or writes them, power the old nodes off.",
    "",
    "## A story from production",
    "",
    "Another team did this last year and wrote about it on their blog.",
  ].join("\n");

  it("takes the sections whose heading gives an order as steps, in place, and leaves the story out", () => {
    const { plan } = importValid(doc);
    expect(names(plan)).toEqual(["Build the new index nodes", "Point the readers at the new nodes", "Replay the pending writes", "Retire the old nodes"]);
    expect(plan.tracks.every((t: AnyPlan) => t.kind === "step")).toBe(true);
    expect(plan.tracks[3].after).toEqual({ track: plan.tracks[2].key, when: "completed" });
  });

  it("does not make prose sections steps when only one section holds work", () => {
    const one = doc.replace("```sh\nindexctl replay --from old --to new\n```", "Wait for the replay to finish.").replace("- provision three nodes\n- copy the settings over", "Provision three nodes and copy the settings.");
    const { plan } = importValid(one);
    expect(names(plan)).not.toContain("Retire the old nodes");
  });

  it("leaves a prose section before the first section of work alone", () => {
    const before = doc.replace("# Moving the search index to new hardware\n", "# Moving the search index to new hardware\n\n## Decide on the node size\n\nLook at last month's peak and pick the size.\n");
    const { plan } = importValid(before);
    expect(names(plan)[0]).toBe("Build the new index nodes");
  });
});

describe("a section called Steps holding one long numbered list", () => {
  const doc = [
    "# Shipping a minor version",
    "",
    "## Terminology",
    "",
    "* `X.Y` is the version being shipped",
    "* `X.Y-1` is the one before it",
    "",
    "## Steps",
    "",
    "1. File an issue [from the template](https://example.com/t) to track",
    "   the release.",
    "",
    "1. Branch `release-X.Y` off trunk.",
    "",
    "    * Protect the branch.",
    "    * Tell the team.",
    "",
    "1. Build release candidate 1 and upload it (e.g. to the staging bucket). Then tell testers.",
    "",
    "    :::note",
    "    Uploading takes a while.",
    "    :::",
    "",
    "1. Fix what testers report on trunk and cherry-pick it.",
    "",
    "1. Go back to steps 3-4 until the candidate holds up.",
    "",
    "1. Tag `vX.Y.0` and publish the release notes.",
    "",
    "1. Update the website's download page.",
    "",
    "1. 🥳 Celebrate!",
  ].join("\n");

  it("makes each numbered item a step named by its first sentence, without the loop back or the cheer", () => {
    const { plan } = importValid(doc);
    expect(names(plan)).toEqual([
      "File an issue from the template to track the release",
      "Branch release-X.Y off trunk",
      "Build release candidate 1 and upload it (e.g. to the staging bucket)",
      "Fix what testers report on trunk and cherry-pick it",
      "Tag vX.Y.0 and publish the release notes",
      "Update the website's download page",
    ]);
    expect(plan.tracks.every((t: AnyPlan) => t.kind === "step")).toBe(true);
    expect(plan.tracks[5].after).toEqual({ track: plan.tracks[4].key, when: "completed" });
  });

  it("works the same for a Procedure heading with a list numbered 1, 2, 3", () => {
    let k = 0;
    const renumbered = doc.replace("## Steps", "## Procedure").replace(/^1\. /gm, () => `${++k}. `);
    expect(names(importValid(renumbered).plan)).toHaveLength(6);
  });

  it("keeps a short list of one-line actions under a named section as one step", () => {
    const short = ["# Releasing", "", "## Release flow", "", "1. Tag the commit.", "2. Push the tag.", "3. Publish the notes.", "4. Tell the users."].join("\n");
    const { plan } = importValid(short);
    expect(plan.tracks).toHaveLength(1);
  });
});

const wavesOf = (plan: AnyPlan): AnyPlan[] => plan.waves ?? plan.tracks.flatMap((t: AnyPlan) => t.waves ?? []);
const shares = (plan: AnyPlan) => wavesOf(plan).map((w: AnyPlan) => w.trafficPercent);
const bakes = (plan: AnyPlan) => wavesOf(plan).map((w: AnyPlan) => w.bakeSeconds);

describe("a named traffic-shifting preset in a configuration", () => {
  const doc = (preset: string) =>
    ["# Shipping the thumbnail worker", "", "The service's deploy config:", "", "```yaml", "worker:", "  deploy:", `    strategy: ${preset}`, "    alarms: [worker-errors]", "```", ""].join("\n");

  it("reads a canary preset as its share for its wait, then everyone", () => {
    const { plan } = importValid(doc("Canary25Percent15Minutes"));
    expect(shares(plan)).toEqual([25, 100]);
    expect(bakes(plan)[0]).toBe(900);
  });

  it("reads a linear preset as equal steps at each interval up to everyone, with a service prefix", () => {
    const { plan } = importValid(doc("Deploy.Linear20PercentEvery2Hours"));
    expect(shares(plan)).toEqual([20, 40, 60, 80, 100]);
    expect(bakes(plan).slice(0, 4)).toEqual([7200, 7200, 7200, 7200]);
    const json = ["# Config rollout", "", "```json", '{ "DeploymentStrategyId": "Svc.Canary5Percent30Seconds" }', "```"].join("\n");
    expect(shares(importValid(json).plan)).toEqual([5, 100]);
  });

  it("does not read a block that lists several presets as choices", () => {
    const list = ["# Presets", "", "```", "Canary10Percent5Minutes", "Canary10Percent30Minutes", "Linear10PercentEvery1Minute", "```"].join("\n");
    expect(shares(importValid(list).plan)).not.toContain(10);
  });
});

describe("a schedule in code whose weights count out of more than 100", () => {
  const goLike = (weights: number[], extra = "") =>
    [
      "# Ramp for the new ranking",
      "",
      "The scheduler receives:",
      "",
      "```go",
      "plan := &ranking.Schedule{",
      extra,
      ...weights.flatMap((w, k) => ["\t{", `\t\tAt: ${1700000000 + k * 7200},`, `\t\tWeight: ${w},`, "\t},"]),
      "}",
      "```",
    ].join("\n");

  it("reads weights out of 100000 as shares, each lasting until the next entry's time, and asks about the whole", () => {
    const { plan, questions } = importValid(goLike([5000, 25000, 50000]));
    expect(shares(plan).slice(0, 3)).toEqual([5, 25, 50]);
    expect(bakes(plan).slice(0, 2)).toEqual([7200, 7200]);
    expect(questions.some((q) => q.field === "waves" && /100000/.test(q.question))).toBe(true);
  });

  it("counts weights out of 1000 when they fit in it, and uses a whole the block states without asking", () => {
    expect(shares(importValid(goLike([100, 500, 1000])).plan)).toEqual([10, 50, 100]);
    const stated = importValid(goLike([2000, 5000, 10000], "\t// weights are out of 20000"));
    expect(shares(stated.plan).slice(0, 3)).toEqual([10, 25, 50]);
    expect(stated.questions.some((q) => q.field === "waves" && /power of ten/.test(q.question))).toBe(false);
  });

  it("reads ISO times too, and nothing when the weights fall or an entry has no time", () => {
    const iso = ["# Ramp", "", "```ts", "const steps = [", '  { at: "2025-03-01T08:00:00Z", weight: 250 },', '  { at: "2025-03-01T20:00:00Z", weight: 500 },', '  { at: "2025-03-02T08:00:00Z", weight: 1000 },', "];", "```"].join("\n");
    expect(shares(importValid(iso).plan)).toEqual([25, 50, 100]);
    expect(bakes(importValid(iso).plan).slice(0, 2)).toEqual([43200, 43200]);
    expect(shares(importValid(goLike([50000, 20000, 60000])).plan)).not.toContain(50);
    const untimed = goLike([5000, 25000, 50000]).replace(/\t\tAt: \d+,\n/, "");
    expect(shares(importValid(untimed).plan)).not.toContain(5);
  });
});

describe("the same configuration shown up front and again in a numbered step", () => {
  it("is one ramp, not two alternatives", () => {
    const block = ["```yaml", "api:", "  image: registry.example/api:2", "  rollout:", "    type: Canary10Percent5Minutes", "```"];
    const doc = ["# Canarying the API", "", "An example:", "", ...block, "", "## Step 1: Ship the image", "", "```sh", "make push", "```", "", "## Step 2: Shift traffic", "", ...block, ""].join("\n");
    const { plan } = importValid(doc);
    const ramps = (plan.tracks ?? [plan]).filter((t: AnyPlan) => (t.kind ?? "ramp") === "ramp");
    expect(ramps).toHaveLength(1);
  });
});

describe("cohort stages named by their audience, only the last with a share", () => {
  const numbered = [
    "# Turning on the new editor",
    "",
    "## How we widen it",
    "",
    "1. **Internal users:** target the rule at our own accounts and try every path.",
    "2. **Beta testers:** add the beta group to the rule; watch the support queue.",
    "3. **Early adopters:** add the customers who opted in to previews.",
    "4. **Everyone:** set the rule to 100% of users and remove the targeting.",
  ].join("\n");

  it("reads each cohort as a stage named by its label, its share asked, the last at 100 %", () => {
    const { plan, questions } = importValid(numbered);
    const waves = wavesOf(plan);
    expect(waves.map((w: AnyPlan) => w.name)).toEqual(["Internal users", "Beta testers", "Early adopters", "Everyone"]);
    expect(waves[waves.length - 1].trafficPercent).toBe(100);
    expect(questions.filter((q) => /^waves\[\d\]\.trafficPercent$/.test(q.field))).toHaveLength(3);
  });

  it("reads the same list written as bullets", () => {
    const bullets = numbered.replace(/^\d\. /gm, "- ");
    expect(wavesOf(importValid(bullets).plan).map((w: AnyPlan) => w.name)).toEqual(["Internal users", "Beta testers", "Early adopters", "Everyone"]);
  });

  it("does not read labels that are fields of a stage's description, nor cohorts without a last stage to everyone", () => {
    const fields = ["# Stage one", "", "- **Users:** the QA team", "- **Cohort:** staff", "- **Exposure:** 100% of users"].join("\n");
    expect(wavesOf(importValid(fields).plan).map((w: AnyPlan) => w.name)).not.toContain("Users");
    const open = numbered.replace("4. **Everyone:** set the rule to 100% of users and remove the targeting.", "4. **Partners:** add the partner accounts.");
    expect(wavesOf(importValid(open).plan).map((w: AnyPlan) => w.name)).not.toContain("Beta testers");
  });
});

describe("an environment promotion said in prose", () => {
  it("reads the environments a sentence promotes through, in order, production last at 100 %", () => {
    expect(promotionChain("Every build is promoted from dev to staging and then to prod once the checks pass.")).toEqual([
      { name: "dev", percent: null },
      { name: "staging", percent: null },
      { name: "prod", percent: 100 },
    ]);
    expect(promotionChain("Changes flow `qa` → `uat` → `production`.")?.map((s) => s.name)).toEqual(["qa", "uat", "production"]);
  });

  it("reads nothing from sentences that do not promote, or do not end in production", () => {
    expect(promotionChain("The dev cluster and the production cluster share a registry.")).toBeNull();
    expect(promotionChain("We promote from staging to dev for debugging.")).toBeNull();
    expect(promotionChain("Production was promoted before staging.")).toBeNull();
    expect(promotionChain("The staging stage of the test pipeline promotes images.")).toBeNull();
  });

  it("makes the chain the plan's ramp in a tutorial of commands", () => {
    const doc = [
      "# Two-environment delivery",
      "",
      "## Set up the repositories",
      "",
      "```sh",
      "git clone https://example.com/app-config",
      "```",
      "",
      "## Ship a change",
      "",
      "Bump the image tag in the `development` values file; the pipeline deploys it there",
      "and, when its checks pass, promotes it to `production` through a merge request.",
      "",
      "```sh",
      "git commit -am 'bump' && git push",
      "```",
    ].join("\n");
    const { plan, questions } = importValid(doc);
    expect(wavesOf(plan).map((w: AnyPlan) => [w.name, w.trafficPercent])).toEqual([
      ["development", expect.any(Number)],
      ["production", 100],
    ]);
    expect(questions.some((q) => q.field.endsWith("waves[0].trafficPercent"))).toBe(true);
  });
});

describe("the same ramp configuration applied first to install, then to upgrade", () => {
  const block = (tag: string) => ["```yaml", "service:", `  image: registry.example/search:${tag}`, "  rollout:", "    strategy: Canary30Percent15Minutes", "```"];
  const doc = (first: string) => ["# Search service canary", "", `## ${first}`, "", "Apply the service with the rollout settings:", "", ...block("1.0"), "", "## Upgrading to 1.1", "", "Change the image and apply again:", "", ...block("1.1"), ""].join("\n");

  it("makes the first application a step and the ramp the upgrade after it", () => {
    const { plan } = importValid(doc("Initial installation"));
    expect(plan.tracks.map((t: AnyPlan) => [t.name, t.kind])).toEqual([
      ["Initial installation", "step"],
      ["Upgrading to 1.1", "ramp"],
    ]);
    expect(plan.tracks[1].after).toEqual({ track: plan.tracks[0].key, when: "completed" });
    expect(plan.tracks[1].waves.map((w: AnyPlan) => w.trafficPercent)).toEqual([30, 100]);
  });

  it("keeps two alternatives when the first section is not a first deployment", () => {
    const { plan } = importValid(doc("Blue region"));
    expect(plan.tracks.map((t: AnyPlan) => t.kind)).toEqual(["ramp", "ramp"]);
  });
});

describe("rollout mechanisms described by the operations that drive them", () => {
  const doc = [
    "# Staged releases of the mobile app",
    "",
    "## Store-managed rollout",
    "",
    "### Start a staged rollout",
    "",
    "Upload the build and run `shipit release --staged-percent 5`.",
    "",
    "### Increase the rollout",
    "",
    "After a day without crashes, raise it to 20% and then to 50% from the console.",
    "",
    "### Complete the rollout",
    "",
    "Choose Complete: the build goes to all users.",
    "",
    "### Halting a rollout",
    "",
    "Choose Halt to stop new installs.",
    "",
    "## Remote-config rollout",
    "",
    "### Creating a rollout",
    "",
    "Run `shipit config rollout` and answer the prompt for the share of devices.",
    "",
    "### Ending the rollout",
    "",
    "Pick Finish to serve the new value to everyone.",
  ].join("\n");

  it("reads each mechanism as its own ramp: the start's share, the shares the increase names, then everyone", () => {
    const { plan, questions } = importValid(doc);
    expect(plan.tracks.map((t: AnyPlan) => [t.name, t.after ?? null])).toEqual([
      ["Store-managed rollout", null],
      ["Remote-config rollout", null],
    ]);
    expect(plan.tracks[0].waves.map((w: AnyPlan) => w.trafficPercent)).toEqual([5, 20, 50, 100]);
    expect(plan.tracks[1].waves.map((w: AnyPlan) => w.trafficPercent).slice(-1)).toEqual([100]);
    // The start's share is chosen in a prompt: asked, not invented silently.
    expect(questions.some((q) => q.field === "tracks[1].waves[0].trafficPercent")).toBe(true);
    // How to halt is no stage.
    expect(wavesOf(plan).some((w: AnyPlan) => /halt/i.test(w.name))).toBe(false);
  });

  it("reads one mechanism as the plan's ramp, and nothing when the end does not reach everyone", () => {
    const one = doc.slice(0, doc.indexOf("## Remote-config rollout"));
    expect(shares(importValid(one).plan)).toEqual([5, 20, 50, 100]);
    const partial = one.replace("the build goes to all users", "the build stays where it is");
    expect(shares(importValid(partial).plan)).not.toEqual([5, 20, 50, 100]);
  });
});

describe("a command option listing a ramp's shares", () => {
  const doc = (cmd: string) => ["# Gradual pushes", "", "## Canary with steps", "", "Each value is a percentage of the instances.", "", "```", cmd, "```", ""].join("\n");

  it("reads the listed shares as stages, then everyone", () => {
    expect(shares(importValid(doc("platform push web --strategy canary --instance-steps 5,10,20")).plan)).toEqual([5, 10, 20, 100]);
    expect(shares(importValid(doc("deployctl rollout --weights=2,25,60")).plan)).toEqual([2, 25, 60, 100]);
  });

  it("reads nothing from a list that falls or an option that is no share", () => {
    expect(shares(importValid(doc("platform push web --instance-steps 20,10,5")).plan)).not.toContain(20);
    expect(shares(importValid(doc("platform push web --ports 8080,8081")).plan)).not.toContain(8080);
  });

  it("does not take a worked example under the section for another way to release", () => {
    const withExample = `${doc("platform push web --strategy canary --instance-steps 5,10,20")}\n### Worked example\n\n\`\`\`\nplatform push web --instance-steps 1,20,45,80\n\`\`\`\n`;
    const { plan } = importValid(withExample);
    expect(plan.tracks ?? []).toHaveLength(0);
    expect(shares(plan)).toEqual([5, 10, 20, 100]);
  });
});

describe("a stage file ordering named stages of target groups", () => {
  const file = (extra = "") =>
    [
      "# Patching the edge fleet",
      "",
      "Save the order as `order.json`:",
      "",
      "```json",
      "{",
      '  "stages": [',
      `    { "name": "canary-sites", "clusters": ["edge-01"], "waitAfterSeconds": 1800${extra} },`,
      '    { "name": "europe", "clusters": ["edge-10", "edge-11"], "waitAfterSeconds": 7200 },',
      '    { "name": "rest-of-world", "clusters": ["edge-20", "edge-21"] }',
      "  ]",
      "}",
      "```",
    ].join("\n");

  it("reads each named stage in order, its share asked, the last at 100 %, each wait its bake", () => {
    const { plan, questions } = importValid(file());
    expect(wavesOf(plan).map((w: AnyPlan) => w.name)).toEqual(["canary-sites", "europe", "rest-of-world"]);
    expect(shares(plan)[2]).toBe(100);
    expect(bakes(plan).slice(0, 2)).toEqual([1800, 7200]);
    expect(questions.filter((q) => /waves\[\d\]\.trafficPercent$/.test(q.field))).toHaveLength(2);
  });

  it("leaves a stage file with shares of its own to the readers of shares", () => {
    const { plan } = importValid(file(', "percent": 5'));
    expect(wavesOf(plan).map((w: AnyPlan) => w.name)).not.toEqual(["canary-sites", "europe", "rest-of-world"]);
  });
});

describe("a stage's participants label giving its share", () => {
  it("reads the share or everyone from a Participants line, and a count alone as no share", () => {
    const doc = [
      "# Moving accounts to the new ledger",
      "### Stage 1: Staff *(Duration: 2 days)*",
      "**Participants**: the 12 people of the payments team",
      "### Stage 2: Early customers *(Duration: 4 days)*",
      "**Participants**: 300 customers (about 15% of accounts)",
      "### Stage 3: Everyone",
      "**Participants**: All customers",
    ].join("\n");
    const { plan, questions } = importValid(doc);
    expect(shares(plan).slice(1)).toEqual([15, 100]);
    expect(questions.some((q) => /waves\[0\]\.trafficPercent$/.test(q.field))).toBe(true);
  });
});
