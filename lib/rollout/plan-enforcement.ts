// Plan v2 fields whose meaning the engine does not carry out yet. A plan that asks for them is refused at creation
// rather than run as if they were absent: a wave that the team expects to promote itself, or a deadline nobody is
// told about, is worse than a clear "not yet".
import type { Plan } from "./plan";

export interface UnenforcedField {
  path: string;
  message: string;
}

export function unenforcedFields(plan: Plan): UnenforcedField[] {
  const out: UnenforcedField[] = [];
  plan.waves.forEach((w, i) => {
    if (w.autoContinue) out.push({ path: `waves[${i}].autoContinue`, message: "automatic promotion is not carried out yet" });
    if (w.maxSeconds !== undefined) out.push({ path: `waves[${i}].maxSeconds`, message: "decision deadlines (overdue alerts) are not raised yet" });
  });
  return out;
}
