// Periodic work the server does on its own: the guardrail tick (so silence is noticed, not only data), the
// outbox poll (messages committed by other processes, or before a crash) and retention.
import { config } from "./config";
import { db } from "./db/client";
import { requestWatch } from "./guardrails/watch-scheduler";
import { pruneSamples } from "./metrics/prune-samples";
import { kickLiveDispatcher } from "./outbox/live-dispatcher";
import { pruneBookkeeping } from "./outbox/prune-bookkeeping";
import { pullMetricSources } from "./prometheus/pull-metric-sources";

export const OUTBOX_POLL_MS = 1_000;
import { pruneLoginAttempts } from "./auth/login-rate-limit";
import { pruneRevokedSessions } from "./auth/revoked-sessions";
import { dispatchWebhooks } from "./webhooks/dispatch-webhooks";
import { pruneDeliveries } from "./webhooks/prune-deliveries";
import { refreshGateChecks } from "./checks/refresh-gate-checks";

export function startBackgroundWork(): () => void {
  const cfg = config();
  // Deliver whatever committed before the last stop (a crash between commit and publish loses nothing).
  kickLiveDispatcher();
  const tick = setInterval(async () => {
    try {
      const live = await db().release.findMany({
        where: {
          OR: [
            { status: { in: ["running", "paused"] } },
            // Drafts whose pre-deployment checklist has metric-bound items evaluate them, so START can open.
            { status: "draft", checklist: { some: { waveIndex: null, metricJson: { not: null } } } },
          ],
        },
        select: { id: true },
      });
      for (const r of live) requestWatch(r.id);
    } catch (e) {
      console.error(JSON.stringify({ msg: "guardrail tick failed", error: (e as Error).message }));
    }
  }, cfg.GUARDRAIL_TICK_MS);
  const outbox = setInterval(kickLiveDispatcher, OUTBOX_POLL_MS);
  const prune = setInterval(async () => {
    try {
      await pruneSamples(cfg.METRICS_RETENTION_HOURS);
      await pruneBookkeeping(cfg.METRICS_RETENTION_HOURS);
      // Login attempts older than the throttling window and ended sessions past their expiry count for nothing.
      await pruneLoginAttempts();
      await pruneRevokedSessions();
      await pruneDeliveries();
    } catch (e) {
      console.error(JSON.stringify({ msg: "retention failed", error: (e as Error).message }));
    }
  }, 60_000);
  const pull = setInterval(pullMetrics, cfg.PROMETHEUS_PULL_TICK_MS);
  // Webhooks and traffic hooks (issue 12): one job, idempotent per (target, event), safe to run on every instance.
  void dispatchWebhooks();
  const webhooks = setInterval(() => void dispatchWebhooks(), OUTBOX_POLL_MS);
  // External gate checks of releases waiting at a gate, re-asked every minute.
  const checks = setInterval(refreshGateChecks, cfg.GATE_CHECK_INTERVAL_MS);
  tick.unref();
  outbox.unref();
  prune.unref();
  pull.unref();
  webhooks.unref();
  checks.unref();
  return () => {
    clearInterval(tick);
    clearInterval(outbox);
    clearInterval(prune);
    clearInterval(pull);
    clearInterval(webhooks);
    clearInterval(checks);
  };
}

/** The Prometheus pull (issue 11): runs the queries that are due and feeds their values to the guardrails. */
export async function pullMetrics(): Promise<void> {
  try {
    await pullMetricSources();
  } catch (e) {
    console.error(JSON.stringify({ msg: "metric pull failed", error: (e as Error).message }));
  }
}
