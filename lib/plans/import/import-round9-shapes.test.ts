// Shapes from the ninth round, each written here in its own words; no corpus text is copied.
import { describe, expect, it } from "vitest";
import { hasIndentedCommands, parseMarkdown } from "./document";
import { type AnyPlan, importValid } from "./import-valid.test-support";
import { movedShare } from "./inline-shares";
import { splitShare } from "./split-configs";

const allWaves = (plan: AnyPlan): AnyPlan[] => plan.waves ?? plan.tracks.flatMap((t: AnyPlan) => t.waves ?? []);
const names = (plan: AnyPlan): string[] => (plan.tracks ?? []).map((t: AnyPlan) => t.name);

describe("a procedure whose sections are capitalised lines after a letter, with no Markdown heading", () => {
  const doc = [
    "Shipping a new build of the mapping service",
    "",
    "The same steps serve a beta and a stable build.",
    "",
    "A. PREPARE THE BUILD",
    "",
    "  * bump the version in build.gradle",
    "  * write the notes for the release",
    "",
    "B. OPEN A MERGE REQUEST",
    "",
    "  * open it against trunk and wait for the pipeline",
    "",
    "C. PUBLISH THE ARTIFACTS",
    "",
    "  * run the publish task",
    "",
    "D. ANNOUNCE IT",
    "",
    "  (done by the community team)",
  ].join("\n");

  it("reads each lettered line as a step, in order, named in sentence case, the last one even without a list", () => {
    const { plan, questions } = importValid(doc);
    expect(names(plan)).toEqual(["Prepare the build", "Open a merge request", "Publish the artifacts", "Announce it"]);
    expect(plan.tracks.every((t: AnyPlan) => t.kind === "step")).toBe(true);
    expect(plan.tracks[1].after).toEqual({ track: plan.tracks[0].key, when: "completed" });
    expect(questions.some((q) => q.field === "waves")).toBe(false);
  });

  it("accepts numbers and roman numerals as the markers, in order from the first", () => {
    const roman = doc.replace("A. PREPARE", "I. PREPARE").replace("B. OPEN", "II. OPEN").replace("C. PUBLISH", "III. PUBLISH").replace("D. ANNOUNCE", "IV. ANNOUNCE");
    expect(parseMarkdown(roman.split("\n")).sections.map((s) => s.heading)).toEqual(["1. Prepare the build", "2. Open a merge request", "3. Publish the artifacts", "4. Announce it"]);
    const numbered = doc.replace("A. PREPARE", "1) PREPARE").replace("B. OPEN", "2) OPEN").replace("C. PUBLISH", "3) PUBLISH").replace("D. ANNOUNCE", "4) ANNOUNCE");
    expect(parseMarkdown(numbered.split("\n")).sections).toHaveLength(4);
  });

  it("leaves capital lines alone when they are out of order, alone, or the document has sections under its title", () => {
    expect(parseMarkdown(doc.replace("A. PREPARE", "C. PREPARE").split("\n")).sections).toHaveLength(0);
    expect(parseMarkdown(["Intro", "", "A. CHECK THE LOGS", "", "text"]).sections).toHaveLength(0);
    const withHeadings = `# Release\n\n## Steps\n\n${doc}`;
    expect(parseMarkdown(withHeadings.split("\n")).sections.map((s) => s.heading)).toEqual(["Release", "Steps"]);
    // A title alone is no section: the lettered lines are still the sections under it.
    expect(parseMarkdown(`# Release\n\n${doc}`.split("\n")).sections).toHaveLength(5);
    // Lower-case words are a sentence, not a section line.
    expect(parseMarkdown(doc.replace("A. PREPARE THE BUILD", "A. Prepare the build").split("\n")).sections).toHaveLength(0);
  });
});

describe("a '#' line inside YAML front matter is a comment, not a heading", () => {
  const doc = [
    "---",
    "title: Rotating the signing keys",
    "# layout: task",
    "order: 4",
    "---",
    "",
    "## Generate the new key",
    "```sh",
    "keytool -genkey",
    "```",
    "## Publish it",
    "```sh",
    "keyctl publish new.pem",
    "```",
  ].join("\n");

  it("gives the document only its real headings", () => {
    expect(parseMarkdown(doc.split("\n")).sections.map((s) => s.heading)).toEqual(["Generate the new key", "Publish it"]);
    const { plan } = importValid(doc);
    expect(names(plan)).toEqual(["Generate the new key", "Publish it"]);
  });

  it("still reads a '#' heading after the front matter closes", () => {
    const later = doc.replace("## Generate", "# Rotation\n## Generate");
    expect(parseMarkdown(later.split("\n")).sections[0].heading).toBe("Rotation");
  });
});

