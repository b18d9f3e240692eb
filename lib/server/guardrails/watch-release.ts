// One guardrail watch pass for a release, applied through the one command path: alert transitions, bound
// checklist items and the automatic action all land in one transaction with their audit events.
import { randomUUID } from "node:crypto";
import type { OpenAlert } from "../../guardrails/alerts";
import { summarizeMetrics } from "../../guardrails/summary";
import { watchHorizonMs, watchRelease, type BoundChecklistItem, type BucketSeries, type WatchResult } from "../../guardrails/watch";
import { BUCKET_SIZES_MS } from "../../guardrails";
import { decide, type DomainEvent, type ReleaseState } from "../../rollout/machine";
import type { Alert } from "../../generated/prisma/sqlite/client";
import { db, type Tx } from "../db/client";
import { publishMetrics } from "../realtime/publish";
import { loadRelease, type LoadedRelease } from "../releases/load-release";
import { mutateRelease, type Change } from "../releases/mutate-release";
import { gateInputsOf } from "../releases/release-view";
import { readBuckets } from "../metrics/read-buckets";

export const GUARDRAIL_ACTOR = "guardrail";
const WATCHED_STATUSES = new Set(["running", "paused"]);

function toOpenAlert(row: Alert): OpenAlert {
  return {
    metric: row.metric,
    level: row.level as OpenAlert["level"],
    openedAt: row.openedAt.getTime(),
    healthySince: row.healthySince?.getTime() ?? null,
    actedAt: row.actedAt?.getTime() ?? null,
  };
}

function boundItems(loaded: LoadedRelease): BoundChecklistItem[] {
  return loaded.checklistRows
    .filter((c) => c.metricJson)
    .map((c) => ({ id: c.id, waveIndex: c.waveIndex, state: c.state, metric: JSON.parse(c.metricJson!) }));
}

function runWatch(loaded: LoadedRelease, buckets: BucketSeries, now: number): WatchResult {
  return watchRelease({
    plan: loaded.plan,
    waveIndex: loaded.state.currentWaveIndex,
    buckets,
    openAlerts: loaded.openAlerts.map(toOpenAlert),
    checklist: boundItems(loaded),
    now,
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

export async function watchReleaseOnce(releaseId: string, now = new Date(), broadcastEveryMs = 0): Promise<WatchPass | null> {
  const loaded = await loadRelease(db(), releaseId);
  if (!loaded || !WATCHED_STATUSES.has(loaded.state.status)) return null;
  const nowMs = now.getTime();
  const buckets = await readBuckets(db(), releaseId, BUCKET_SIZES_MS.fine, nowMs - watchHorizonMs(loaded.plan, loaded.state.currentWaveIndex));
  const result = runWatch(loaded, buckets, nowMs);
  const broadcast = broadcastMetrics(loaded, buckets, nowMs, broadcastEveryMs);
  if (!hasChanges(result)) return { result, broadcast };
  // Decide again inside the transaction, against the alerts and state it actually meets: two passes racing
  // on the same breach cannot both act.
  await mutateRelease(releaseId, {}, (inTx, txNow) => {
    if (!WATCHED_STATUSES.has(inTx.state.status) || inTx.state.currentWaveIndex !== loaded.state.currentWaveIndex) {
      return { ok: true, events: [] };
    }
    return changeFrom(inTx, runWatch(inTx, buckets, nowMs), txNow);
  });
  return { result, broadcast };
}

function changeFrom(loaded: LoadedRelease, result: WatchResult, now: Date): Change {
  const events: DomainEvent[] = [];
  const event = (type: string, reason: string | null, data: Record<string, unknown>): DomainEvent => ({
    type,
    actor: GUARDRAIL_ACTOR,
    reason,
    at: now,
    before: null,
    after: null,
    data,
  });
  for (const change of result.alerts) {
    for (const e of change.events) {
      events.push(event(e.type, e.detail, { metric: change.metric, level: change.next?.level ?? null, ...("level" in e ? { level: e.level } : {}) }));
    }
  }
  for (const item of result.checklist) {
    const row = loaded.checklistRows.find((c) => c.id === item.id)!;
    events.push(
      event("checklist_updated", item.detail, {
        itemId: item.id,
        text: row.text,
        waveIndex: row.waveIndex,
        ownerRole: row.ownerRole,
        from: item.from,
        to: item.to,
        evidenceUrl: null,
      }),
    );
  }
  let state: ReleaseState | undefined;
  if (result.action) {
    const { type, metric, detail } = result.action;
    if (type === "notify") {
      events.push(event("guardrail_notified", detail, { metric }));
    } else {
      const decision = decide(loaded.plan, loaded.state, { type, actor: GUARDRAIL_ACTOR, reason: detail }, gateInputsOf(loaded, now));
      if (decision.ok) {
        state = decision.state;
        events.push(...decision.events.map((e) => ({ ...e, data: { ...e.data, metric, automatic: true } })));
      }
    }
  }
  return {
    ok: true,
    state,
    events,
    actorRole: null,
    write: async (tx: Tx) => {
      for (const change of result.alerts) await writeAlert(tx, loaded, change.metric, change.next, change.events.at(-1)?.detail, now);
      for (const item of result.checklist) {
        await tx.checklistItem.update({
          where: { id: item.id },
          data: { state: item.to, reason: item.detail, updatedBy: GUARDRAIL_ACTOR, updatedAt: now },
        });
      }
    },
  };
}

async function writeAlert(tx: Tx, loaded: LoadedRelease, metric: string, next: OpenAlert | null, detail: string | undefined, now: Date) {
  const open = loaded.openAlerts.find((a) => a.metric === metric);
  if (!next) {
    if (open) await tx.alert.update({ where: { id: open.id }, data: { closedAt: now, healthySince: null } });
    return;
  }
  const data = {
    level: next.level,
    healthySince: next.healthySince === null ? null : new Date(next.healthySince),
    actedAt: next.actedAt === null ? null : new Date(next.actedAt),
    ...(detail ? { detail } : {}),
  };
  if (open) await tx.alert.update({ where: { id: open.id }, data });
  else {
    await tx.alert.create({
      data: { id: randomUUID(), releaseId: loaded.row.id, metric, openedAt: new Date(next.openedAt), detail: detail ?? metric, ...data },
    });
  }
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
    metrics: summarizeMetrics(loaded.plan, loaded.state.currentWaveIndex, buckets, nowMs),
  });
  return true;
}
