// Who may not approve their own release under `separateApprover`: its creator and its commander.
import type { SelfApprover } from "../../releases/core/gates";
import { separateApproverRequired } from "./check-plan";
import type { AppliedPolicy } from "./policy";

export function selfApproversOf(
  plan: { separateApprover?: boolean },
  applied: readonly Pick<AppliedPolicy, "spec">[],
  release: { createdBy: string; commander: string | null },
): SelfApprover[] | undefined {
  if (!separateApproverRequired(plan, applied)) return undefined;
  const out: SelfApprover[] = [{ name: release.createdBy, why: "created this release" }];
  if (release.commander) out.push({ name: release.commander, why: "is its commander" });
  return out;
}
