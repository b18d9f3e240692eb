// Loads a release with everything its gates and views need, through a client or an open transaction.
import "server-only";
import type { Alert, ChecklistItem, Release, Signoff, TrafficRouterState, WaveRun } from "../../generated/prisma/sqlite/client";
import type { ChecklistItemStatus, ChecklistState, GateCheckStatus, SignoffStatus, StageFacts } from "../core/gates";
import { hasStages } from "../core/stage-gate";
import type { ReleaseState, ReleaseStatus } from "../core/machine";
import { PlanSchema, type Plan } from "../../plans/core/plan";
import { trackStatesOf, tracksFromJson } from "../core/tracks";
import { BUCKET_SIZES_MS, WAVE_START_BUCKET } from "../../guardrails/core/rollup";
import type { CanaryTally } from "../../guardrails/core/wave-evidence";
import { guardrailsForWave } from "../../plans/core/wave-guardrails";
import type { Tx } from "../../platform/db/client";
import type { FreezeRecord, QuarantineRecord } from "../../freezes/core/forward-block";
import { readOpenFreezes, readQuarantinesOf } from "../../freezes/server/freeze-store";

export interface LoadedRelease {
  row: Release;
  plan: Plan;
  state: ReleaseState;
  waves: WaveRun[];
  checklistRows: ChecklistItem[];
  checklist: ChecklistItemStatus[];
  signoffs: SignoffStatus[];
  openAlerts: Alert[];
  /** The plan's external gate checks with their last answers (empty without checks). */
  checks: GateCheckStatus[];
  /** Canary data per guardrail metric since the current wave began (empty unless the release is running or paused). */
  canaryTallies: Map<string, CanaryTally>;
  /** Issue 24: the plan's traffic router's latest picture (null: no router, or nothing asked of it yet). */
  trafficRouter: TrafficRouterState | null;
  /** Issue 25: freezes not ended and not over (current and upcoming); empty once the release is completed. */
  freezes: FreezeRecord[];
  /** Issue 25: unlifted quarantines of the release's service version; read for a draft only (they gate START). */
  quarantines: QuarantineRecord[];
  /** Issue 25: what a plan's stages open on beside the state (absent for a plan without stages). */
  stageFacts?: StageFacts;
  /** Whether the release was imported from a document (GET /source answers only then). */
  hasSource?: boolean;
}

export async function loadRelease(client: Tx, releaseId: string): Promise<LoadedRelease | null> {
  // One operation with its relations: each Prisma operation has a fixed CPU cost that dominates these reads.
  const found = await client.release.findUnique({
    where: { id: releaseId },
    include: {
      waves: { orderBy: { index: "asc" } },
      checklist: { orderBy: [{ position: "asc" }] },
      signoffs: { orderBy: { at: "asc" } },
      alerts: { where: { closedAt: null }, orderBy: { openedAt: "asc" } },
      planSource: { select: { releaseId: true } },
    },
  });
  if (!found) return null;
  const { waves, checklist: checklistRows, signoffs: signoffRows, alerts: openAlerts, planSource, ...row } = found;
  const plan = planOf(row);
  const state = stateOf(row, plan);
  return {
    row,
    plan,
    checks: await checksOf(client, row.id, plan),
    canaryTallies: await canaryTalliesOf(client, row.id, plan, state),
    trafficRouter: plan.traffic ? await client.trafficRouterState.findUnique({ where: { releaseId_scope: { releaseId: row.id, scope: "" } } }) : null,
    // Freezes hold forward steps of any unfinished release; a completed one has none left to hold.
    freezes: state.status === "completed" ? [] : await readOpenFreezes(client, new Date()),
    quarantines: state.status === "draft" ? await readQuarantinesOf(client, row.service, row.serviceVersion) : [],
    state,
    waves,
    checklistRows,
    checklist: checklistRows.map(toChecklistStatus),
    signoffs: signoffRows.map(toSignoffStatus),
    openAlerts,
    hasSource: planSource !== null,
    ...(hasStages(plan) ? { stageFacts: await stageFactsOf(client, row.id, plan) } : {}),
  };
}

/** Read only for plans with stages: critical alerts (for soaks), promotion approvals, the environments named. */
export async function stageFactsOf(client: Tx, releaseId: string, plan: Plan): Promise<StageFacts> {
  const names = [...new Set((plan.tracks ?? []).flatMap((t) => (t.environment ? [t.environment] : [])))];
  const [alerts, approvals, environments] = await Promise.all([
    client.alert.findMany({ where: { releaseId, level: "critical" }, select: { metric: true, detail: true, openedAt: true, closedAt: true } }),
    client.releaseEvent.findMany({ where: { releaseId, type: "promotion_approved" }, select: { actor: true, at: true, dataJson: true } }),
    client.environment.findMany({ where: { name: { in: names } } }),
  ]);
  return {
    criticalAlerts: alerts,
    approvals: approvals.map((a) => {
      const data = JSON.parse(a.dataJson) as { stage: string; role: string };
      return { stage: data.stage, role: data.role, by: a.actor, at: a.at };
    }),
    environments: Object.fromEntries(environments.map((e) => [e.name, { approverRoles: JSON.parse(e.approverRolesJson) as string[], requiredApprovals: e.requiredApprovals }])),
  };
}

