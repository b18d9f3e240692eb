// More shapes that recur in published plans (proposal templates, runbooks split into options, runbooks longer than a
// plan holds), each written here in its own words, and what the importer must make of them. No corpus text is copied.
import { describe, expect, it } from "vitest";
import { type AnyPlan, importValid } from "./import-valid.test-support";


const allChecklistTexts = (plan: AnyPlan): string[] => [
  ...(plan.preChecklist ?? []).map((i: AnyPlan) => i.text),
  ...(plan.waves ?? []).flatMap((w: AnyPlan) => (w.checklist ?? []).map((i: AnyPlan) => i.text)),
  ...(plan.tracks ?? []).flatMap((t: AnyPlan) => [
    ...(t.checklist ?? []).map((i: AnyPlan) => i.text),
    ...(t.waves ?? []).flatMap((w: AnyPlan) => (w.checklist ?? []).map((i: AnyPlan) => i.text)),
  ]),
];

describe("a sign-off section written as a task list", () => {
  const doc = [
    "# Retire the legacy session store",
    "",
    "## Sign-off checklist",
    "",
    "- [ ] Owners have reviewed the migration script",
    "- [x] The dashboards for the new store exist",
    "- [ ] Support has the customer notice",
    "",
    "## Rollout",
    "",
    "| Stage | Share |",
    "|---|---|",
    "| Canary | 10% |",
    "| Everyone | 100% |",
  ].join("\n");

  it("keeps each box as a task to tick before the release, not as the name of someone who signs", () => {
    const r = importValid(doc);
    const texts = allChecklistTexts(r.plan);
    expect(texts).toEqual(
      expect.arrayContaining([
        "Owners have reviewed the migration script",
        "The dashboards for the new store exist",
        "Support has the customer notice",
      ]),
    );
    expect(r.plan.preSignoffs?.roles ?? []).not.toContain("Owners have reviewed the migration script");
  });

  it("still reads a list of plain names under a sign-off heading as the roles that sign", () => {
    const r = importValid(["# Billing cut-over", "", "## Approvals", "", "- Finance lead", "- SRE on call", "", "## Rollout", "", "- 50% for a day", "- 100%"].join("\n"));
    expect(r.plan.preSignoffs?.roles).toEqual(["Finance lead", "SRE on call"]);
  });
});

describe("a runbook offered as options", () => {
  const doc = [
    "# Rotating the signing key",
    "",
    "## Option A - the rotation bot",
    "",
    "Run the rotation bot from the chat channel; it opens the change for you.",
    "",
    "## Option B - scripted for a fleet",
    "",
    "### To rotate one region",
    "",
    "```sh",
    "rotate --region eu-1",
    "```",
    "",
    "### To rotate every region",
    "",
    "```sh",
    "rotate --all",
    "```",
    "",
    "## Option C - by hand",
    "",
    "### Before you start",
    "",
    "Read the key custody guide.",
    "",
    "### Generate the new key",
    "",
    "```sh",
    "keytool new --out next.pem",
    "```",
    "",
    "### Publish it",
    "",
    "- [ ] upload next.pem to the vault",
    "- [ ] announce the new fingerprint",
  ].join("\n");

  it("makes each option a way of its own, follows nothing, and keeps a by-hand option's parts in order", () => {
    const r = importValid(doc);
    const tracks = r.plan.tracks as AnyPlan[];
    expect(tracks.map((t) => [t.name, t.kind, t.after?.track ?? null])).toEqual([
      ["Option A - the rotation bot", "step", null],
      ["Option B - scripted for a fleet", "step", null],
      ["Before you start", "step", null],
      ["Generate the new key", "step", tracks[2].key],
      ["Publish it", "step", tracks[3].key],
    ]);
    // Cases to pick from ("To rotate one region" / "every region") are not waves with invented shares.
    expect(r.questions.some((q) => /trafficPercent/.test(q.field))).toBe(false);
  });
});

