// Several rules on one metric (plan v2 `levels[]`): "0.02 for 3 min: tell me; 0.05 for 10 min: roll back".
// Each rule is judged like a guardrail of its own (same comparator, window and reference), and the metric's one
// alert episode takes the worst of them: a breached `notify` rule is a warning, a breached acting rule is
// critical; the action asked for is the strongest sustained one. Pure.
import type { Guardrail } from "../../plans/core/plan";
import type { AlertAction } from "./alerts";
import { evaluateGuardrail, type GuardrailEvaluation } from "./evaluate";
import type { ValueLevel } from "./health";
import type { Bucket } from "./rollup";

export const ACTION_STRENGTH: Record<AlertAction, number> = { notify: 1, pause: 2, step_back: 3, rollback: 4 };

const LEVEL_RANK: Record<ValueLevel, number> = { ok: 0, inconclusive: 1, warning: 2, critical: 3 };

export interface RuleEvaluation {
  /** The episode's evaluation: the worst rule's level and sentence; sustainedCritical = some rule asks to act. */
  evaluation: GuardrailEvaluation;
  /** The strongest action a sustained rule asks for (the guardrail's own onCritical for a single-rule guardrail). */
  action: AlertAction;
}

export function evaluateRules(
  g: Guardrail,
  canary: readonly Bucket[],
  baseline: readonly Bucket[],
  now: number,
  runStartedAt: number | null,
  reference: number | null,
): RuleEvaluation {
  const primary = evaluateGuardrail(g, canary, baseline, now, undefined, runStartedAt, reference);
  if (!g.levels?.length) return { evaluation: primary, action: g.onCritical };

  let worst = primary;
  let worstLevel: ValueLevel = primary.level;
  let action: AlertAction | null = primary.sustainedCritical ? g.onCritical : null;
  let actingDetail = primary.sustainedCritical ? primary.detail : null;
  for (const rule of g.levels) {
    const asGuardrail: Guardrail = { ...g, target: undefined, warning: undefined, levels: undefined, critical: rule.threshold, forSeconds: rule.forSeconds, onCritical: "notify" };
    const e = evaluateGuardrail(asGuardrail, canary, baseline, now, undefined, runStartedAt, reference);
    // A rule that only tells people is a warning; one that acts is critical.
    const level: ValueLevel = e.level === "critical" && rule.action === "notify" ? "warning" : e.level;
    if (LEVEL_RANK[level] > LEVEL_RANK[worstLevel]) {
      worst = e;
      worstLevel = level;
    }
    if (e.sustainedCritical && (action === null || ACTION_STRENGTH[rule.action] > ACTION_STRENGTH[action])) {
      action = rule.action;
      actingDetail = `${e.detail}: rule "${rule.action}" at ${rule.threshold}`;
    }
  }
  const evaluation: GuardrailEvaluation = {
    ...worst,
    level: worstLevel,
    // Only rules that act keep a critical level; a notify rule that holds still reports through its action.
    sustainedCritical: action !== null,
    threshold: worst.threshold,
    detail: actingDetail ?? worst.detail,
  };
  return { evaluation, action: action ?? g.onCritical };
}