/** Read only for plans that name checks, so the ingest hot path pays nothing for them. */
async function checksOf(client: Tx, releaseId: string, plan: Plan): Promise<GateCheckStatus[]> {
  const wanted = [
    ...(plan.checks ?? []).map((c) => ({ waveIndex: null as number | null, name: c.name })),
    ...plan.waves.flatMap((w, i) => (w.checks ?? []).map((c) => ({ waveIndex: i as number | null, name: c.name }))),
  ];
  if (wanted.length === 0) return [];
  const rows = await client.gateCheckResult.findMany({ where: { releaseId } });
  return wanted.map((w) => {
    const r = rows.find((row) => row.name === w.name && row.waveIndex === (w.waveIndex ?? -1));
    return { ...w, result: r ? { ok: r.ok, status: r.statusCode, message: r.message, checkedAt: r.checkedAt.toISOString() } : null };
  });
}

/**
 * What the no-evidence gate counts: the canary's 10 s buckets of the wave's guardrail metrics that began at or after
 * the wave did, plus the wave's exact partial first bucket, so data measured at the previous wave's share never
 * counts for this one. Read only while a wave runs.
 */
async function canaryTalliesOf(client: Tx, releaseId: string, plan: Plan, state: ReleaseState): Promise<Map<string, CanaryTally>> {
  const tallies = new Map<string, CanaryTally>();
  if ((state.status !== "running" && state.status !== "paused") || !state.waveStartedAt) return tallies;
  const metrics = [...new Set(guardrailsForWave(plan, state.currentWaveIndex).map((g) => g.metric))];
  if (metrics.length === 0) return tallies;
  const rows = await client.metricBucket.groupBy({
    by: ["metric"],
    where: { releaseId, cohort: "canary", metric: { in: metrics }, count: { gt: 0 },
      OR: [
        { sizeMs: BUCKET_SIZES_MS.fine, start: { gte: new Date(firstWholeBucket(state.waveStartedAt.getTime())) } },
        // The bucket the wave began in, from its start on (rolled up at ingest, see store-samples).
        { sizeMs: WAVE_START_BUCKET, start: state.waveStartedAt },
      ],
    },
    _sum: { count: true },
    _count: { _all: true },
  });
  for (const r of rows) tallies.set(r.metric, { samples: r._sum.count ?? 0, buckets: r._count._all });
  return tallies;
}

const firstWholeBucket = (t: number) => Math.ceil(t / BUCKET_SIZES_MS.fine) * BUCKET_SIZES_MS.fine;

// A plan never changes after creation; parsing and validating it on every load cost more than the queries on
// the ingest hot path. Keyed by release, checked against the stored text so a changed row is never served stale.
const plans = new Map<string, { json: string; plan: Plan }>();
const MAX_CACHED_PLANS = 1000;

function planOf(row: Release): Plan {
  const hit = plans.get(row.id);
  if (hit && hit.json === row.planJson) return hit.plan;
  const plan = PlanSchema.parse(JSON.parse(row.planJson));
  if (plans.size >= MAX_CACHED_PLANS) plans.delete(plans.keys().next().value!);
  plans.set(row.id, { json: row.planJson, plan });
  return plan;
}

export function stateOf(row: Release, plan?: Plan): ReleaseState {
  return {
    status: row.status as ReleaseStatus,
    currentWaveIndex: row.currentWaveIndex,
    trafficPercent: row.trafficPercent,
    waveStartedAt: row.waveStartedAt,
    // Issue 22: a programme's tracks, every one of them (those never moved are in draft).
    ...(plan?.tracks?.length ? { tracks: trackStatesOf(plan, tracksFromJson(row.tracksJson)) } : {}),
  };
}

export function toChecklistStatus(row: ChecklistItem): ChecklistItemStatus {
  return {
    id: row.id,
    waveIndex: row.waveIndex,
    text: row.text,
    ownerRole: ownerRoleOf(row),
    required: row.required,
    state: row.state as ChecklistState,
    gate: gateOf(row),
  };
}

const GATES = new Set(["entry", "exit", "rollback", "hypercare"]);

/** What an item gates (plan v2): "exit" (leaving its wave, the v1 meaning), "entry", "rollback" steps, "hypercare". */
export function gateOf(row: Pick<ChecklistItem, "gate">): NonNullable<ChecklistItemStatus["gate"]> {
  return GATES.has(row.gate) ? (row.gate as NonNullable<ChecklistItemStatus["gate"]>) : "exit";
}

/**
 * Unowned items are stored with an empty owner role (an additive migration cannot relax the NOT NULL column
 * without rebuilding the table on SQLite); everywhere above the store they are null.
 */
export function ownerRoleOf(row: Pick<ChecklistItem, "ownerRole">): string | null {
  return row.ownerRole === "" ? null : row.ownerRole;
}

function toSignoffStatus(row: Signoff): SignoffStatus {
  return {
    waveIndex: row.waveIndex,
    role: row.role,
    decision: row.decision as "approve" | "reject",
    by: row.by,
    comment: row.comment,
    at: row.at.toISOString(),
  };
}
