// The metric pull: every intervalSeconds, for each running or paused release, run the PromQL of each
// Prometheus-sourced guardrail of its current wave, feed the values through the same typed ingestion as pushes
// (parseSampleBatch + the group-committed store), record each pull with its evidence, run the watch pass, and
// keep the verdict beside the pull. One exported job, `pullMetricSources`, called by lib/main/background-jobs.ts.
import "server-only";
import { randomUUID } from "node:crypto";
import type net from "node:net";
import { parseSampleBatch, type Sample } from "../../core";
import { conditionOf, type PullStatus } from "../../core/evidence";
import { effectivePrometheusSource } from "../../core/effective-source";
import { renderQuery } from "../../core/metric-source";
import { guardrailsForWave } from "../../../plans/core/wave-guardrails";
import { metricsOfPlan, PlanSchema, type Guardrail, type Plan } from "../../../plans/core/plan";
import { config } from "../../../platform/config/config";
import { db } from "../../../platform/db/client";
import { watchReleaseOnce } from "../watch-release";
import { storeSamplesGrouped } from "../group-commit";
import { allowedNetworks } from "../../../platform/net/outbound-address";
import type { QueryOutcome } from "./parse-query-response";
import { queryPrometheus } from "./query-prometheus";
import { logError } from "../../../platform/logging/ops-log";

/** How many queries may be in flight at once, across releases. */
const MAX_CONCURRENT_QUERIES = 32;

interface Schedule {
  nextDueAt: number;
  inFlight: boolean;
  /** Since when pulls have failed (null while they succeed); restored from the database after a restart. */
  failingSince: number | null | undefined;
  /** The latest pull, handed to the watch pass so it need not read it back. */
  last?: PullStatus;
}

interface PullState {
  plans: Map<string, Plan>;
  schedules: Map<string, Schedule>;
  allowed: { spec: string; list: net.BlockList } | null;
  active: number;
  waiting: (() => void)[];
}

const holder = globalThis as unknown as { __tidegatePull?: PullState };
const state = (): PullState => (holder.__tidegatePull ??= { plans: new Map(), schedules: new Map(), allowed: null, active: 0, waiting: [] });

async function withSlot<T>(fn: () => Promise<T>): Promise<T> {
  const s = state();
  if (s.active >= MAX_CONCURRENT_QUERIES) await new Promise<void>((r) => s.waiting.push(r));
  s.active++;
  try {
    return await fn();
  } finally {
    s.active--;
    s.waiting.shift()?.();
  }
}

function allowedList(): net.BlockList {
  const s = state();
  const spec = config().PROMETHEUS_ALLOWED_NETWORKS;
  if (!s.allowed || s.allowed.spec !== spec) s.allowed = { spec, list: allowedNetworks(spec) };
  return s.allowed.list;
}

export interface PulledGuardrail {
  guardrail: Guardrail;
  url: string | null;
  canaryQuery: string;
  baselineQuery: string | null;
  intervalMs: number;
  timeoutMs: number;
  source: NonNullable<ReturnType<typeof effectivePrometheusSource>>;
}

/** The pulled guardrails of a release's current wave, queries templated. */
export function pulledGuardrails(plan: Plan, release: { service: string; serviceVersion: string; currentWaveIndex: number }): PulledGuardrail[] {
  const out: PulledGuardrail[] = [];
  for (const g of guardrailsForWave(plan, release.currentWaveIndex)) {
    const source = effectivePrometheusSource(plan.source, g.source);
    if (!source) continue;
    const values = { service: release.service, version: release.serviceVersion, windowSeconds: g.windowSeconds, flag: plan.flags?.[0]?.key ?? "", metric: g.metric };
    out.push({
      guardrail: g,
      url: source.url ?? config().PROMETHEUS_URL ?? null,
      canaryQuery: renderQuery(source.canary, values),
      baselineQuery: source.baseline ? renderQuery(source.baseline, values) : null,
      intervalMs: source.intervalSeconds * 1000,
      timeoutMs: source.timeoutSeconds * 1000,
      source,
    });
  }
  return out;
}

/** Plans never change after creation: each is read and parsed once, not on every tick. */
async function plansOf(ids: string[]): Promise<void> {
  const s = state();
  const missing = ids.filter((id) => !s.plans.has(id));
  if (missing.length === 0) return;
  const rows = await db().release.findMany({ where: { id: { in: missing } }, select: { id: true, planJson: true } });
  for (const row of rows) {
    try {
      s.plans.set(row.id, PlanSchema.parse(JSON.parse(row.planJson)));
    } catch (e) {
      logError("metric pull: unreadable plan", { releaseId: row.id, error: (e as Error).message });
    }
  }
}

