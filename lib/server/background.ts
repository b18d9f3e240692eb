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
import { runSchedule } from "./releases/run-schedule";
import { followUpRollbacks } from "./rollback/follow-up-rollbacks";

/** Plan v2: how often rollback objectives and verifications are looked at (their resolution is seconds). */
export const ROLLBACK_FOLLOW_UP_MS = 5_000;

/** Plan v2: how often the clock's own work (auto-promotion, end of hypercare, overdue alerts) is looked at. */
export const SCHEDULE_TICK_MS = 1_000;

/** One pass of the schedule (a single job, so running it once per cluster is a one-line wrap). */
export async function scheduleJob(): Promise<void> {
  try {
    await runSchedule();
  } catch (e) {
    console.error(JSON.stringify({ msg: "schedule failed", error: (e as Error).message }));
  }
}

/** One pass of the rollback follow-up (a single job, so running it once per cluster is a one-line wrap). */
export async function rollbackFollowUpJob(): Promise<void> {
  try {
    await followUpRollbacks();
  } catch (e) {
    console.error(JSON.stringify({ msg: "rollback follow-up failed", error: (e as Error).message }));
  }
}

export function startBackgroundWork(): () => void {
  const cfg = config();
  // Deliver whatever committed before the last stop (a crash between commit and publish loses nothing).
  kickLiveDispatcher();
  const tick = setInterval(async () => {
    try {
      const live = await db().release.findMany({
        where: {
          OR: [
            { status: { in: ["running", "paused", "hypercare"] } },
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
    } catch (e) {
      console.error(JSON.stringify({ msg: "retention failed", error: (e as Error).message }));
    }
  }, 60_000);
  const rollbackFollowUp = setInterval(rollbackFollowUpJob, ROLLBACK_FOLLOW_UP_MS);
  const schedule = setInterval(scheduleJob, SCHEDULE_TICK_MS);
  tick.unref();
  outbox.unref();
  prune.unref();
  rollbackFollowUp.unref();
  schedule.unref();
  return () => {
    clearInterval(schedule);
    clearInterval(rollbackFollowUp);
    clearInterval(tick);
    clearInterval(outbox);
    clearInterval(prune);
  };
}