describe("sections that explain or point elsewhere are not steps of a procedure", () => {
  const doc = [
    "# Upgrading the message broker",
    "## Extra details",
    "Queues are drained automatically.",
    "## Stop the producers",
    "```sh",
    "svc stop producers",
    "```",
    "## Swap the broker binary",
    "```sh",
    "svc install broker-9",
    "```",
    "## Start the producers",
    "```sh",
    "svc start producers",
    "```",
    "## Recovery after a failed swap",
    "```sh",
    "svc install broker-8",
    "```",
    "## How the handover works",
    "```text",
    "producer -> old broker -> new broker",
    "```",
    "## Troubleshooting",
    "- if the queue stays full, restart it",
    "## Known limitations",
    "- one broker at a time",
  ].join("\n");

  it("keeps only the sections that do the work", () => {
    const { plan } = importValid(doc.replace("## Recovery after a failed swap", "## Recovering from a failed swap"));
    expect(names(plan)).toEqual(["Stop the producers", "Swap the broker binary", "Start the producers"]);
  });

  it("does not take a step for explanation because its name only starts like one", () => {
    const { plan } = importValid(doc.replace("## Start the producers", "## Limit the producers' rate").replace("## Swap the broker binary", "## Howto-compliant swap of the binary"));
    expect(names(plan)).toContain("Limit the producers' rate");
    expect(names(plan)).toContain("Howto-compliant swap of the binary");
  });
});

describe("subsections that repeat their section's action are parts of one step", () => {
  const doc = [
    "# Rolling the database fleet to 16",
    "## Upgrading the primaries",
    "### Upgrade the first primary",
    "```sh",
    "pgup --node p1",
    "```",
    "### Upgrade the remaining primaries",
    "```sh",
    "pgup --node p2",
    "```",
    "### Upgrade the extensions",
    "```sh",
    "pgup --extensions",
    "```",
    "## Switch the replicas",
    "```sh",
    "pgswitch replicas",
    "```",
  ].join("\n");

  it("makes the section one step and its parts its checklist's place, not steps of their own", () => {
    const { plan } = importValid(doc);
    expect(names(plan)).toEqual(["Upgrading the primaries", "Switch the replicas"]);
  });

  it("still splits a section whose parts are different things released on their own", () => {
    const parts = doc.replace("## Upgrading the primaries", "## Release").replace("### Upgrade the first primary", "### The server").replace("### Upgrade the remaining primaries", "### The client").replace("### Upgrade the extensions", "### The docs");
    const { plan } = importValid(parts);
    expect(names(plan)).toEqual(["The server", "The client", "The docs", "Switch the replicas"]);
  });
});

describe("commands written as indented code count as work", () => {
  const doc = [
    "# Patching the edge nodes",
    "## Find the patch level",
    "{{% tab name=\"Debian\" %}}",
    "    apt-cache policy edge-agent",
    "{{% /tab %}}",
    "## Apply the patch",
    "```sh",
    "apt-get install edge-agent=2.4.1",
    "```",
  ].join("\n");

  it("makes a section whose only commands are indented a step", () => {
    const { plan } = importValid(doc);
    expect(names(plan)).toEqual(["Find the patch level", "Apply the patch"]);
  });

  it("does not take a list item's indented continuation or indented prose for commands", () => {
    const lines = ["- run the migration", "    and wait for the report", "", "Some words:", "    the rest of the sentence goes on here."];
    expect(hasIndentedCommands(parseMarkdown(lines), 1, lines.length)).toBe(false);
    expect(hasIndentedCommands(parseMarkdown(["Run:", "", "    kubectl get nodes -o wide"]), 1, 3)).toBe(true);
  });
});

