// One watch pass over a release: evaluate every guardrail of the current wave, decide alert transitions,
// the automatic action (if any), and the state of checklist items bound to live metrics. Pure.
import type { Comparator, Guardrail, Plan } from "../../plans/core/plan";
import { guardrailsForWave } from "../../plans/core/wave-guardrails";
import type { TrackPositions } from "../../plans/core/wave-guardrails";
import { decideAlert, detailIsStale, type AlertAction, type AlertEvent, type OpenAlert } from "./alerts";
import { evaluateGuardrail, type GuardrailEvaluation } from "./evaluate";
import { evidenceOf, type Evidence, type PullStatus } from "./evidence";
import { formatDuration } from "./format";
import { evaluateJudgedGuardrail } from "./judge-guardrail";
import { ACTION_STRENGTH, evaluateRules } from "./rules";
import { referenceFor, type ReferenceLevels } from "./references";
import { calibrationText, evaluateSequentialGuardrails } from "./sequential-guardrail";
import type { BucketSeries } from "./rollup";

export interface BoundChecklistItem {
  id: string;
  waveIndex: number | null;
  state: string;
  metric: { metric: string; comparator: Comparator; threshold: number };
}

export interface WatchInput {
  plan: Plan;
  waveIndex: number;
  buckets: BucketSeries;
  openAlerts: OpenAlert[];
  checklist: BoundChecklistItem[];
  now: number;
  /**
   * When the current run began (START or RETRY); null for a draft, which has no run: a draft evaluates only
   * its metric-bound pre-deployment items, so START can open on healthy data.
   */
  runStartedAt: number | null;
  /**
   * The latest pull of each Prometheus-sourced guardrail (by metric). A failed or empty pull is judged as
   * no data whatever older buckets say, so an erroring query can never read as a pass.
   */
  pulls?: ReadonlyMap<string, PullStatus>;
  /** Plan v2: levels captured at START and at promotions, for `pre_rollout` / `previous_wave` guardrails. */
  references?: ReferenceLevels | null;
  /** Issue 22, a programme: each track's position, so only running tracks' guardrails watch. */
  tracks?: TrackPositions;
  /** When the current wave began: sequentially judged guardrails use all data since then (null: no wave running). */
  waveStartedAt?: number | null;
}

export interface AlertChange {
  metric: string;
  previous: OpenAlert | null;
  next: OpenAlert | null;
  events: AlertEvent[];
  evidence?: Evidence;
  /** The episode's detail rewritten without an event: the value moved far from what the stored detail says. */
  detail?: string;
}

export interface WatchResult {
  evaluations: GuardrailEvaluation[];
  alerts: AlertChange[];
  action: { type: AlertAction; metric: string; detail: string; evidence?: Evidence } | null;
  checklist: { id: string; from: string; to: "met" | "not_met" | "open"; detail: string }[];
}


export const seriesOf = (buckets: BucketSeries, metric: string, cohort: "canary" | "baseline") =>
  buckets.get(`${metric}|${cohort}`) ?? [];

/** How far back a watch pass needs data: the longest window plus the longest sustain period. */
export function watchHorizonMs(plan: Plan, waveIndex: number, tracks?: TrackPositions, now?: number, waveStartedAt?: number | null): number {
  const guardrails = guardrailsForWave(plan, waveIndex, tracks);
  const longest = Math.max(60, ...guardrails.map((g) => g.windowSeconds + g.forSeconds));
  // A sequential judge reads everything since the wave began (its guarantee is for the whole growing sample).
  const sinceWave = guardrails.some((g) => g.judge === "sequential") && now !== undefined && waveStartedAt ? (now - waveStartedAt) / 1000 : 0;
  return (Math.max(longest, sinceWave) + 20) * 1000;
}

