// At creation: the policies that match a plan, or a 422 naming every broken policy and rule (nothing is written).
import "server-only";
import type { Plan } from "../../plans/core/plan";
import { checkPlanAgainstPolicies } from "../core/check-plan";
import type { AppliedPolicy } from "../core/policy";
import { appError, HttpError } from "../../platform/http/app-error";
import type { Tx } from "../../platform/db/client";
import { listPolicies } from "./policy-store";

export async function assertPlanMeetsPolicies(client: Tx, plan: Plan): Promise<AppliedPolicy[]> {
  const { applied, violations } = checkPlanAgainstPolicies(plan, await listPolicies(client));
  if (violations.length > 0) {
    const first = violations[0]!;
    const more = violations.length > 1 ? ` (and ${violations.length - 1} more: see details.violations)` : "";
    throw new HttpError(appError(422, "policy_violation", `${first.message}${more}`, { violations, policies: applied.map((p) => p.name) }));
  }
  return applied;
}