describe("a runbook longer than a plan holds", () => {
  const steps = Array.from({ length: 23 }, (_, k) => [`## ${k + 1}. Step number ${k + 1} of the migration`, "", "```sh", `migrate --phase ${k + 1}`, "```", ""]).flat();
  const doc = ["# Moving the archive to cold storage", "", "## Recording of a dry run", "", "- Part 1: https://video.example/one", "- Part 2: https://video.example/two", "", ...steps].join("\n");

  it("keeps nineteen steps and lets the twentieth gather the rest as checklist items, and asks", () => {
    const r = importValid(doc);
    const tracks = r.plan.tracks as AnyPlan[];
    expect(tracks).toHaveLength(20);
    // A section of links to watch is not a step of the procedure.
    expect(tracks[0].name).toMatch(/Step number 1 of/);
    expect(tracks[19].name).toMatch(/Step number 20 of/);
    expect(tracks[19].checklist.map((i: AnyPlan) => i.text)).toEqual(expect.arrayContaining([expect.stringMatching(/Step number 23 of/)]));
    expect(r.questions.some((q) => q.field === "tracks[19]")).toBe(true);
  });
});

describe("a release runbook whose title opens on numbered steps", () => {
  const doc = [
    "# Cutting a release",
    "",
    "1. Make sure the milestone is empty.",
    "2. Tag the release commit:",
    "",
    "```sh",
    "git tag v2.0.0 && git push --tags",
    "```",
    "",
    "3. Wait for the packaging job to finish.",
    "",
    "## Update the package index",
    "",
    "- [ ] open the index pull request",
    "",
    "## Check the install",
    "",
    "```sh",
    "curl -fsSL https://get.example/install.sh | sh",
    "```",
    "",
    "## Releasing from a mirror",
    "",
    "You can also release from a mirror of the repository, with your own registry:",
    "",
    "1. create the registry",
    "2. set the registry secret",
  ].join("\n");

  it("makes the title's own steps the first step, and leaves out the other way of releasing", () => {
    const r = importValid(doc);
    const tracks = r.plan.tracks as AnyPlan[];
    expect(tracks.map((t) => t.name)).toEqual(["Cutting a release", "Update the package index", "Check the install"]);
    expect(tracks[1].after).toEqual({ track: tracks[0].key, when: "completed" });
  });
});

describe("a release timeline table", () => {
  const doc = [
    "# New query planner",
    "",
    "## When it changes",
    "",
    "| Version | What happens |",
    "|---|---|",
    "| 7.1 (ships 2025-03-03) | Behind an opt-in setting |",
    "| 7.2 (ships 2025-05-05) | On by default, can be switched off in the admin page |",
    "| 7.3 (ships 2025-07-07) | Always on, the old planner is deleted |",
  ].join("\n");

  it("reads each version as a stage, the first on by default reaching everyone, and the later versions as steps", () => {
    const r = importValid(doc);
    const tracks = r.plan.tracks as AnyPlan[];
    expect(tracks.map((t) => [t.name, t.kind])).toEqual([
      ["New query planner", "ramp"],
      ["7.3 (ships 2025-07-07)", "step"],
    ]);
    const waves = tracks[0].waves as AnyPlan[];
    expect(waves.map((w) => w.name)).toEqual(["7.1 (ships 2025-03-03)", "7.2 (ships 2025-05-05)"]);
    expect(waves[1].trafficPercent).toBe(100);
    // From one release date to the next: 63 days at the opt-in stage.
    expect(waves[0].bakeSeconds).toBe(63 * 86400);
    // The opt-in version names no share: one is proposed and asked.
    expect(r.questions.some((q) => /waves\[0\]\.trafficPercent/.test(q.field))).toBe(true);
  });
});

describe("a proposal that says what each release does, one paragraph per release", () => {
  const doc = [
    "# Retire the legacy token endpoint",
    "",
    "## Proposal",
    "",
    "In v3.4, we mark the endpoint deprecated and add a setting that turns it off.",
    "",
    "In v3.8 (6 months from v3.4) the setting flips, which automatically disables the endpoint. Setting it back still",
    "brings the endpoint back.",
    "",
    "In v3.9, we delete the endpoint's code and the setting.",
    "",
    "## Design",
    "",
    "Nothing else changes.",
  ].join("\n");

  it("reads the releases as stages: the one that turns it off for everyone is the 100 % wave, the later one a step", () => {
    const r = importValid(doc);
    const tracks = r.plan.tracks as AnyPlan[];
    expect(tracks.map((t) => [t.name, t.kind])).toEqual([
      ["Retire the legacy token endpoint", "ramp"],
      ["v3.9", "step"],
    ]);
    expect((tracks[0].waves as AnyPlan[]).map((w) => [w.name, w.trafficPercent])).toEqual([
      ["v3.4", expect.any(Number)],
      ["v3.8", 100],
    ]);
    // The first release's share is a proposal, asked once.
    expect(r.questions.filter((q) => q.field === "tracks[0].waves[0].trafficPercent")).toHaveLength(1);
  });
});