export function watchRelease(input: WatchInput): WatchResult {
  const { plan, waveIndex, buckets, now, runStartedAt } = input;
  const draft = runStartedAt === null;
  const guardrails = draft ? [] : guardrailsForWave(plan, waveIndex, input.tracks);
  const evaluations: GuardrailEvaluation[] = [];
  const alerts: AlertChange[] = [];
  let action: WatchResult["action"] = null;
  // Judged together: one false-alarm budget for the wave's sequential metrics (Holm).
  const sequential = evaluateSequentialGuardrails(
    plan,
    guardrails.filter((g) => g.judge === "sequential" && !(input.pulls?.get(g.metric) && input.pulls.get(g.metric)!.state !== "ok")),
    (metric) => ({ canary: seriesOf(buckets, metric, "canary"), baseline: seriesOf(buckets, metric, "baseline") }),
    input.waveStartedAt ?? null,
    now,
  );

  for (const g of guardrails) {
    const pull = input.pulls?.get(g.metric);
    if (pull && pull.state !== "ok") {
      const outcome = judgeMissingData(g, pull, input.openAlerts.find((a) => a.metric === g.metric) ?? null, now);
      evaluations.push(outcome.evaluation);
      if (outcome.change) alerts.push(outcome.change);
      if (outcome.pause && (!action || ACTION_STRENGTH.pause > ACTION_STRENGTH[action.type])) {
        action = { type: "pause", metric: g.metric, detail: outcome.evaluation.detail, evidence: outcome.evaluation.evidence };
      }
      continue;
    }
    const canary = seriesOf(buckets, g.metric, "canary");
    const baseline = seriesOf(buckets, g.metric, "baseline");
    // The statistical judge compares the cohorts itself; threshold guardrails go through their rules (levels[]).
    const { evaluation, action: ruleAction } =
      g.judge === "sequential"
        ? { evaluation: sequential.get(g.metric)!, action: g.onCritical }
        : g.judge
          ? { evaluation: evaluateJudgedGuardrail(g, canary, baseline, now, runStartedAt), action: g.onCritical }
          : evaluateRules(g, canary, baseline, now, runStartedAt, referenceFor(g, input.references));
    evaluation.evidence = evidenceOf(g, evaluation.level, evaluation.detail, pull);
    // A/A calibration: canary and baseline run the same version; the judges measure the spread and never act.
    if (plan.calibration && g.judge) {
      const judged = (evaluation as { sequential?: { verdict: { interval: [number, number] | null } } }).sequential;
      const measured = { detail: evaluation.detail, interval: judged?.verdict.interval ?? null, baselineLevel: evaluation.baselineValue };
      evaluations.push({ ...evaluation, detail: calibrationText(measured), level: evaluation.level === "critical" ? "ok" : evaluation.level, sustainedCritical: false, criticalSince: null });
      continue;
    }
    evaluations.push(evaluation);
    const previous = input.openAlerts.find((a) => a.metric === g.metric) ?? null;
    const decision = decideAlert(previous, evaluation, now, { ...g, onCritical: ruleAction });
    if (decision.events.length === 0 && decision.alert && detailIsStale(decision.alert, evaluation, g.critical)) {
      // Still the same episode, but its wording (the gate line, the board's alert) tells a value long gone.
      const next = { ...decision.alert, detailValue: evaluation.observed };
      alerts.push({ metric: g.metric, previous, next, events: [], evidence: evaluation.evidence, detail: evaluation.detail });
    } else if (decision.events.length > 0 || !sameAlert(previous, decision.alert)) {
      alerts.push({ metric: g.metric, previous, next: decision.alert, events: decision.events, evidence: evaluation.evidence });
    }
    if (decision.action && (!action || ACTION_STRENGTH[decision.action] > ACTION_STRENGTH[action.type])) {
      action = { type: decision.action, metric: g.metric, detail: evaluation.detail, evidence: evaluation.evidence };
    }
  }
  // Alerts for metrics the current wave no longer watches (a wave override dropped them) are closed.
  for (const stale of input.openAlerts.filter((a) => !guardrails.some((g) => g.metric === a.metric))) {
    alerts.push({ metric: stale.metric, previous: stale, next: null, events: [{ type: "recovery", detail: `${stale.metric} is no longer watched in this wave` }] });
  }

  const checklist: WatchResult["checklist"] = [];
  for (const item of input.checklist) {
    if (item.waveIndex !== (draft ? null : waveIndex) || item.state === "waived") continue;
    const to = boundItemState(item, buckets, now, runStartedAt, guardrails.find((g) => g.metric === item.metric.metric));
    if (to.state !== item.state) checklist.push({ id: item.id, from: item.state, to: to.state, detail: to.detail });
  }
  return { evaluations, alerts, action, checklist };
}

