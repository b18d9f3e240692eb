// The background job: every GATE_CHECK_INTERVAL_MS, re-ask the external checks of every release waiting at a gate
// that has them, so the go/no-go panel shows a current answer without anyone pressing a button.
import "server-only";
import { PlanSchema } from "../../plans/core/plan";
import { db } from "../../platform/db/client";
import { checksAtGate, runGateChecks } from "./run-gate-checks";
import { logError } from "../../platform/logging/ops-log";

export async function refreshGateChecks(): Promise<void> {
  try {
    const waiting = await db().release.findMany({
      where: { status: { in: ["draft", "running", "paused"] } },
      select: { id: true, planJson: true, status: true, currentWaveIndex: true },
    });
    for (const r of waiting) {
      const parsed = PlanSchema.safeParse(JSON.parse(r.planJson));
      if (parsed.success && checksAtGate(parsed.data, r.status, r.currentWaveIndex)) await runGateChecks(r.id);
    }
  } catch (e) {
    logError("gate check refresh failed", { error: (e as Error).message });
  }
}
