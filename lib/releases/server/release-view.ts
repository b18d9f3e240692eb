// The public shape of a release (GET /api/releases/:id, action answers, 409 details), built from a LoadedRelease.
import "server-only";
import { HYPERCARE_PHASE, PRE_START_PHASE, signoffCounts, evaluateBreachGates, evaluateHypercareGates, evaluateStartGates, evaluateWaveGates, type GateInputs, type GateStatus } from "../core/gates";
import { ALLOWED_COMMANDS, describeCommand, type CommandType } from "../core/machine";
import { effectivePrometheusSource } from "../../guardrails/core/effective-source";
import { guardrailsForWave } from "../../plans/core/wave-guardrails";
import { waveEvidence } from "../../guardrails/core/wave-evidence";
import { triggersAt } from "../../plans/core/plan";
import type { RollbackRecord } from "../core/rollback-follow-up";
import { waveStatus } from "../core/waves";
import { type Health, releaseHealth } from "../core/release-health";
import type { LoadedRelease } from "./load-release";
import { programmeActions, tracksView } from "./track-view";
import { checklistItemView } from "./checklist-item-view";
import { trafficRouterStatus, trafficRouterView } from "./traffic-router-view";
import { forwardBlockOf, quarantineBlockOf, type FreezeBlock } from "../../freezes/core/forward-block";
import { appliedPoliciesFromJson, releaseWindowsOf, selfApproversOf } from "../../policies/core";
import type { Track } from "../../plans/core/plan";

export type { Health } from "../core/release-health";

export function gateInputsOf(loaded: LoadedRelease, now: Date): GateInputs {
  const applied = appliedPoliciesFromJson(loaded.row.policiesJson);
  // Issue 26: the plan's windows and those of the policies it was created under, evaluated the same way.
  const windows = releaseWindowsOf(loaded.plan, applied);
  return {
    now,
    waveStartedAt: loaded.state.waveStartedAt,
    checklist: loaded.checklist,
    signoffs: loaded.signoffs,
    criticalBreaches: loaded.openAlerts
      .filter((a) => a.level === "critical")
      .map((a) => ({ metric: a.metric, detail: a.detail })),
    noDataHolds: noDataHoldsOf(loaded),
    checks: loaded.checks,
    waveEvidence:
      loaded.state.status === "running" || loaded.state.status === "paused"
        ? waveEvidence(loaded.plan, loaded.state.currentWaveIndex, loaded.canaryTallies)
        : undefined,
    traffic: trafficRouterStatus(loaded),
    frozen: forwardBlockOf(loaded.freezes, freezeSubjectOf(loaded), windows, now),
    // Issue 25: each track of a programme is matched on its own environment (a stage's), so a freeze on prod holds
    // the prod stage while staging goes on.
    ...(loaded.plan.tracks?.length ? { trackFrozen: loaded.plan.tracks.map((t) => forwardBlockOf(loaded.freezes, freezeSubjectOf(loaded, t), windows, now)) } : {}),
    quarantined: loaded.state.status === "draft" ? quarantineBlockOf(loaded.quarantines, loaded.row) : null,
    ...(loaded.stageFacts ? { stages: loaded.stageFacts } : {}),
    selfApprovers: selfApproversOf(loaded.plan, applied, loaded.row),
  };
}

/**
 * What a freeze is matched against: the service and the environment: a track's own (a stage's), else the plan's.
 * With neither, a freeze of any environment holds it (the safe side).
 */
export function freezeSubjectOf(loaded: LoadedRelease, track?: Pick<Track, "environment">): { service: string; environment: string | null } {
  const environment = track?.environment ?? loaded.plan.environment ?? null;
  return { service: loaded.row.service, environment };
}

/**
 * The freeze line for the release as a whole: a programme's only when it holds every track still to move (each
 * track's own is on its gate and in `tracks[].frozen`), so a prod-only freeze does not read as the whole release.
 */
function releaseFrozen(loaded: LoadedRelease, inputs: GateInputs): FreezeBlock | null {
  if (!inputs.trackFrozen) return inputs.frozen ?? null;
  const moving = (loaded.plan.tracks ?? []).flatMap((t, i) => {
    const status = loaded.state.tracks?.[t.key]?.status;
    return status === "completed" ? [] : [inputs.trackFrozen![i] ?? null];
  });
  return moving.length > 0 && moving.every((b) => b !== null) ? moving[0] : null;
}