describe("one key that gives a canary's share in a configuration", () => {
  const doc = (config: string, lang = "yaml") =>
    [
      "# Trying the new ranking model",
      "## Serve the current model",
      "```yaml",
      "model:",
      "  uri: s3://models/ranker/v1",
      "```",
      "## Serve the new model beside it",
      `\`\`\`${lang}`,
      config,
      "```",
      "## Send a test query",
      "```sh",
      "curl -d @query.json http://ranker/predict",
      "```",
      "## Look at the split",
      "```sh",
      "kubectl get ranker -o yaml",
      "```",
    ].join("\n");

  it("reads it as the canary stage, named after the section that applies it, then promotion", () => {
    const { plan } = importValid(doc("model:\n  canaryTrafficPercent: 15\n  uri: s3://models/ranker/v2"));
    const waves = allWaves(plan);
    expect(waves.map((w) => w.trafficPercent)).toEqual([15, 100]);
    expect(waves[0].name).toBe("Serve the new model beside it");
    // The sample's checks are no steps of their own.
    expect(names(plan).some((n) => /test query|split/i.test(n))).toBe(false);
  });

  it("reads the snake_case and JSON spellings too", () => {
    expect(allWaves(importValid(doc("canary_weight: 5")).plan).map((w) => w.trafficPercent)).toEqual([5, 100]);
    expect(allWaves(importValid(doc('{ "canaryPercentage": 30 }', "json")).plan).map((w) => w.trafficPercent)).toEqual([30, 100]);
  });

  it("leaves a table of several canary keys, or a share of 0 or 100, to the rest of the importer", () => {
    const two = importValid(doc("a:\n  canaryTrafficPercent: 10\nb:\n  canaryTrafficPercent: 50")).plan;
    expect(allWaves(two).map((w) => w.trafficPercent)).not.toEqual([10, 100]);
    const none = importValid(doc("model:\n  canaryTrafficPercent: 0")).plan;
    expect(allWaves(none).some((w) => w.trafficPercent === 0 && w.name === "Serve the new model beside it")).toBe(false);
  });
});

describe("a new version deployed beside the old one at no share, before the switch", () => {
  const doc = (deploy: string[]) =>
    [
      "# Red-black release of the billing API",
      "## Stand up the black stack",
      ...deploy,
      "## Move users to the black stack",
      "Once the smoke tests pass, 100% of production traffic is sent to the black stack.",
      "```sh",
      "router shift --to black --percent 100",
      "```",
    ].join("\n");

  it("reads the deployment as the first stage, its share asked, before the 100 % switch", () => {
    const { plan, questions } = importValid(doc(["The new stack starts beside the red one and does not receive any live traffic yet.", "```sh", "stack up black --image billing:42", "```"]));
    const waves = allWaves(plan);
    expect(waves.map((w) => w.name)).toEqual(["Stand up the black stack", "Move users to the black stack"]);
    expect(waves[1].trafficPercent).toBe(100);
    expect(questions.some((q) => /trafficPercent/.test(q.field) && q.blocking)).toBe(true);
  });

  it("reads a weight of 0 on the new version in its configuration the same way", () => {
    const { plan } = importValid(doc(["The next version is deployed:", "```json", '{ "routes": [ { "name": "red", "weight": 100 },', '  { "name": "next", "weight": 0 } ] }', "```"]));
    expect(allWaves(plan).map((w) => w.name)).toEqual(["Stand up the black stack", "Move users to the black stack"]);
  });

  it("reads a section named as a canary that sends only synthetic test traffic as that first stage", () => {
    const text = [
      "# Moving the search API to v2",
      "## Canary with test requests",
      "Requests carrying the header `x-probe: 1` go to v2: synthetic test traffic before shifting any production traffic.",
      "## First share",
      "Then 10% of production traffic is sent to v2.",
      "## Finish",
      "Finally 100% of production traffic is sent to v2.",
    ].join("\n");
    const waves = allWaves(importValid(text).plan);
    expect(waves.map((w) => w.name)[0]).toBe("Canary with test requests");
    expect(waves.slice(1).map((w) => w.trafficPercent)).toEqual([10, 100]);
    const plain = allWaves(importValid(text.replace(": synthetic test traffic before shifting any production traffic.", ".")).plan);
    expect(plain.map((w) => w.name)).not.toContain("Canary with test requests");
  });

  it("leaves set-up that says nothing about the new version taking no traffic out of the stages", () => {
    const { plan } = importValid(doc(["Create the cluster the new version runs in.", "```sh", "cluster create billing", "```"]));
    expect(allWaves(plan).map((w) => w.name)).not.toContain("Stand up the black stack");
  });
});

