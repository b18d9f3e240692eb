// Ingests one batch for a release: all-or-nothing validation, one transaction, then an immediate watch pass.
import { parseSampleBatch } from "../../guardrails";
import { metricsOfPlan, PlanSchema } from "../../rollout/plan";
import { db } from "../db/client";
import { appError, notFound, type AppError } from "../http/app-error";
import { requestWatch } from "../guardrails/watch-scheduler";
import { recordIngest } from "./self-metrics";
import { storeSamplesGrouped } from "./group-commit";

// Plans never change after creation, so the known metric keys are cached per release.
const known = new Map<string, Set<string>>();

async function knownMetrics(releaseId: string): Promise<Set<string> | null> {
  const hit = known.get(releaseId);
  if (hit) return hit;
  const row = await db().release.findUnique({ where: { id: releaseId }, select: { planJson: true } });
  if (!row) return null;
  const keys = metricsOfPlan(PlanSchema.parse(JSON.parse(row.planJson)));
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
  await storeSamplesGrouped(releaseId, parsed.samples);
  recordIngest(true, parsed.samples.length, (performance.now() - started) / 1000);
  requestWatch(releaseId);
  return { ok: true, stored: parsed.samples.length };
}

function describe(e: { index: number | null; field: string; message: string }) {
  return `${e.index === null ? "" : `samples[${e.index}].`}${e.field}: ${e.message}`;
}