/** Runs due pulls; resolves when the pulls it started have been stored and judged. Never throws. */
export async function pullMetricSources(now = Date.now()): Promise<{ started: number }> {
  const s = state();
  let live: { id: string; service: string; serviceVersion: string; currentWaveIndex: number; run: number }[];
  try {
    live = await db().release.findMany({
      where: { status: { in: ["running", "paused"] } },
      select: { id: true, service: true, serviceVersion: true, currentWaveIndex: true, run: true },
    });
    await plansOf(live.map((r) => r.id));
  } catch (e) {
    logError("metric pull: listing releases failed", { error: (e as Error).message });
    return { started: 0 };
  }
  const liveKeys = new Set<string>();
  const work: Promise<void>[] = [];
  for (const release of live) {
    const plan = s.plans.get(release.id);
    if (!plan) continue;
    const due: { pulled: PulledGuardrail; scheduledAt: number; schedule: Schedule }[] = [];
    for (const pulled of pulledGuardrails(plan, release)) {
      const key = `${release.id}|${release.run}|${pulled.guardrail.metric}`;
      liveKeys.add(key);
      let schedule = s.schedules.get(key);
      if (!schedule) {
        schedule = { nextDueAt: now, inFlight: false, failingSince: undefined };
        s.schedules.set(key, schedule);
      }
      if (schedule.inFlight || now < schedule.nextDueAt) continue;
      const scheduledAt = schedule.nextDueAt;
      // Stay on the grid; after a stall, skip the missed slots instead of firing them all at once.
      let next = scheduledAt + pulled.intervalMs;
      if (next <= now) next = now + pulled.intervalMs - ((now - scheduledAt) % pulled.intervalMs);
      schedule.nextDueAt = next;
      schedule.inFlight = true;
      due.push({ pulled, scheduledAt, schedule });
    }
    if (due.length > 0) work.push(pullRelease(release, plan, due, s.schedules));
  }
  for (const key of s.schedules.keys()) if (!liveKeys.has(key)) s.schedules.delete(key);
  for (const id of s.plans.keys()) if (!live.some((r) => r.id === id)) s.plans.delete(id);
  const started = work.length;
  await Promise.all(work);
  return { started };
}

interface PullResult {
  id: string;
  pulled: PulledGuardrail;
  scheduledAt: number;
  canary: QueryOutcome;
  baseline: QueryOutcome | null;
  state: "ok" | "no_data" | "query_error";
  reason: string | null;
  failingSince: number | null;
  samples: Sample[];
}

async function runQuery(pulled: PulledGuardrail, query: string, time: number): Promise<QueryOutcome> {
  if (!pulled.url) {
    return { state: "query_error", reason: "no Prometheus URL: set PROMETHEUS_URL or the plan's source.prometheus.url", raw: [] };
  }
  return withSlot(() =>
    queryPrometheus({ baseUrl: pulled.url!, query, time, timeoutMs: pulled.timeoutMs, auth: pulled.source.auth, headers: pulled.source.headers, allowed: allowedList() }),
  );
}

async function restoreFailingSince(releaseId: string, run: number, metric: string): Promise<number | null> {
  const last = await db().guardrailMeasurement.findFirst({ where: { releaseId, run, metric }, orderBy: { scheduledAt: "desc" }, select: { failingSince: true } });
  return last?.failingSince?.getTime() ?? null;
}