describe("a step marked optional in its heading", () => {
  const doc = [
    "# Moving the orders table to its own database",
    "## Copy the rows",
    "- start the copier",
    "## Compare both copies (Optional)",
    "- run the row diff",
    "- read its report",
    "## Point the writers at the new database",
    "- flip the connection string",
  ].join("\n");

  it("keeps the step under its name without the mark, its items not required", () => {
    const { plan } = importValid(doc);
    expect(names(plan)).toEqual(["Copy the rows", "Compare both copies", "Point the writers at the new database"]);
    expect(plan.tracks[1].checklist.map((i: AnyPlan) => i.required)).toEqual([false, false]);
    expect(plan.tracks[0].checklist.every((i: AnyPlan) => i.required)).toBe(true);
  });

  it("reads the mark written first or in brackets too", () => {
    const { plan } = importValid(doc.replace("## Compare both copies (Optional)", "## [optional] Compare both copies"));
    expect(names(plan)[1]).toBe("Compare both copies");
  });
});

describe("setext headings (a line of = or - under the title)", () => {
  const doc = [
    "Releasing the command-line client",
    "==================================",
    "",
    "Tag the build",
    "-------------",
    "",
    "```sh",
    "git tag v3.1.0",
    "```",
    "",
    "Upload the binaries",
    "-------------------",
    "",
    "```sh",
    "gh release upload v3.1.0 dist/*",
    "```",
  ].join("\n");

  it("reads them as headings at their levels, so the sections are the procedure's steps", () => {
    expect(parseMarkdown(doc.split("\n")).sections.map((s) => [s.level, s.heading])).toEqual([
      [1, "Releasing the command-line client"],
      [2, "Tag the build"],
      [2, "Upload the binaries"],
    ]);
    const { plan } = importValid(doc);
    expect(plan.name).toBe("Releasing the command-line client");
    expect(names(plan)).toEqual(["Tag the build", "Upload the binaries"]);
  });

  it("does not take a rule under a list item, a paragraph of several lines, code or front matter for an underline", () => {
    const lines = ["---", "title: x", "---", "- an item", "---", "", "first line", "second line", "---", "", "```yaml", "key: value", "---", "```"];
    expect(parseMarkdown(lines).sections).toHaveLength(0);
  });
});

describe("an all-at-once strategy offered beside staged ones", () => {
  const doc = (allAtOnce: string) =>
    [
      "# Ways to ship a change",
      "## Direct Release",
      allAtOnce,
      "### Example",
      "```",
      "- hour 0: ship to 100%",
      "```",
      "## Gradual Release",
      "```",
      "Step 1: 5% traffic, 1 day",
      "Step 2: 50% traffic, 2 days",
      "Step 3: 100% traffic",
      "```",
      "## Careful Release",
      "```",
      "Step 1: 1% traffic, 2 days",
      "Step 2: 20% traffic, 3 days",
      "Step 3: 100% traffic",
      "```",
    ].join("\n");

  it("is an alternative of its own with one 100 % stage, in document order", () => {
    const { plan } = importValid(doc("**Pace**: instant (0% → 100%), for trivial changes."));
    expect(names(plan)).toEqual(["Direct Release", "Gradual Release", "Careful Release"]);
    expect(plan.tracks[0].waves.map((w: AnyPlan) => w.trafficPercent)).toEqual([100]);
    expect(plan.tracks.every((t: AnyPlan) => t.after === undefined)).toBe(true);
  });

  it("needs the strategy's own words, not a sentence saying what it is not, nor an example", () => {
    const { plan } = importValid(doc("Rather than shipping to all users at once, it waits for review."));
    expect(names(plan)).toEqual(["Gradual Release", "Careful Release"]);
  });

  it("needs a section named like the staged strategies", () => {
    const { plan } = importValid(doc("Everyone at once.").replace("## Direct Release", "## Overview"));
    expect(names(plan)).toEqual(["Gradual Release", "Careful Release"]);
  });
});

