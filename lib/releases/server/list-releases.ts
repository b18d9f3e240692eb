// The overview's rows: every release with its status, wave, traffic, health and commander.
import "server-only";
import { db } from "../../platform/db/client";
import type { Plan } from "../../plans/core/plan";
import { healthFrom } from "./release-view";
import { trackStatesOf, tracksFromJson } from "../core/tracks";
import { NO_STAGE_FACTS, hasStages, stageGate, type StageFacts } from "../core/stage-gate";
import { stageMapOf } from "../core/stage-map";
import { stageFactsOf } from "./load-release";
import { trackLine, trackNames } from "../core/track-line";

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
  // Issue 25: releases with stages also show what holds their next stage (a broken soak, a missing approval).
  const facts = new Map<string, StageFacts>();
  for (const r of rows) {
    const plan = planOrEmpty(r.planJson);
    if (r.status !== "completed" && r.status !== "rolled_back" && hasStages(plan)) facts.set(r.id, await stageFactsOf(db(), r.id, plan));
  }
  return rows.map((r) => {
    // A row's plan was validated when it was created; a damaged one must not take the whole overview down.
    const plan = planOrEmpty(r.planJson);
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
      /** Issue 22: a programme's tracks in one line each ("Search migration: 50 %"); null without tracks. */
      tracks: plan.tracks?.length ? trackLinesOf(plan, r.tracksJson, facts.get(r.id)) : null,
      /** Issue 25: the stage map (staging -> eu -> us) and what holds the next stage; null without stages. */
      stages: hasStages(plan) ? stageMapOf(stageInputsOf(plan, r.tracksJson, facts.get(r.id))) : null,
    };
  });
}

function trackLinesOf(plan: Plan, tracksJson: string | null, facts: StageFacts = NO_STAGE_FACTS, now = new Date()): string[] {
  const names = trackNames(plan.tracks ?? []);
  return stageInputsOf(plan, tracksJson, facts, now).map((t) => trackLine({ ...t, waitingFor: t.waitingFor ?? undefined }, names));
}

function stageInputsOf(plan: Plan, tracksJson: string | null, facts: StageFacts = NO_STAGE_FACTS, now = new Date()) {
  const states = trackStatesOf(plan, tracksFromJson(tracksJson));
  return (plan.tracks ?? []).map((t) => {
    const s = states[t.key];
    const gate = s.status === "draft" ? stageGate(plan, t, states, facts, now) : null;
    return {
      key: t.key,
      name: t.name,
      kind: t.kind,
      environment: t.environment ?? null,
      status: s.status,
      trafficPercent: s.trafficPercent,
      waitingFor: gate && gate.kind !== "open" ? gate.message : null,
      promotionBlocked: gate?.kind === "failed" ? gate.message : null,
      after: t.after,
    };
  });
}

function planOrEmpty(planJson: string): Plan {
  try {
    const plan = JSON.parse(planJson) as Partial<Plan>;
    return { ...plan, waves: Array.isArray(plan.waves) ? plan.waves : [] } as Plan;
  } catch {
    return { waves: [] } as unknown as Plan;
  }
}

export type ReleaseSummary = Awaited<ReturnType<typeof listReleases>>[number];
