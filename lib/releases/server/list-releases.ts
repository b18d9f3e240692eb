// The overview's rows: every release with its status, wave, traffic, health and commander.
import "server-only";
import { db } from "../../platform/db/client";
import type { Plan } from "../../plans/core/plan";
import { healthFrom } from "./release-view";

/** `only` keeps to what a limited API token may see: one release, or one service's releases. */
export async function listReleases(only: { id?: string; service?: string } = {}) {
  const rows = await db().release.findMany({ where: only, orderBy: { createdAt: "desc" }, take: 500 });
  const alerts = await db().alert.findMany({ where: { closedAt: null }, select: { releaseId: true, level: true } });
  // Unresolved incidents, newest first: the overview shows each release's latest one.
  const incidents = await db().incident.findMany({
    where: { status: { not: "resolved" } },
    orderBy: { createdAt: "desc" },
    select: { releaseId: true, title: true, status: true, severity: true },
  });
  return rows.map((r) => {
    const plan = JSON.parse(r.planJson) as Plan;
    const mine = alerts.filter((a) => a.releaseId === r.id);
    return {
      id: r.id,
      name: r.name,
      service: r.service,
      serviceVersion: r.serviceVersion,
      status: r.status,
      currentWaveIndex: r.currentWaveIndex,
      waveCount: plan.waves.length,
      waveName: plan.waves[r.currentWaveIndex]?.name ?? null,
      trafficPercent: r.trafficPercent,
      version: r.version,
      lastSeq: r.lastSeq,
      waveStartedAt: r.waveStartedAt?.toISOString() ?? null,
      commander: r.commander,
      health: healthFrom(r.status, mine),
      updatedAt: r.updatedAt.toISOString(),
      incident: incidents.find((i) => i.releaseId === r.id) ?? null,
    };
  });
}

export type ReleaseSummary = Awaited<ReturnType<typeof listReleases>>[number];
