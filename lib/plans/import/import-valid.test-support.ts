// The importer's shape tests share one entry: import a document, assert the proposed plan validates as it is (the
// importer's promise), and hand the plan back loosely typed for the test's own expectations.
import { expect } from "vitest";
import { PlanSchema } from "../core/plan";
import { importMarkdownPlan } from "./import-plan";

// biome-ignore lint/suspicious/noExplicitAny: a test reads whatever fields it expects of the proposed plan
export type AnyPlan = Record<string, any>;

export const importValid = (markdown: string) => {
  const r = importMarkdownPlan(markdown);
  const parsed = PlanSchema.safeParse(r.plan);
  expect(parsed.success, JSON.stringify(parsed.error?.issues ?? [])).toBe(true);
  return { ...r, plan: r.plan as AnyPlan };
};
