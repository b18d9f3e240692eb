// Plan v2 fields whose meaning the engine does not carry out yet. A plan that asks for them is refused at creation
// rather than run as if they were absent: a guardrail compared with the wrong level, or a wave that the team
// expects to promote itself, is worse than a clear "not yet".
import type { Plan } from "./plan";

export interface UnenforcedField {
  path: string;
  message: string;
}

export function unenforcedFields(plan: Plan): UnenforcedField[] {
  const out: UnenforcedField[] = [];
  const guardrails = (list: Plan["guardrails"], at: string) =>
    list.forEach((g, j) => {
      if (g.relativeTo && g.relativeTo !== "baseline") {
        out.push({ path: `${at}[${j}].relativeTo`, message: `comparing with "${g.relativeTo}" is not evaluated yet; use "baseline" or an absolute threshold` });
      }
      if (g.relativeMode === "difference") {
        out.push({ path: `${at}[${j}].relativeMode`, message: "absolute differences are not evaluated yet; use a ratio" });
      }
      if (g.levels?.length) {
        out.push({ path: `${at}[${j}].levels`, message: "several rules per metric are not evaluated yet; keep one critical threshold" });
      }
    });
  guardrails(plan.guardrails, "guardrails");
  plan.waves.forEach((w, i) => {
    guardrails(w.guardrails, `waves[${i}].guardrails`);
    if (w.autoContinue) out.push({ path: `waves[${i}].autoContinue`, message: "automatic promotion is not carried out yet" });
    if (w.maxSeconds !== undefined) out.push({ path: `waves[${i}].maxSeconds`, message: "decision deadlines (overdue alerts) are not raised yet" });
    if (w.entryChecklist?.length) out.push({ path: `waves[${i}].entryChecklist`, message: "entry checklists do not gate a wave yet; use the previous wave's checklist" });
  });
  return out;
}
