// Ingests one batch for a release: all-or-nothing validation, one transaction, then an immediate watch pass.
import "server-only";
import { parseSampleBatch } from "../core";
import { effectivePrometheusSource } from "../core/effective-source";
import { metricsOfPlan, PlanSchema } from "../../plans/core/plan";
import { db } from "../../platform/db/client";
import { appError, notFound, type AppError } from "../../platform/http/app-error";
import { requestWatch, WATCH_MIN_INTERVAL_MS } from "./watch-scheduler";
import { SAMPLES_CHANNEL, signalCluster } from "../../platform/cluster/cluster-bus";
import { instanceId } from "../../platform/cluster/instance-id";
import { recordIngest } from "../../platform/observability/self-metrics";
import { storeSamplesGrouped } from "./group-commit";

// Plans never change after creation, so the known metric keys are cached per release.
const known = new Map<string, Set<string>>();
/** Metrics the plan pulls from Prometheus: a guardrail uses pulls or pushes, never both (issue 11). */
const pulledByRelease = new Map<string, Set<string>>();

async function knownMetrics(releaseId: string): Promise<Set<string> | null> {
  const hit = known.get(releaseId);
  if (hit) return hit;
  const row = await db().release.findUnique({ where: { id: releaseId }, select: { planJson: true } });
  if (!row) return null;
  const plan = PlanSchema.parse(JSON.parse(row.planJson));
  const keys = metricsOfPlan(plan);
  const pulled = new Set<string>();
  for (const g of [...plan.guardrails, ...plan.waves.flatMap((w) => w.guardrails)]) {
    if (effectivePrometheusSource(plan.source, g.source)) pulled.add(g.metric);
  }
  pulledByRelease.set(releaseId, pulled);
  known.set(releaseId, keys);
  return keys;
}

export async function ingestSamples(releaseId: string, body: unknown): Promise<{ ok: true; stored: number } | { ok: false; error: AppError }> {
  const started = performance.now();
  const metrics = await knownMetrics(releaseId);
  if (!metrics) return { ok: false, error: notFound("Release", releaseId) };
  const parsed = parseSampleBatch(body, { knownMetrics: metrics, now: Date.now() });
  if (!parsed.ok) {
    recordIngest(false, 0, (performance.now() - started) / 1000);
    const shown = parsed.errors.slice(0, 200);
    return {
      ok: false,
      error: appError(
        400,
        "invalid_samples",
        `The batch was rejected whole: ${parsed.errors.length} problem${parsed.errors.length === 1 ? "" : "s"} (first: ${describe(shown[0])})`,
        { errors: shown, totalErrors: parsed.errors.length },
      ),
    };
  }
  const pulled = pulledByRelease.get(releaseId);
  const clash = pulled?.size ? parsed.samples.findIndex((x) => pulled.has(x.metric)) : -1;
  if (clash >= 0) {
    const metric = parsed.samples[clash].metric;
    recordIngest(false, 0, (performance.now() - started) / 1000);
    const message = `metric "${metric}" is pulled from Prometheus by this release's plan (source.prometheus); its values cannot also be pushed`;
    return {
      ok: false,
      error: appError(400, "invalid_samples", `The batch was rejected whole: samples[${clash}].metric: ${message}`, {
        errors: [{ index: clash, field: "metric", message }],
        totalErrors: 1,
      }),
    };
  }
  await storeSamplesGrouped(releaseId, parsed.samples);
  recordIngest(true, parsed.samples.length, (performance.now() - started) / 1000);
  requestWatch(releaseId);
  signalSamples(releaseId);
  return { ok: true, stored: parsed.samples.length };
}

// The other instances (the leader evaluates; every instance refreshes its own dashboards) hear of new samples at
// most once per watch interval per release, the last batch of a burst always signalled.
const signalled = new Map<string, { at: number; trailing: NodeJS.Timeout | null }>();
function signalSamples(releaseId: string): void {
  const slot = signalled.get(releaseId) ?? { at: 0, trailing: null };
  signalled.set(releaseId, slot);
  if (slot.trailing) return;
  const wait = slot.at + WATCH_MIN_INTERVAL_MS - Date.now();
  const send = () => {
    slot.trailing = null;
    slot.at = Date.now();
    signalCluster(SAMPLES_CHANNEL, `${instanceId()}|${releaseId}`);
  };
  if (wait <= 0) {
    send();
    return;
  }
  slot.trailing = setTimeout(send, wait);
  slot.trailing.unref();
}

function describe(e: { index: number | null; field: string; message: string }) {
  return `${e.index === null ? "" : `samples[${e.index}].`}${e.field}: ${e.message}`;
}
