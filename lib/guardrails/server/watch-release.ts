// One guardrail watch pass for a release, applied through the one command path: alert transitions, bound
// checklist items and the automatic action all land in one transaction with their audit events.
import "server-only";
import { randomUUID } from "node:crypto";
import { BUCKET_SIZES_MS } from "../core";
import type { OpenAlert } from "../core/alerts";
import type { PullStatus } from "../core/evidence";
import { guardrailStep, type AlertWrite } from "../core/guardrail-step";
import { summarizeMetrics } from "../core/summary";
import type { BucketSeries } from "../core/rollup";
import { watchHorizonMs, watchRelease, type BoundChecklistItem, type WatchResult } from "../core/watch";
import type { Alert } from "../../generated/prisma/sqlite/client";
import { leadership } from "../../platform/jobs/cluster-jobs";
import { db, type Tx } from "../../platform/db/client";
import { freezeIfFailpoint } from "../../platform/failpoints/failpoints";
import { readBuckets } from "./read-buckets";
import { readPullStatuses } from "./prometheus/read-pull-statuses";
import { withExactRunStartBucket } from "./read-run-start-buckets";
import { publishMetrics } from "../../realtime/server/publish";
import { loadRelease, ownerRoleOf, type LoadedRelease } from "../../releases/server/load-release";
import { mutateRelease, type Change } from "../../releases/server/mutate-release";
import { referenceLevelsOf } from "../../releases/server/reference-levels";
import { gateInputsOf } from "../../releases/server/release-view";
import { logGuardrailDecision } from "../../platform/logging/ops-log";
import type { EventView } from "../../releases/server/event-view";
import { typed } from "../../releases/core/events";

const RUNNING_STATUSES = new Set(["running", "paused", "hypercare"]);

/** A release is watched while a run is live, and as a draft while it has metric-bound pre-deployment items. */
export function isWatched(loaded: LoadedRelease): boolean {
  if (RUNNING_STATUSES.has(loaded.state.status)) return true;
  return loaded.state.status === "draft" && loaded.checklistRows.some((c) => c.metricJson && c.waveIndex === null);
}

function toOpenAlert(row: Alert): OpenAlert {
  return {
    metric: row.metric,
    level: row.level as OpenAlert["level"],
    openedAt: row.openedAt.getTime(),
    healthySince: row.healthySince?.getTime() ?? null,
    actedAt: row.actedAt?.getTime() ?? null,
    refusedAction: row.refusedAction,
    actedAction: (row.actedAction as OpenAlert["actedAction"]) ?? null,
    detailValue: row.detailValue,
  };
}

function boundItems(loaded: LoadedRelease): BoundChecklistItem[] {
  return loaded.checklistRows
    .filter((c) => c.metricJson)
    .map((c) => ({ id: c.id, waveIndex: c.waveIndex, state: c.state, metric: JSON.parse(c.metricJson!) }));
}

/** When the current run began; null for a draft (no run). */
const runStartOf = (loaded: LoadedRelease): number | null =>
  loaded.state.status === "draft" ? null : (loaded.row.startedAt?.getTime() ?? null);

/** When the current wave began, for sequential judges; null outside a live wave. */
const waveStartOf = (loaded: LoadedRelease): number | null =>
  loaded.state.status === "running" || loaded.state.status === "paused" ? (loaded.state.waveStartedAt?.getTime() ?? null) : null;

function runWatch(loaded: LoadedRelease, buckets: BucketSeries, now: number, pulls?: Map<string, PullStatus>): WatchResult {
  return watchRelease({
    pulls,
    plan: loaded.plan,
    waveIndex: loaded.state.currentWaveIndex,
    buckets,
    openAlerts: loaded.openAlerts.map(toOpenAlert),
    checklist: boundItems(loaded),
    now,
    runStartedAt: runStartOf(loaded),
    references: referenceLevelsOf(loaded.row),
    tracks: loaded.state.tracks,
    waveStartedAt: waveStartOf(loaded),
  });
}

function hasChanges(result: WatchResult): boolean {
  return result.alerts.length > 0 || result.checklist.length > 0 || result.action !== null;
}

export interface WatchPass {
  result: WatchResult;
  /** False when the metrics message was held back by the broadcast throttle. */
  broadcast: boolean;
}