async function pullRelease(
  release: { id: string; run: number },
  plan: Plan,
  due: { pulled: PulledGuardrail; scheduledAt: number; schedule: Schedule }[],
  schedules: Map<string, Schedule>,
): Promise<void> {
  try {
    const known = metricsOfPlan(plan);
    const results: PullResult[] = await Promise.all(
      due.map(async ({ pulled, scheduledAt, schedule }) => {
        const [canary, baseline] = await Promise.all([
          runQuery(pulled, pulled.canaryQuery, scheduledAt),
          pulled.baselineQuery ? runQuery(pulled, pulled.baselineQuery, scheduledAt) : Promise.resolve(null),
        ]);
        const metric = pulled.guardrail.metric;
        let outcomeState: PullResult["state"] = "ok";
        let reason: string | null = null;
        const samples: Sample[] = [];
        // The baseline matters only to guardrails that compare against it; without it they cannot be judged.
        const needsBaseline = pulled.guardrail.relativeTo === "baseline";
        for (const [cohort, o] of [["canary", canary], ["baseline", baseline]] as const) {
          if (!o) continue;
          if (o.state !== "ok") {
            if (cohort === "baseline" && !needsBaseline) continue;
            if (outcomeState === "ok" || o.state === "query_error") outcomeState = o.state;
            reason = `${cohort}: ${o.reason}`;
            continue;
          }
          const parsed = parseSampleBatch({ samples: [{ metric, value: o.value, ts: scheduledAt, cohort }] }, { knownMetrics: known, now: Date.now() });
          if (!parsed.ok) {
            outcomeState = "query_error";
            reason = `${cohort}: the value ${o.value} cannot be used: ${parsed.errors[0].message}`;
          } else samples.push(...parsed.samples);
        }
        if (outcomeState !== "ok") samples.length = 0;
        if (schedule.failingSince === undefined) schedule.failingSince = await restoreFailingSince(release.id, release.run, metric);
        schedule.failingSince = outcomeState === "ok" ? null : (schedule.failingSince ?? scheduledAt);
        return { id: randomUUID(), pulled, scheduledAt, canary, baseline, state: outcomeState, reason, failingSince: schedule.failingSince, samples };
      }),
    );
    const samples = results.flatMap((r) => r.samples);
    if (samples.length > 0) await storeSamplesGrouped(release.id, samples);
    const statuses = new Map<string, PullStatus>();
    for (const r of results) {
      const status: PullStatus = {
        state: r.state,
        failingSince: r.failingSince,
        reason: r.reason,
        scheduledAt: r.scheduledAt,
        canaryQuery: r.pulled.canaryQuery,
        baselineQuery: r.pulled.baselineQuery,
        canaryValue: r.canary.state === "ok" ? r.canary.value : null,
        baselineValue: r.baseline?.state === "ok" ? r.baseline.value : null,
        raw: { canary: r.canary.raw, baseline: r.baseline?.raw ?? [] },
      };
      due.find((d) => d.pulled === r.pulled)!.schedule.last = status;
    }
    // Every latest pull of the release (those not due this time too), so the watch pass reads none back.
    for (const [key, schedule] of schedules) {
      const [id, run, metric] = key.split("|");
      if (id === release.id && Number(run) === release.run && schedule.last) statuses.set(metric, schedule.last);
    }
    // The verdict: one watch pass over what was just stored, through the one command path; then the pulls are
    // written with the verdict they led to, in one statement.
    // A failed pass must not lose the pulls: they are written either way (without a verdict), and the next
    // pass (the tick or the next pull) judges them.
    let pass: Awaited<ReturnType<typeof watchReleaseOnce>> = null;
    try {
      pass = await watchReleaseOnce(release.id, new Date(), config().METRICS_BROADCAST_MS, statuses);
    } catch (e) {
      logError("metric pull: watch pass failed", { releaseId: release.id, error: (e as Error).message });
    }
    const evaluatedAt = pass ? new Date() : null;
    await db().guardrailMeasurement.createMany({
      data: results.map((r) => {
        const e = pass?.result.evaluations.find((x) => x.metric === r.pulled.guardrail.metric);
        return {
          id: r.id,
          releaseId: release.id,
          run: release.run,
          metric: r.pulled.guardrail.metric,
          scheduledAt: new Date(r.scheduledAt),
          state: r.state,
          reason: r.reason,
          failingSince: r.failingSince === null ? null : new Date(r.failingSince),
          canaryQuery: r.pulled.canaryQuery,
          baselineQuery: r.pulled.baselineQuery,
          canaryValue: r.canary.state === "ok" ? r.canary.value : null,
          baselineValue: r.baseline?.state === "ok" ? r.baseline.value : null,
          rawJson: JSON.stringify({ canary: r.canary.raw, baseline: r.baseline?.raw ?? [] }),
          windowSeconds: r.pulled.guardrail.windowSeconds,
          condition: conditionOf(r.pulled.guardrail),
          level: e?.level ?? null,
          sentence: e?.detail ?? null,
          evaluatedAt: e ? evaluatedAt : null,
        };
      }),
    });
  } catch (e) {
    logError("metric pull failed", { releaseId: release.id, error: (e as Error).message });
  } finally {
    for (const d of due) d.schedule.inFlight = false;
  }
}
