// The public shape of a release (GET /api/releases/:id, action answers, 409 details), built from a LoadedRelease.
import { evaluateBreachGates, evaluateStartGates, evaluateWaveGates, type GateInputs, type GateStatus } from "../../rollout/gates";
import { ALLOWED_COMMANDS, describeCommand, type CommandType } from "../../rollout/machine";
import { waveStatus } from "../../rollout/waves";
import type { LoadedRelease } from "./load-release";

/** NO_DATA: nothing has been judged (a draft, whose guardrails start with the run) or every open alert is missing data. */
export type Health = "HEALTHY" | "WARNING" | "CRITICAL" | "NO_DATA";

export function gateInputsOf(loaded: LoadedRelease, now: Date): GateInputs {
  return {
    now,
    waveStartedAt: loaded.state.waveStartedAt,
    checklist: loaded.checklist,
    signoffs: loaded.signoffs,
    criticalBreaches: loaded.openAlerts
      .filter((a) => a.level === "critical")
      .map((a) => ({ metric: a.metric, detail: a.detail })),
  };
}

/** The gate that guards the next step forward: START for a draft, CONTINUE for a running or paused wave. */
export function currentGate(loaded: LoadedRelease, now: Date): (GateStatus & { action: CommandType }) | null {
  const inputs = gateInputsOf(loaded, now);
  switch (loaded.state.status) {
    case "draft":
      return { action: "start", ...evaluateStartGates(inputs) };
    case "running":
    case "paused":
      return { action: "continue", ...evaluateWaveGates(loaded.plan, loaded.state.currentWaveIndex, inputs) };
    default:
      return null;
  }
}

export function healthOf(loaded: Pick<LoadedRelease, "openAlerts"> & { state: Pick<LoadedRelease["state"], "status"> }): Health {
  return healthFrom(loaded.state.status, loaded.openAlerts);
}

/** No data is not healthy: a release is HEALTHY only when its guardrails were judged and none is breached. */
export function healthFrom(status: string, openAlerts: readonly { level: string }[]): Health {
  if (openAlerts.some((a) => a.level === "critical")) return "CRITICAL";
  if (openAlerts.some((a) => a.level === "warning")) return "WARNING";
  if (openAlerts.length > 0 || status === "draft") return "NO_DATA";
  return "HEALTHY";
}

export function toReleaseView(loaded: LoadedRelease, now: Date = new Date()) {
  const { row, plan, state } = loaded;
  const checklistView = loaded.checklistRows.map((c) => ({
    id: c.id,
    waveIndex: c.waveIndex,
    text: c.text,
    ownerRole: c.ownerRole,
    required: c.required,
    state: c.state,
    reason: c.reason,
    evidenceUrl: c.evidenceUrl,
    updatedBy: c.updatedBy,
    updatedAt: c.updatedAt?.toISOString() ?? null,
    metric: c.metricJson ? JSON.parse(c.metricJson) : null,
  }));
  const allowed = ALLOWED_COMMANDS[state.status];
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
    health: healthOf(loaded),
    waves: plan.waves.map((w, index) => {
      const run = loaded.waves.find((r) => r.index === index);
      return {
        index,
        name: w.name,
        trafficPercent: w.trafficPercent,
        bakeSeconds: w.bakeSeconds,
        status: waveStatus(state, index),
        startedAt: run?.startedAt?.toISOString() ?? null,
        endedAt: run?.endedAt?.toISOString() ?? null,
        requiredSignoffs: w.signoffs,
        signoffs: loaded.signoffs.filter((s) => s.waveIndex === index),
        checklist: checklistView.filter((c) => c.waveIndex === index),
      };
    }),
    preChecklist: checklistView.filter((c) => c.waveIndex === null),
    gate: currentGate(loaded, now),
    /** RESUME and RETRY are gated on open critical breaches only; this is that gate. */
    breachGate: evaluateBreachGates(gateInputsOf(loaded, now)),
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