describe("sections written as lines of bold text in a document without headings under its title", () => {
  const ramp = [
    "# Turning on the new search index",
    "",
    "**Phase 1: Staff only (5%)**",
    "",
    "Staff accounts first. Wait 2 days.",
    "",
    "**Phase 2: Early adopters (30%)**",
    "",
    "Wait 4 days while support watches the queue.",
    "",
    "**Phase 3: Everyone (100%)**",
    "",
    "Remove the old index afterwards.",
  ].join("\n");

  it("reads them as the stages, each with its own wait", () => {
    const waves = allWaves(importValid(ramp).plan);
    expect(waves.map((w) => [w.name, w.trafficPercent])).toEqual([
      ["Staff only", 5],
      ["Early adopters", 30],
      ["Everyone", 100],
    ]);
    expect(waves[0].bakeSeconds).toBe(2 * 86400);
    expect(waves[1].bakeSeconds).toBe(4 * 86400);
  });

  it("reads numbered bold lines over commands as a procedure's steps", () => {
    const steps = ["# Worker upgrade", "", "**1. Pause intake**", "", "```sh", "intake pause", "```", "", "**2. Upgrade the workers**", "", "```sh", "helm upgrade workers", "```", "", "**3. Resume intake**", "", "```sh", "intake resume", "```"].join("\n");
    expect(names(importValid(steps).plan)).toEqual(["Pause intake", "Upgrade the workers", "Resume intake"]);
  });

  it("leaves bold lines alone in a document that has real sections, and bold labels with text after them", () => {
    const withSections = ramp.replace("**Phase 1", "## Plan\n\n**Phase 1");
    expect(parseMarkdown(withSections.split("\n")).sections.map((s) => s.heading)).toEqual(["Turning on the new search index", "Plan"]);
    const labels = ["# Notes", "", "**Owner:** the search team", "", "**Duration:** two weeks"];
    expect(parseMarkdown(labels).sections).toHaveLength(1);
  });
});

describe("a ramp said only in words: start small, grow until everyone", () => {
  const doc = (intro: string) =>
    [
      "---",
      "title: Staged rollouts of a setting",
      "---",
      "",
      intro,
      "",
      "## Set it up",
      "### 1. Make a cohort with a percentage rule",
      "- open the cohorts page and add a rule",
      "### 2. Attach the cohort to the setting",
      "- pick the setting and add the cohort",
      "### 3. Watch",
      "- keep an eye on the error charts",
      "",
      "## How the bucketing works",
      "A user hashed to 0.42 is in a 50% cohort and out of a 40% one.",
    ].join("\n");

  it("reads a first stage with its share asked, then everyone, instead of how-to steps", () => {
    const { plan, questions } = importValid(doc("Staged rollouts let you try a setting on a small portion of your users first, then raise the percentage until it reaches your entire user base."));
    const waves = allWaves(plan);
    expect(waves.map((w) => w.name)).toEqual(["Initial share", "Everyone"]);
    expect(waves[1].trafficPercent).toBe(100);
    expect(questions.some((q) => q.field.endsWith("trafficPercent") && q.blocking)).toBe(true);
  });

  it("needs both the small start and the growth to everyone, outside explanations", () => {
    const noGrowth = importValid(doc("Staged rollouts let you try a setting on a small portion of your users first.")).plan;
    expect(allWaves(noGrowth).map((w) => w.name)).not.toContain("Everyone");
    const onlyInExplanation = importValid(doc("Staged rollouts let you try a setting on a small portion of your users.").replace("A user hashed", "Raise the percentage until it reaches all users. A user hashed")).plan;
    expect(allWaves(onlyInExplanation).map((w) => w.name)).not.toContain("Everyone");
  });
});

describe("preconditions and a generic steps heading in a runbook", () => {
  const doc = ["# Failing over the ledger database", "## Prerequisites", "- a second engineer on the call", "## Steps", "1. Announce the drill", "2. Promote the replica", "3. Point the service at it", "4. Check that writes land"].join("\n");

  it("keeps prerequisites out of the steps, and names the one-section procedure after the document", () => {
    const { plan } = importValid(doc);
    expect(names(plan)).toEqual(["Failing over the ledger database"]);
    expect(plan.preChecklist.map((i: AnyPlan) => i.text)).toContain("a second engineer on the call");
  });
});

