// Periodic work the server does on its own: the guardrail tick (so silence is noticed, not only data), the
// outbox poll (messages committed by other processes, or before a crash) and retention.
import { config } from "./config";
import { db } from "./db/client";
import { requestWatch } from "./guardrails/watch-scheduler";
import { pruneSamples } from "./metrics/prune-samples";
import { kickLiveDispatcher } from "./outbox/live-dispatcher";
import { pruneBookkeeping } from "./outbox/prune-bookkeeping";

export const OUTBOX_POLL_MS = 1_000;
import { pruneLoginAttempts } from "./auth/login-rate-limit";
import { pruneRevokedSessions } from "./auth/revoked-sessions";
import { logError } from "./logging/ops-log";

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
      logError("guardrail tick failed", { error: (e as Error).message });
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
    } catch (e) {
      logError("retention failed", { error: (e as Error).message });
    }
  }, 60_000);
  tick.unref();
  outbox.unref();
  prune.unref();
  return () => {
    clearInterval(tick);
    clearInterval(outbox);
    clearInterval(prune);
  };
}
