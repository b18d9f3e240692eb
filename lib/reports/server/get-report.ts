// Reads what a post-rollout report is built from (one consistent read) and builds it: any release, any time.
import "server-only";
import { appliedPoliciesFromJson, separateApproverRequired } from "../../policies/core";
import { BUCKET_SIZES_MS } from "../../guardrails/core";
import { buildReport, type ActionItem, type Report } from "../core/build-report";
import { db } from "../../platform/db/client";
import { listIncidents } from "../../incidents/server/list-incidents";
import { readBuckets } from "../../guardrails/server/read-buckets";
import { toTypedEventView } from "../../releases/server/event-view";
import { loadRelease } from "../../releases/server/load-release";

const FINE_WITHIN_MS = 24 * 3_600_000;

export async function getReport(releaseId: string, now = new Date()): Promise<Report | null> {
  const read = await db().$transaction(async (tx) => {
    const loaded = await loadRelease(tx, releaseId);
    if (!loaded) return null;
    const [events, alerts, lessons, actionItems] = await Promise.all([
      tx.releaseEvent.findMany({ where: { releaseId }, orderBy: { seq: "asc" } }),
      tx.alert.findMany({ where: { releaseId }, orderBy: { openedAt: "asc" } }),
      tx.reportLessons.findUnique({ where: { releaseId } }),
      tx.reportActionItem.findMany({ where: { releaseId }, orderBy: { createdAt: "asc" } }),
    ]);
    const since = loaded.row.startedAt ? events.find((e) => e.type === "started")?.at.getTime() ?? loaded.row.startedAt.getTime() : now.getTime();
    const series = await readBuckets(tx, releaseId, BUCKET_SIZES_MS.coarse, since - BUCKET_SIZES_MS.coarse);
    // Ten-second buckets only for a release that ran recently: they are what retention prunes first.
    const recent = now.getTime() - (loaded.row.endedAt?.getTime() ?? now.getTime()) < FINE_WITHIN_MS;
    const fineSeries = recent ? await readBuckets(tx, releaseId, BUCKET_SIZES_MS.fine, since - BUCKET_SIZES_MS.fine) : undefined;
    return { loaded, events, alerts, lessons, actionItems, series, fineSeries };
  });
  if (!read) return null;
  const { loaded, events, alerts, lessons, actionItems } = read;
  const incidents = (await listIncidents(releaseId)) ?? [];
  const row = loaded.row;
  return buildReport({
    release: {
      id: row.id,
      name: row.name,
      service: row.service,
      serviceVersion: row.serviceVersion,
      status: row.status,
      currentWaveIndex: row.currentWaveIndex,
      trafficPercent: row.trafficPercent,
      run: row.run,
      createdAt: row.createdAt.toISOString(),
      createdBy: row.createdBy,
      commander: row.commander,
      startedAt: row.startedAt?.toISOString() ?? null,
      endedAt: row.endedAt?.toISOString() ?? null,
      policies: appliedPoliciesFromJson(row.policiesJson).map((p) => p.name),
      separateApprover: separateApproverRequired(loaded.plan, appliedPoliciesFromJson(row.policiesJson)),
    },
    plan: loaded.plan,
    events: events.map(toTypedEventView),
    checklist: loaded.checklistRows,
    alerts: alerts.map((a) => ({
      run: a.run,
      metric: a.metric,
      level: a.level,
      detail: a.detail,
      openedAt: a.openedAt.toISOString(),
      closedAt: a.closedAt?.toISOString() ?? null,
      actedAt: a.actedAt?.toISOString() ?? null,
      acknowledgedBy: a.acknowledgedBy,
      acknowledgedAt: a.acknowledgedAt?.toISOString() ?? null,
    })),
    incidents,
    series: read.series,
    fineSeries: read.fineSeries,
    lessons: lessons ? { text: lessons.text, version: lessons.version, updatedBy: lessons.updatedBy, updatedAt: lessons.updatedAt.toISOString() } : null,
    actionItems: actionItems.map(toActionItem),
    now: now.toISOString(),
  });
}

export function toActionItem(row: {
  id: string;
  version: number;
  text: string;
  owner: string;
  dueDate: string | null;
  done: boolean;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}): ActionItem {
  return { ...row, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}