describe("a split said as what each side receives, and an introduction that previews a stage", () => {
  it("takes the share of the side named last when the two receive 100 % between them", () => {
    expect(movedShare("`blue` receives 80/100=80% of the traffic and `green` receives 20/100=20% of the traffic")?.percent).toBe(20);
    expect(movedShare("The old pool gets 70% of requests while the new pool gets 30% of requests.")?.percent).toBe(30);
    // One side alone does not say which version it is; two sentences are two facts.
    expect(movedShare("`blue` receives 90% of the traffic.")).toBeNull();
    expect(movedShare("Blue receives 60% of the traffic. Later green receives 40% of the traffic.")).toBeNull();
  });

  it("gives a share the introduction previews to the section that later states it", () => {
    const doc = [
      "---",
      "title: Splitting traffic between two pools",
      "---",
      "The example below routes 75% to `blue` and 25% to `green`.",
      "## Shift a quarter",
      "`blue` receives 75/100=75% of the traffic and `green` receives 25/100=25% of the traffic.",
      "## Finish",
      "Finally 100% of production traffic is sent to green.",
    ].join("\n");
    const waves = allWaves(importValid(doc).plan);
    expect(waves.map((w) => [w.name, w.trafficPercent])).toEqual([
      ["Shift a quarter", 25],
      ["Finish", 100],
    ]);
  });
});

describe("a pre-release stage said only as a lead time before the release", () => {
  const doc = (sentence: string) =>
    [
      "# How we ship the desktop app",
      "## Cadence",
      `We ship twice a year. ${sentence} Fixes land on the release branch only.`,
      "## Policies",
      "- no new features after the branch is cut",
    ].join("\n");

  it("reads the pre-release with its length, its share asked, then the release to everyone", () => {
    const { plan, questions } = importValid(doc("A public beta opens 3 weeks before the planned launch."));
    const waves = allWaves(plan);
    expect(waves.map((w) => [w.name, w.bakeSeconds])).toEqual([
      ["Public beta", 21 * 86400],
      ["Launch", 0],
    ]);
    expect(waves[1].trafficPercent).toBe(100);
    expect(questions.some((q) => q.field.endsWith("trafficPercent") && q.blocking)).toBe(true);
  });

  it("names candidates and general availability in full, and counts number words", () => {
    const waves = allWaves(importValid(doc("The first RC is cut two weeks before GA.")).plan);
    expect(waves.map((w) => w.name)).toEqual(["Release Candidate", "General Availability"]);
    expect(waves[0].bakeSeconds).toBe(14 * 86400);
  });

  it("does not take a freeze or a date with no pre-release for a stage", () => {
    expect(allWaves(importValid(doc("Code freeze starts 2 weeks before the release date.")).plan).map((w) => w.name)).not.toContain("Launch");
    expect(allWaves(importValid(doc("We ship 2 weeks before the holidays.")).plan).map((w) => w.name)).not.toContain("Release Candidate");
  });
});

describe("rules that must not take a runbook's steps away", () => {
  it("keeps a release runbook's steps when its introduction gives a lead time or a gradual ramp", () => {
    const doc = [
      "# Cutting a release",
      "The first RC is tagged 2 weeks before the final release; we then raise the rollout percentage until it reaches all users, starting with a small group.",
      "## Tag the candidate",
      "```sh",
      "git tag v5.0.0-rc.1",
      "```",
      "## Publish",
      "```sh",
      "make publish",
      "```",
    ].join("\n");
    expect(names(importValid(doc).plan)).toEqual(["Tag the candidate", "Publish"]);
  });

  it("keeps exposures under one heading as separate steps, and a recovery step that is not about a failure", () => {
    const doc = [
      "# Shipping the agent",
      "## Deploying",
      "### Deploy to staging",
      "```sh",
      "ship --env staging",
      "```",
      "### Deploy to production",
      "```sh",
      "ship --env production",
      "```",
      "## Recover the cache",
      "```sh",
      "cache warm",
      "```",
    ].join("\n");
    const { plan } = importValid(doc);
    const all = [...names(plan), ...allWaves(plan).map((w) => w.name)];
    expect(all).toContain("Deploy to staging");
    expect(all).toContain("Deploy to production");
    expect(all).toContain("Recover the cache");
  });
});