/**
 * A pulled guardrail whose last query errored or came back empty: its own state, never a pass. After the failure
 * has lasted forSeconds, `hold` (default) and `pause` open an inconclusive alert (it holds CONTINUE); `pause` also
 * pauses the release once per episode; `ignore` shows the state and does nothing. An open breach stays open:
 * missing data cannot close it, and it restarts the healthy period.
 */
export function judgeMissingData(g: Guardrail, pull: PullStatus, previous: OpenAlert | null, now: number) {
  const state = pull.state === "query_error" ? "query_error" : "no_data";
  const since = pull.failingSince ?? pull.scheduledAt;
  const lasted = now - since;
  const what = state === "query_error" ? "query error" : "no data";
  const policy = g.onNoData ?? "hold";
  const consequence =
    policy === "ignore"
      ? "ignored by the plan"
      : lasted >= g.forSeconds * 1000
        ? policy === "pause"
          ? "pausing"
          : "holding CONTINUE"
        : `${policy === "pause" ? "pauses" : "holds CONTINUE"} after ${formatDuration(g.forSeconds * 1000)}`;
  const detail = `${g.metric}: ${what} for ${formatDuration(Math.max(0, lasted))}: ${pull.reason ?? "no value"} (query: ${pull.canaryQuery}); ${consequence}`;
  const evaluation: GuardrailEvaluation = {
    metric: g.metric,
    level: "inconclusive",
    observed: null,
    canaryValue: null,
    baselineValue: null,
    threshold: null,
    sustainedCritical: false,
    criticalSince: null,
    detail,
    dataState: state,
  };
  evaluation.evidence = evidenceOf(g, "inconclusive", detail, pull);
  const none = { evaluation, change: null as AlertChange | null, pause: false };
  if (policy === "ignore") return none;
  // Until the failure has lasted forSeconds nothing opens; an episode already open just stops counting as healthy.
  if (!previous && lasted < g.forSeconds * 1000) return none;
  const decision = decideAlert(previous, evaluation, now, g);
  const change = decision.events.length > 0 || !sameAlert(previous, decision.alert) ? { metric: g.metric, previous, next: decision.alert, events: decision.events, evidence: evaluation.evidence } : null;
  const pause = policy === "pause" && lasted >= g.forSeconds * 1000 && decision.alert !== null && decision.alert.actedAt === null;
  return { evaluation, change, pause };
}

const NEGATE: Record<Comparator, Comparator> = { "<": ">=", "<=": ">", ">": "<=", ">=": "<" };

/** A bound item ("P95 latency < 500 ms") is met while its condition holds over the window; open without data. */
function boundItemState(item: BoundChecklistItem, buckets: BucketSeries, now: number, runStartedAt: number | null, guardrail?: Guardrail) {
  const { metric, comparator, threshold } = item.metric;
  const failWhen: Guardrail = {
    metric,
    comparator: NEGATE[comparator],
    critical: threshold,
    forSeconds: 0,
    windowSeconds: guardrail?.windowSeconds ?? 60,
    onCritical: "notify",
  };
  const e = evaluateGuardrail(failWhen, seriesOf(buckets, metric, "canary"), [], now, undefined, runStartedAt);
  const state: "met" | "not_met" | "open" = e.level === "inconclusive" ? "open" : e.level === "critical" ? "not_met" : "met";
  return { state, detail: e.detail };
}

function sameAlert(a: OpenAlert | null, b: OpenAlert | null): boolean {
  if (!a || !b) return a === b;
  return (
    a.level === b.level &&
    a.healthySince === b.healthySince &&
    a.actedAt === b.actedAt &&
    a.openedAt === b.openedAt &&
    (a.refusedAction ?? null) === (b.refusedAction ?? null) &&
    (a.actedAction ?? null) === (b.actedAction ?? null) &&
    (a.detailValue ?? null) === (b.detailValue ?? null)
  );
}
