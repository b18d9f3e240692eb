// The measurements of one guardrail for a release's run (GET /api/releases/:id/guardrails/:metric/measurements):
// every pull with its resolved query, raw values, data state, and the verdict it led to, newest first.
import "server-only";
import { db } from "../../platform/db/client";

export interface MeasurementView {
  id: string;
  run: number;
  metric: string;
  scheduledAt: string;
  state: string;
  reason: string | null;
  failingSince: string | null;
  canaryQuery: string;
  baselineQuery: string | null;
  canaryValue: number | null;
  baselineValue: number | null;
  raw: unknown;
  windowSeconds: number;
  condition: string;
  level: string | null;
  sentence: string | null;
  evaluatedAt: string | null;
  /** Scheduled time to verdict stored, in ms. */
  lagMs: number | null;
}

export async function listMeasurements(
  releaseId: string,
  metric: string,
  opts: { run?: number; limit: number; before?: Date },
): Promise<{ run: number; measurements: MeasurementView[] } | null> {
  const release = await db().release.findUnique({ where: { id: releaseId }, select: { run: true } });
  if (!release) return null;
  const run = opts.run ?? release.run;
  const rows = await db().guardrailMeasurement.findMany({
    where: { releaseId, metric, run, ...(opts.before ? { scheduledAt: { lt: opts.before } } : {}) },
    orderBy: { scheduledAt: "desc" },
    take: opts.limit,
  });
  return {
    run,
    measurements: rows.map((r) => ({
      id: r.id,
      run: r.run,
      metric: r.metric,
      scheduledAt: r.scheduledAt.toISOString(),
      state: r.state,
      reason: r.reason,
      failingSince: r.failingSince?.toISOString() ?? null,
      canaryQuery: r.canaryQuery,
      baselineQuery: r.baselineQuery,
      canaryValue: r.canaryValue,
      baselineValue: r.baselineValue,
      raw: JSON.parse(r.rawJson),
      windowSeconds: r.windowSeconds,
      condition: r.condition,
      level: r.level,
      sentence: r.sentence,
      evaluatedAt: r.evaluatedAt?.toISOString() ?? null,
      lagMs: r.evaluatedAt ? r.evaluatedAt.getTime() - r.scheduledAt.getTime() : null,
    })),
  };
}
