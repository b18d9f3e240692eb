// Turns successive guardrail evaluations into alert episodes, with hysteresis so a flapping metric is one alert.
import type { Guardrail } from "../../plans/core/plan";
import type { GuardrailEvaluation } from "./evaluate";
import { formatDuration } from "./format";

export type AlertLevel = "warning" | "critical" | "inconclusive";

export type OpenAlert = {
  metric: string;
  /** Worst level reached in this episode (critical > warning > inconclusive); it never steps down. */
  level: AlertLevel;
  openedAt: number;
  /** When the metric first evaluated ok again; the alert closes once this has lasted a full window. */
  healthySince: number | null;
  /** When the episode's automatic action was committed; set only once the command path applied it. */
  actedAt: number | null;
  /** The last refusal of the automatic action in this episode ("pause:invalid_transition"), logged once. */
  refusedAction?: string | null;
  /**
   * Plan v2: the action committed in this episode, so a stronger rule on the same metric still acts after a
   * weaker one did ("notify at 3 min, roll back at 10 min"). Absent with actedAt set = acted in full.
   */
  actedAction?: AlertAction | null;
  /**
   * The observed value the stored detail describes (written at the breach or escalation, and whenever the watch
   * rewrites a detail that went stale). Absent on inconclusive episodes and on alerts stored before issue 27.
   */
  detailValue?: number | null;
};

export type AlertEvent =
  | { type: "breach"; level: "warning" | "critical"; detail: string }
  | { type: "escalated"; from: "warning"; to: "critical"; detail: string }
  | { type: "recovery"; detail: string }
  | { type: "inconclusive"; detail: string };

/** What an episode can ask for: a guardrail's onCritical, or a plan v2 rule's action. */
export type AlertAction = "notify" | "pause" | "step_back" | "rollback";
const STRENGTH: Record<AlertAction, number> = { notify: 1, pause: 2, step_back: 3, rollback: 4 };

export type AlertDecision = {
  /** The alert state to store; null means no alert is open (any stored one is closed). */
  alert: OpenAlert | null;
  events: AlertEvent[];
  action: AlertAction | null;
};

const SEVERITY: Record<AlertLevel, number> = { inconclusive: 0, warning: 1, critical: 2 };

export function decideAlert(
  previous: OpenAlert | null | undefined,
  evaluation: GuardrailEvaluation,
  now: number,
  guardrail: Pick<Guardrail, "metric" | "windowSeconds"> & { onCritical: AlertAction },
): AlertDecision {
  if (evaluation.metric !== guardrail.metric || (previous && previous.metric !== guardrail.metric)) {
    throw new Error(`decideAlert got mixed metrics: guardrail ${guardrail.metric}, evaluation ${evaluation.metric}, alert ${previous?.metric}`);
  }
  const events: AlertEvent[] = [];
  const level = evaluation.level;

  if (!previous) {
    if (level === "ok") return { alert: null, events, action: null };
    const alert: OpenAlert = { metric: evaluation.metric, level, openedAt: now, healthySince: null, actedAt: null, detailValue: evaluation.observed };
    events.push(level === "inconclusive" ? { type: "inconclusive", detail: evaluation.detail } : { type: "breach", level, detail: evaluation.detail });
    return { alert, events, action: takeAction(alert, evaluation, now, guardrail) };
  }

  if (level === "ok") {
    const healthySince = previous.healthySince ?? now;
    const healthyFor = now - healthySince;
    if (healthyFor >= guardrail.windowSeconds * 1000) {
      events.push({
        type: "recovery",
        detail: `${evaluation.metric} recovered: healthy for ${formatDuration(healthyFor)}, ${formatDuration(now - previous.openedAt)} after the ${previous.level} alert opened; ${evaluation.detail}`,
      });
      return { alert: null, events, action: null };
    }
    // Healthy, but not for long enough: keep the alert open so a flap back to bad is not a new episode.
    return { alert: { ...previous, healthySince }, events, action: null };
  }

  // Any non-ok evaluation, including missing data, restarts the healthy period.
  const alert: OpenAlert = { ...previous, healthySince: null };
  if (level !== "inconclusive" && SEVERITY[level] > SEVERITY[previous.level]) {
    alert.level = level;
    alert.detailValue = evaluation.observed;
    if (previous.level === "warning") {
      events.push({ type: "escalated", from: "warning", to: "critical", detail: evaluation.detail });
    } else {
      // The episode began as missing data; this is the first real breach in it.
      events.push({ type: "breach", level, detail: evaluation.detail });
    }
  }
  return { alert, events, action: takeAction(alert, evaluation, now, guardrail) };
}

/** How far the value must move from the one a stored detail describes before the detail is rewritten (see below). */
export const DETAIL_REFRESH_SHARE = 0.1;

/**
 * Whether an open episode's stored detail no longer tells the value: the alert's detail (the gate line "Critical
 * breach active: ...", the board's alert) is written at the breach or escalation, and a breach that kept getting
 * worse (14.6 % -> 40 %) must not keep the first wording. Rewritten when a measured breach (warning or critical)
 * moved by at least DETAIL_REFRESH_SHARE of the larger of the described value and the critical threshold, so the
 * small moves of every pass write nothing; missing data keeps the last measured wording.
 */
export function detailIsStale(alert: OpenAlert, evaluation: GuardrailEvaluation, critical: number): boolean {
  if (evaluation.level !== "warning" && evaluation.level !== "critical") return false;
  if (evaluation.observed === null || !Number.isFinite(evaluation.observed)) return false;
  const described = alert.detailValue;
  // Stored before the value was kept with its detail: rewritten once, from then on compared.
  if (described === null || described === undefined) return true;
  const scale = Math.max(Math.abs(described), Math.abs(critical));
  const moved = Math.abs(evaluation.observed - described);
  return scale === 0 ? moved > 0 : moved >= DETAIL_REFRESH_SHARE * scale;
}

/**
 * The action an episode asks for: once it is sustained critical and until an action was committed for it. The
 * caller records actedAt only when the command path applied the action, so a refused action stays armed.
 */
function takeAction(alert: OpenAlert, evaluation: GuardrailEvaluation, _now: number, guardrail: { onCritical: AlertAction }): AlertAction | null {
  if (!evaluation.sustainedCritical) return null;
  if (alert.actedAt !== null) {
    // Acted already: only a stronger rule of the same metric acts again in this episode.
    const taken = alert.actedAction ?? "rollback";
    if (STRENGTH[guardrail.onCritical] <= STRENGTH[taken]) return null;
  }
  return guardrail.onCritical;
}

/**
 * A run ended (rollback or completion) while episodes were open: they end with it, each with an event that
 * says why, so a rolled-back release is not left CRITICAL forever and a retry starts with a clean slate.
 */
export function closeEpisodesAtRunEnd(
  open: readonly Pick<OpenAlert, "metric" | "level">[],
  because: "rolled_back" | "completed",
  run: number,
): { metric: string; level: AlertLevel; detail: string; run: number; because: "rolled_back" | "completed" }[] {
  return open.map((a) => ({
    metric: a.metric,
    level: a.level,
    run,
    because,
    detail: `${a.metric} ${a.level} alert closed: the run ended (${because === "rolled_back" ? "rolled back" : "completed"})`,
  }));
}