export async function watchReleaseOnce(
  releaseId: string,
  now = new Date(),
  broadcastEveryMs = 0,
  /** The pull job's latest pulls, newer than (or not yet in) the database. */
  knownPulls?: ReadonlyMap<string, PullStatus>,
): Promise<WatchPass | null> {
  const nowMs = now.getTime();
  // One consistent read of the release and its buckets (on SQLite, one turn of the queue).
  const read = await db().$transaction(async (tx) => {
    const loaded = await loadRelease(tx, releaseId);
    if (!loaded || !isWatched(loaded)) return null;
    const since = nowMs - watchHorizonMs(loaded.plan, loaded.state.currentWaveIndex, loaded.state.tracks, nowMs, waveStartOf(loaded));
    const buckets = await readBuckets(tx, releaseId, BUCKET_SIZES_MS.fine, since);
    const runStart = runStartOf(loaded);
    const pulls = await readPullStatuses(tx, loaded, since, knownPulls);
    if (runStart === null || runStart < since - BUCKET_SIZES_MS.fine) return { loaded, buckets, pulls };
    return { loaded, buckets: await withExactRunStartBucket(tx, releaseId, buckets, runStart, BUCKET_SIZES_MS.fine), pulls };
  });
  if (!read) return null;
  const { loaded, buckets, pulls } = read;
  const result = runWatch(loaded, buckets, nowMs, pulls);
  const broadcast = broadcastMetrics(loaded, buckets, nowMs, broadcastEveryMs);
  if (!hasChanges(result)) return { result, broadcast };
  // One evaluator acts: the cluster leader (every instance reads and broadcasts to its own sockets; data ingested
  // elsewhere reaches the leader through the samples signal). Its write carries the leader's fencing token.
  const lead = leadership();
  if (!lead.leads) return { result, broadcast };
  if (result.action) freezeIfFailpoint();
  // Decide again inside the transaction, against the alerts and state it actually meets: two passes racing
  // on the same breach cannot both act, and a person's command in between is taken into account.
  const outcome = await mutateRelease(releaseId, { fenceEpoch: lead.epoch }, (inTx, txNow) => {
    if (!isWatched(inTx) || inTx.state.currentWaveIndex !== loaded.state.currentWaveIndex || inTx.row.run !== loaded.row.run) {
      return { ok: true, events: [] };
    }
    return changeFrom(inTx, runWatch(inTx, buckets, nowMs, pulls), txNow);
  });
  if (outcome.ok) for (const event of outcome.events) logDecision(releaseId, event);
  return { result, broadcast };
}

/** One operational line per audit event the guardrail wrote: what it saw and what it did. */
function logDecision(releaseId: string, event: EventView): void {
  const e = typed(event);
  // Each field only where the event's schema has it; the events written here were validated a moment ago.
  const data = e.type === "unreadable" ? {} : e.data;
  const metric = "metric" in data ? (data.metric ?? undefined) : undefined;
  const level = "level" in data && typeof data.level === "string" ? data.level : null;
  const action = "action" in data ? data.action : undefined;
  logGuardrailDecision({ releaseId, decision: event.type, metric, level, action, reason: event.reason, seq: event.seq, version: event.version });
}

function changeFrom(loaded: LoadedRelease, result: WatchResult, now: Date): Change {
  const step = guardrailStep({
    plan: loaded.plan,
    state: loaded.state,
    run: loaded.row.run,
    gates: gateInputsOf(loaded, now),
    openAlerts: loaded.openAlerts.map(toOpenAlert),
    watch: result,
    checklistItem: (id) => {
      const row = loaded.checklistRows.find((c) => c.id === id)!;
      return { text: row.text, waveIndex: row.waveIndex, ownerRole: ownerRoleOf(row) };
    },
    now,
  });
  return {
    ok: true,
    state: step.state,
    events: step.events,
    actorRole: null,
    write: async (tx: Tx) => {
      for (const alert of step.alerts) await writeAlert(tx, loaded, alert, now);
      for (const item of step.checklist) {
        await tx.checklistItem.update({
          where: { id: item.id },
          data: { state: item.to, reason: item.detail, updatedBy: "guardrail", updatedAt: now },
        });
      }
    },
  };
}

async function writeAlert(tx: Tx, loaded: LoadedRelease, { metric, next, closed, detail }: AlertWrite, now: Date) {
  const open = loaded.openAlerts.find((a) => a.metric === metric);
  if (!next) {
    if (open) await tx.alert.update({ where: { id: open.id }, data: { closedAt: now, healthySince: null, ...(closed ? episodeData(closed, detail) : {}) } });
    else if (closed) {
      // Opened and closed in one pass (a breach that rolled back at once): the episode is still recorded.
      await tx.alert.create({
        data: { id: randomUUID(), releaseId: loaded.row.id, run: loaded.row.run, metric, openedAt: new Date(closed.openedAt), detail: detail ?? metric, ...episodeData(closed, detail), closedAt: now, healthySince: null },
      });
    }
    return;
  }
  const data = episodeData(next, detail);
  if (open) await tx.alert.update({ where: { id: open.id }, data });
  else {
    await tx.alert.create({
      data: { id: randomUUID(), releaseId: loaded.row.id, run: loaded.row.run, metric, openedAt: new Date(next.openedAt), detail: detail ?? metric, ...data },
    });
  }
}

function episodeData(next: OpenAlert, detail: string | undefined) {
  return {
    level: next.level,
    healthySince: next.healthySince === null ? null : new Date(next.healthySince),
    actedAt: next.actedAt === null ? null : new Date(next.actedAt),
    refusedAction: next.refusedAction ?? null,
    actedAction: next.actedAction ?? null,
    ...(next.detailValue !== undefined ? { detailValue: next.detailValue } : {}),
    ...(detail ? { detail } : {}),
  };
}

// The live metrics stream: at most one message per release per METRICS_BROADCAST_MS, the latest always sent.
const holder = globalThis as unknown as { __tidegateMetricsSent?: Map<string, number> };
export function broadcastMetrics(loaded: LoadedRelease, buckets: BucketSeries, nowMs: number, minIntervalMs = 0) {
  const sent = (holder.__tidegateMetricsSent ??= new Map());
  const last = sent.get(loaded.row.id) ?? 0;
  if (nowMs - last < minIntervalMs) return false;
  sent.set(loaded.row.id, nowMs);
  publishMetrics(loaded.row.id, {
    releaseId: loaded.row.id,
    at: new Date(nowMs).toISOString(),
    metrics: summarizeMetrics(loaded.plan, loaded.state.currentWaveIndex, buckets, nowMs, referenceLevelsOf(loaded.row), waveStartOf(loaded)),
  });
  return true;
}
