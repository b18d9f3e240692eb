// Does a plan meet the release policies that match it? Pure: every broken rule is listed, each naming its policy.
import { approversNeeded, type Guardrail, type Plan, type SignoffQuorum } from "../../plans/core/plan";
import { type AppliedPolicy, type PolicyAction, policiesFor, type Policy } from "./policy";

export interface PolicyViolation {
  policy: string;
  rule: "requiredGuardrails" | "requiredPreChecklist" | "requiredSignoffs" | "minBakeSeconds" | "signoffQuorum";
  message: string;
}

const STRENGTH: Record<string, number> = { notify: 0, pause: 1, step_back: 1, rollback: 2 };

/** Every ramp wave of the plan with the guardrails that watch it (plan-wide, the track's, the wave's own). */
function wavesWithGuardrails(plan: Plan): { name: string; guardrails: Guardrail[]; last: boolean; bakeSeconds: number }[] {
  const top = plan.waves.map((w, i) => ({ name: w.name, guardrails: [...plan.guardrails, ...w.guardrails], last: i === plan.waves.length - 1, bakeSeconds: w.bakeSeconds }));
  const tracks = (plan.tracks ?? []).flatMap((t) =>
    t.kind === "ramp"
      ? (t.waves ?? []).map((w, i, all) => ({
          name: `${t.name}: ${w.name}`,
          guardrails: [...plan.guardrails, ...(t.guardrails ?? []), ...w.guardrails],
          last: i === all.length - 1,
          bakeSeconds: w.bakeSeconds,
        }))
      : [],
  );
  return [...top, ...tracks];
}

/** Every gate of the plan that asks for sign-offs, with its roles and its per-role quorum. */
function signoffGates(plan: Plan): { name: string; roles: string[]; quorum: SignoffQuorum | undefined }[] {
  return [
    ...(plan.preSignoffs ? [{ name: "before start", roles: plan.preSignoffs.roles, quorum: plan.preSignoffs.signoffQuorum }] : []),
    ...plan.waves.map((w) => ({ name: w.name, roles: w.signoffs, quorum: w.signoffQuorum })),
    ...(plan.tracks ?? []).flatMap((t) => [
      { name: t.kind === "step" ? t.name : `${t.name}: before start`, roles: t.signoffs ?? [], quorum: t.signoffQuorum },
      ...(t.waves ?? []).map((w) => ({ name: `${t.name}: ${w.name}`, roles: w.signoffs, quorum: w.signoffQuorum })),
    ]),
    ...(plan.hypercare ? [{ name: "hypercare", roles: plan.hypercare.signoffs, quorum: plan.hypercare.signoffQuorum }] : []),
  ];
}

/** A guardrail meets the rule when it fires on rising values, at or below the maximum, and acts at least as strongly. */
function guardrailMeets(g: Guardrail, rule: { metric: string; maxThreshold: number; action: PolicyAction }): boolean {
  if (g.metric !== rule.metric || g.relativeTo || !g.comparator.startsWith(">")) return false;
  if (g.critical > rule.maxThreshold) return false;
  const actions = [g.onCritical, ...(g.levels ?? []).filter((l) => l.threshold <= rule.maxThreshold).map((l) => l.action)];
  return actions.some((a) => (STRENGTH[a] ?? 0) >= STRENGTH[rule.action]!);
}

export function checkPlanAgainstPolicy(plan: Plan, policy: Pick<Policy, "name" | "spec">): PolicyViolation[] {
  const out: PolicyViolation[] = [];
  const spec = policy.spec;
  const at = (rule: PolicyViolation["rule"], message: string) => out.push({ policy: policy.name, rule, message: `Policy "${policy.name}": ${message}` });
  const waves = wavesWithGuardrails(plan);
  for (const rule of spec.requiredGuardrails) {
    const unguarded = waves.filter((w) => !w.guardrails.some((g) => guardrailMeets(g, rule)));
    if (unguarded.length > 0) {
      const where = unguarded.length === waves.length ? "the plan has none" : `missing in ${unguarded.map((w) => `"${w.name}"`).join(", ")}`;
      at("requiredGuardrails", `needs a guardrail on ${rule.metric} (critical above at most ${rule.maxThreshold}, action ${rule.action} or stronger) in every wave; ${where}`);
    }
  }
  const preTexts = plan.preChecklist.map((c) => c.text.toLowerCase());
  for (const item of spec.requiredPreChecklist) {
    if (!preTexts.some((t) => t.includes(item.toLowerCase()))) at("requiredPreChecklist", `needs the pre-deployment item "${item}"`);
  }
  const preRoles = plan.preSignoffs?.roles ?? [];
  const quorumAll = !plan.preSignoffs?.quorum || plan.preSignoffs.quorum >= preRoles.length;
  const waveSignoffs = [...plan.waves.map((w) => w.signoffs), ...(plan.tracks ?? []).flatMap((t) => [t.signoffs ?? [], ...(t.waves ?? []).map((w) => w.signoffs)])];
  for (const rule of spec.requiredSignoffs) {
    // A role among "any 2 of 3" pre-start roles can be skipped, so it does not count as required there.
    const preStart = preRoles.includes(rule.role) && quorumAll;
    const everyWave = plan.waves.length > 0 && plan.waves.every((w) => w.signoffs.includes(rule.role));
    const ok =
      rule.on === "pre_start" ? preStart : rule.on === "every_wave" ? everyWave : preStart || waveSignoffs.some((roles) => roles.includes(rule.role)) || (plan.hypercare?.signoffs ?? []).includes(rule.role);
    if (!ok) {
      const where = rule.on === "pre_start" ? "before START (preSignoffs, all of them required)" : rule.on === "every_wave" ? "in every wave" : "at some gate";
      at("requiredSignoffs", `needs a sign-off from ${rule.role} ${where}`);
    }
  }
  // Issue 26: wherever the plan asks a role the policy sets a quorum for, it must ask at least that many people.
  for (const [role, needed] of Object.entries(spec.signoffQuorum ?? {})) {
    const short = signoffGates(plan).filter((g) => g.roles.includes(role) && approversNeeded(g.quorum, role) < needed);
    if (short.length > 0) {
      at("signoffQuorum", `needs ${needed} distinct approvers in ${role} wherever the plan asks for that role (signoffQuorum); fewer in ${short.map((g) => `"${g.name}" (${approversNeeded(g.quorum, role)})`).join(", ")}`);
    }
  }
  if (spec.minBakeSeconds !== undefined) {
    const short = waves.filter((w) => !w.last && w.bakeSeconds < spec.minBakeSeconds!);
    if (short.length > 0) {
      at("minBakeSeconds", `needs at least ${spec.minBakeSeconds} s of bake in every wave but the last; too short: ${short.map((w) => `"${w.name}" (${w.bakeSeconds} s)`).join(", ")}`);
    }
  }
  return out;
}

/** The policies that apply to the plan, and what it breaks of them. */
export function checkPlanAgainstPolicies(plan: Plan, policies: readonly Policy[]): { applied: AppliedPolicy[]; violations: PolicyViolation[] } {
  const applied = policiesFor(policies, plan).map((p) => ({ id: p.id, name: p.name, spec: p.spec }));
  return { applied, violations: applied.flatMap((p) => checkPlanAgainstPolicy(plan, p)) };
}

/** Whether sign-offs by the creator or commander must not count: the plan says so, or a policy it was created under. */
export function separateApproverRequired(plan: Pick<Plan, "separateApprover">, applied: readonly Pick<AppliedPolicy, "spec">[]): boolean {
  return plan.separateApprover === true || applied.some((p) => p.spec.separateApprover);
}
