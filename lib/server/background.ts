// Periodic work the server does on its own: the guardrail tick (so silence is noticed, not only data) and retention.
import { config } from "./config";
import { db } from "./db/client";
import { requestWatch } from "./guardrails/watch-scheduler";
import { pruneSamples } from "./metrics/prune-samples";
import { pruneLoginAttempts } from "./auth/login-rate-limit";
import { pruneRevokedSessions } from "./auth/revoked-sessions";

export function startBackgroundWork(): () => void {
  const cfg = config();
  const tick = setInterval(async () => {
    try {
      const live = await db().release.findMany({ where: { status: { in: ["running", "paused"] } }, select: { id: true } });
      for (const r of live) requestWatch(r.id);
    } catch (e) {
      console.error(JSON.stringify({ msg: "guardrail tick failed", error: (e as Error).message }));
    }
  }, cfg.GUARDRAIL_TICK_MS);
  const prune = setInterval(async () => {
    try {
      await pruneSamples(cfg.METRICS_RETENTION_HOURS);
      // Login attempts older than the throttling window and ended sessions past their expiry count for nothing.
      await pruneLoginAttempts();
      await pruneRevokedSessions();
    } catch (e) {
      console.error(JSON.stringify({ msg: "retention failed", error: (e as Error).message }));
    }
  }, 60_000);
  tick.unref();
  prune.unref();
  return () => {
    clearInterval(tick);
    clearInterval(prune);
  };
}