describe("traffic splits configured section by section", () => {
  const block = (lang: string, body: string) => ({ lang, fromLine: 1, toLine: 1, body: body.split("\n").map((text, k) => ({ n: k + 2, text })) });

  it("reads the new side's share of one configured split", () => {
    // Backends with weights; the one named as new (a subset, a tag, a label) takes its share of the sum.
    expect(splitShare(block("yaml", "backends:\n  - service: cart-stable\n    weight: 3\n  - service: cart-canary\n    weight: 1"))).toBe(25);
    expect(splitShare(block("json", '{ "traffic": [ { "revision": "a", "percent": 70 }, { "latestRevision": true, "percent": 30 } ] }'))).toBe(30);
    // Two unnamed backends: the one listed last is the new one; a lone backend must be named as new.
    expect(splitShare(block("yaml", "routes:\n  - cluster: blue\n    weight: 60\n  - cluster: teal\n    weight: 40"))).toBe(40);
    expect(splitShare(block("yaml", "routes:\n  - cluster: teal\n    weight: 100"))).toBeUndefined();
    expect(splitShare(block("yaml", "routes:\n  - cluster: cart-canary\n    weight: 100"))).toBe(100);
    // Three unnamed backends say nothing about which is new.
    expect(splitShare(block("yaml", "routes:\n  - cluster: a\n    weight: 20\n  - cluster: b\n    weight: 30\n  - cluster: c\n    weight: 50"))).toBeUndefined();
  });

  const doc = (shares: [number, number][]) =>
    [
      "# Moving checkout to the new pods",
      ...shares.flatMap(([old, fresh], k) => [
        `## Round ${["one", "two", "three", "four"][k]}`,
        "```yaml",
        "backends:",
        "  - service: checkout-stable",
        `    weight: ${old}`,
        "  - service: checkout-canary",
        `    weight: ${fresh}`,
        "```",
      ]),
    ].join("\n");

  it("reads rising splits as the ramp's stages, named after their sections", () => {
    const waves = allWaves(importValid(doc([[95, 5], [75, 25], [0, 100]])).plan);
    expect(waves.map((w) => [w.name, w.trafficPercent])).toEqual([
      ["Round one", 5],
      ["Round two", 25],
      ["Round three", 100],
    ]);
  });

  it("reads no ramp from splits that do not rise (examples of what a split can be)", () => {
    const waves = allWaves(importValid(doc([[50, 50], [80, 20], [100, 0]])).plan);
    expect(waves.map((w) => w.trafficPercent)).not.toEqual([50, 20]);
    expect(waves.some((w) => w.name === "Round two")).toBe(false);
  });
});

describe("a stage's duration as a plain label line, and a numbered rollback section", () => {
  it("reads 'Duration: 2 hours' written without a list marker as the stage's bake", () => {
    const doc = ["# Search v4", "### Stage 1: Staff", "Traffic: 3%", "Duration: 6 hours", "### Stage 2: Everyone", "Traffic: 100%"].join("\n");
    const waves = allWaves(importValid(doc).plan);
    expect(waves.map((w) => [w.trafficPercent, w.bakeSeconds])[0]).toEqual([3, 6 * 3600]);
  });

  it("keeps a numbered 'Rollback (if needed)' section out of the procedure's steps", () => {
    const doc = [
      "# Rotating the TLS certificates",
      "## 1. Issue the new certificates",
      "```sh",
      "certctl issue --all",
      "```",
      "## 2. Install them",
      "```sh",
      "certctl install --all",
      "```",
      "## 3. Check the handshake",
      "```sh",
      "openssl s_client -connect api:443",
      "```",
      "## 4. Rollback (if needed)",
      "```sh",
      "certctl install --previous",
      "```",
    ].join("\n");
    expect(names(importValid(doc).plan)).toEqual(["Issue the new certificates", "Install them", "Check the handshake"]);
  });
});

describe("a bulleted ramp whose items name a stage without a share or reach everyone in words", () => {
  const doc = (items: string[]) => ["# Rolling out offline mode", "", "## Rollout steps", "", ...items].join("\n");

  it("reads a share-less flow step, a share and everyone in words as the ramp, the first share asked", () => {
    const { plan, questions } = importValid(doc(["- [ ] Open it in staging", "- [ ] Open it to 15% of production", "- [ ] Open it to everyone"]));
    const waves = allWaves(plan);
    expect(waves.map((w) => w.trafficPercent).slice(1)).toEqual([15, 100]);
    expect(waves[0].name).toBe("Open it in staging");
    expect(questions.some((q) => /waves\[0\]\.trafficPercent/.test(q.field))).toBe(true);
  });

  it("needs a share written as a number among the items", () => {
    const waves = allWaves(importValid(doc(["- [ ] Open it in staging", "- [ ] Open it to the beta group", "- [ ] Open it to everyone"])).plan);
    expect(waves.map((w) => w.name)).not.toContain("Open it in staging");
  });
});
