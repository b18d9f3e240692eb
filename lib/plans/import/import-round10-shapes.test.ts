// Shapes from the tenth round, each written here in its own words; no corpus text is copied.
import { describe, expect, it } from "vitest";
import { headingText } from "./document";
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