/** The gate that guards the next step forward: START for a draft, CONTINUE for a running or paused wave. */
export function currentGate(loaded: LoadedRelease, now: Date): (GateStatus & { action: CommandType }) | null {
  const inputs = gateInputsOf(loaded, now);
  switch (loaded.state.status) {
    case "draft":
      return { action: "start", ...evaluateStartGates(loaded.plan, inputs) };
    case "running":
    case "paused":
      return { action: "continue", ...evaluateWaveGates(loaded.plan, loaded.state.currentWaveIndex, inputs) };
    case "hypercare":
      return { action: "continue", ...evaluateHypercareGates(loaded.plan, inputs) };
    default:
      return null;
  }
}

export function healthOf(loaded: Pick<LoadedRelease, "openAlerts"> & { state: Pick<LoadedRelease["state"], "status"> }): Health {
  return healthFrom(loaded.state.status, loaded.openAlerts);
}

/** The rule lives in core so the screens and the CLI read the same word. */
export const healthFrom = releaseHealth;

export function toReleaseView(loaded: LoadedRelease, now: Date = new Date()) {
  const { row, plan, state } = loaded;
  const checklistView = loaded.checklistRows.map(checklistItemView);
  // STEP BACK needs an earlier wave; in the first wave only ROLLBACK lowers traffic. A programme (issue 22) accepts
  // only PAUSE and ROLLBACK without a track; each track lists its own.
  const gateInputs = gateInputsOf(loaded, now);
  // Issue 26: each sign-off says whether it counts (under separateApprover the creator's and commander's do not).
  const signoffs = loaded.signoffs.map((s) => {
    const verdict = signoffCounts(s, gateInputs.selfApprovers);
    return { ...s, doesNotCount: verdict.counts ? null : verdict.reason };
  });
  const applied = appliedPoliciesFromJson(row.policiesJson);
  const allowed = plan.tracks?.length ? programmeActions(loaded) : ALLOWED_COMMANDS[state.status].filter((a) => a !== "step_back" || state.currentWaveIndex > 0);
  return {
    id: row.id,
    name: row.name,
    service: row.service,
    serviceVersion: row.serviceVersion,
    status: state.status,
    currentWaveIndex: state.currentWaveIndex,
    trafficPercent: state.trafficPercent,
    version: row.version,
    lastSeq: row.lastSeq,
    waveStartedAt: row.waveStartedAt?.toISOString() ?? null,
    startedAt: row.startedAt?.toISOString() ?? null,
    endedAt: row.endedAt?.toISOString() ?? null,
    commander: row.commander,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    simulatorScenario: row.simulatorScenario,
    /** Issue 26: the release policies it was created under (kept as they were then; later edits do not apply). */
    policies: applied.map((p) => ({ id: p.id, name: p.name, separateApprover: p.spec.separateApprover })),
    /** Issue 26: sign-offs by the creator or commander do not count (the plan's or a policy's separateApprover). */
    separateApprover: gateInputs.selfApprovers !== undefined,
    health: healthOf(loaded),
    /** Whether the release was imported from a document: clients ask GET /source only then (no 404s to log). */
    hasSource: loaded.hasSource ?? false,
    /** Issue 22: a programme's tracks, each with its own state, gate and commands; null for a plan without tracks. */
    tracks: tracksView(loaded, now, gateInputs),
    waves: plan.waves.map((w, index) => {
      const run = loaded.waves.find((r) => r.index === index);
      return {
        index,
        name: w.name,
        trafficPercent: w.trafficPercent,
        bakeSeconds: w.bakeSeconds,
        audience: w.audience ?? null,
        unit: w.unit ?? null,
        /** Plan v2: the decision deadline, and when it passes (or passed) for the current wave. */
        maxSeconds: w.maxSeconds ?? null,
        overdueAt:
          w.maxSeconds !== undefined && index === state.currentWaveIndex && (state.status === "running" || state.status === "paused") && state.waveStartedAt
            ? new Date(state.waveStartedAt.getTime() + w.maxSeconds * 1000).toISOString()
            : null,
        autoContinue: w.autoContinue ?? false,
        status: waveStatus(state, index),
        startedAt: run?.startedAt?.toISOString() ?? null,
        endedAt: run?.endedAt?.toISOString() ?? null,
        requiredSignoffs: w.signoffs,
        /** Issue 26: distinct approvers each role needs here (roles not named need 1). */
        signoffQuorum: w.signoffQuorum ?? {},
        signoffs: signoffs.filter((s) => s.waveIndex === index),
        checklist: checklistView.filter((c) => c.waveIndex === index),
      };
    }),
    preChecklist: checklistView.filter((c) => c.waveIndex === null && c.gate === "exit"),
    /** Plan v2: the observation phase after the last wave; `startedAt`/`endsAt` once it began. */
    hypercare: plan.hypercare
      ? {
          durationSeconds: plan.hypercare.durationSeconds,
          startedAt: state.status === "hypercare" || (state.status === "completed" && row.endedAt) ? (hypercareStartOf(loaded)?.toISOString() ?? null) : null,
          endsAt: state.status === "hypercare" && state.waveStartedAt ? new Date(state.waveStartedAt.getTime() + plan.hypercare.durationSeconds * 1000).toISOString() : null,
          checklist: checklistView.filter((c) => c.gate === "hypercare"),
          requiredSignoffs: plan.hypercare.signoffs,
          signoffQuorum: plan.hypercare.signoffQuorum ?? {},
          signoffs: signoffs.filter((s) => s.waveIndex === HYPERCARE_PHASE),
        }
      : null,
    /**
     * Plan v2: the rollback level the last ROLLBACK carried out, its follow-up (objective, verification) and its
     * steps as checklist items to tick; null before any rollback with levels.
     */
    rollback: row.rollbackJson ? { ...(JSON.parse(row.rollbackJson) as RollbackRecord), steps: checklistView.filter((c) => c.gate === "rollback") } : null,
    /** Plan v2: the manual triggers a commander may declare now (this wave's, then the plan's). */
    triggers: triggersAt(plan, state.currentWaveIndex),
    /** Plan v2: the sign-offs that gate START (all roles, or `quorum` of them); given ones carry waveIndex -1. */
    preSignoffs: plan.preSignoffs
      ? {
          roles: plan.preSignoffs.roles,
          quorum: plan.preSignoffs.quorum ?? plan.preSignoffs.roles.length,
          signoffQuorum: plan.preSignoffs.signoffQuorum ?? {},
          signoffs: signoffs.filter((s) => s.waveIndex === PRE_START_PHASE),
        }
      : null,
    gate: plan.tracks?.length ? null : currentGate(loaded, now),
    /** Issue 25: the freeze (or closed release window) holding forward steps now; null: none. */
    frozen: releaseFrozen(loaded, gateInputs),
    /** Issue 25: the quarantine of this service version that holds START; null: none. */
    quarantined: state.status === "draft" ? quarantineBlockOf(loaded.quarantines, row) : null,
    /** RESUME and RETRY are gated on a freeze and open critical breaches only; this is that gate. */
    breachGate: evaluateBreachGates(gateInputs),
    /** External gate checks with their last answers (the plan's gate START; each wave's gate its CONTINUE). */
    checks: loaded.checks,
    /** Issue 24: the traffic router carrying the waves: weights as set, as read back, the observed split (null: none). */
    trafficRouter: trafficRouterView(loaded, now),
    run: row.run,
    alerts: loaded.openAlerts.map((a) => ({
      id: a.id,
      metric: a.metric,
      level: a.level,
      detail: a.detail,
      openedAt: a.openedAt.toISOString(),
      actedAt: a.actedAt?.toISOString() ?? null,
      acknowledgedBy: a.acknowledgedBy,
      acknowledgedAt: a.acknowledgedAt?.toISOString() ?? null,
    })),
    allowedActions: allowed,
    actionPreviews: Object.fromEntries(allowed.map((a) => [a, describeCommand(plan, state, a)])),
    plan,
  };
}

export type ReleaseView = ReturnType<typeof toReleaseView>;

/** Open inconclusive episodes of pulled guardrails whose plan says what no data means (hold or pause). */
function noDataHoldsOf(loaded: LoadedRelease): { metric: string; detail: string }[] {
  const pulled = guardrailsForWave(loaded.plan, loaded.state.currentWaveIndex, loaded.state.tracks).filter(
    (g) => effectivePrometheusSource(loaded.plan.source, g.source) !== null && (g.onNoData ?? "hold") !== "ignore",
  );
  return loaded.openAlerts
    .filter((a) => a.level === "inconclusive" && pulled.some((g) => g.metric === a.metric))
    .map((a) => ({ metric: a.metric, detail: a.detail }));
}

/** When hypercare began: the release's waveStartedAt while in it (hypercare restarts that clock). */
function hypercareStartOf(loaded: LoadedRelease): Date | null {
  return loaded.state.status === "hypercare" ? loaded.state.waveStartedAt : null;
}
