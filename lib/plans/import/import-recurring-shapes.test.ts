// More shapes that recur in published plans (proposal templates, runbooks split into options, runbooks longer than a
// plan holds), each written here in its own words, and what the importer must make of them. No corpus text is copied.
import { describe, expect, it } from "vitest";
import { PlanSchema } from "../core/plan";
import { importMarkdownPlan } from "./import-plan";

type AnyPlan = Record<string, any>;
const importValid = (markdown: string) => {
  const r = importMarkdownPlan(markdown);
  const parsed = PlanSchema.safeParse(r.plan);
  expect(parsed.success, JSON.stringify(parsed.error?.issues ?? [])).toBe(true);
  return { ...r, plan: r.plan as AnyPlan };
};

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
