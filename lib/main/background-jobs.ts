// Periodic work the server does on its own: the guardrail tick (so silence is noticed, not only data), the
// outbox poll (messages committed by other processes, or before a crash) and retention. It also wires the outbox
// consumers to their wake-ups: this process's committed signal, the cluster bus and the poll.
// Once-per-cluster work (tick, retention) is registered with the cluster job runner and runs on the leader only;
// the outbox poll runs on every instance (each delivers to its own sockets).
import { config } from "../platform/config/config";
import { db } from "../platform/db/client";
import { requestWatch } from "../guardrails/server/watch-scheduler";
import { pruneSamples } from "../guardrails/server/prune-samples";
import { kickLiveDispatcher, kickLiveDispatcherFor, offerCommittedToLive } from "../realtime/server/live-dispatcher";
import { onCommitted } from "../platform/outbox/committed-signal";
import { signalledPosition } from "../platform/outbox/outbox-position";
import { kickFlagOutbox } from "../flags/server/follow-outbox";
import { pruneBookkeeping } from "../platform/outbox/prune-bookkeeping";

export const OUTBOX_POLL_MS = 1_000;
import { pruneLoginAttempts } from "../auth/server/login-rate-limit";
import { pruneRevokedSessions } from "../auth/server/revoked-sessions";
import { forgetCachedTokens } from "../auth/server/api-tokens";
import { AUTH_CHANNEL, fromElsewhere, onBusReconnect, onClusterSignal, OUTBOX_CHANNEL, SAMPLES_CHANNEL, startClusterBus } from "../platform/cluster/cluster-bus";
import { registerClusterJob, startClusterJobs, type JobContext } from "../platform/jobs/cluster-jobs";
import { checkFence } from "../platform/cluster/fence";
import { cutSocketsSoonHere } from "../realtime/server/revalidate-sockets";
import { pullMetricSources } from "../guardrails/server/prometheus/pull-metric-sources";
import { dispatchWebhooks, kickWebhooks } from "../webhooks/server/dispatch-webhooks";
import { pruneDeliveries } from "../webhooks/server/prune-deliveries";
import { refreshGateChecks } from "../webhooks/server/refresh-gate-checks";
import { runSchedule } from "../releases/server/run-schedule";
import { followUpRollbacks } from "../releases/server/follow-up-rollbacks";
import { startExposureReports } from "../flags/server/cluster-exposure";

/** Plan v2: how often rollback objectives and verifications are looked at (their resolution is seconds). */
export const ROLLBACK_FOLLOW_UP_MS = 5_000;

/** Plan v2: how often the clock's own work (auto-promotion, end of hypercare, overdue alerts) is looked at. */
export const SCHEDULE_TICK_MS = 1_000;

/** Stops a pass of an old leader before it writes anything (the writes of a current one carry on). */
async function stillLeading(epoch: number | null): Promise<void> {
  if (epoch !== null) await db().$transaction((tx) => checkFence(tx, epoch));
}

/** Cluster job: a watch pass for every live release (the leader's passes act; see watch-release.ts). */
export async function guardrailTick(): Promise<void> {
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
}

/**
 * Cluster job: retention. Each step deletes only rows past retention, so a step repeated by an old leader changes
 * nothing a current one would not; the fence is still checked before each step so a stale leader stops at once.
 */
export async function retention({ epoch }: JobContext): Promise<void> {
  const cfg = config();
  const fenced = () => db().$transaction((tx) => checkFence(tx, epoch));
  await fenced();
  await pruneSamples(cfg.METRICS_RETENTION_HOURS);
  await fenced();
  await pruneBookkeeping(cfg.METRICS_RETENTION_HOURS);
  // Login attempts older than the throttling window and ended sessions past their expiry count for nothing.
  await fenced();
  await pruneLoginAttempts();
  await pruneRevokedSessions();
  await fenced();
  await pruneDeliveries();
}

/**
 * Cluster job: the Prometheus pull (issue 11) runs the queries that are due and feeds their values to the
 * guardrails. Only the current leader pulls, so a value is stored once (a stale leader's pass stops at the fence).
 */
export async function pullMetrics({ epoch }: JobContext): Promise<void> {
  await stillLeading(epoch);
  await pullMetricSources();
}

/** Cluster job (plan v2): the clock's own work, auto-promotion, the end of hypercare and overdue alerts. */
export async function scheduleJob({ epoch }: JobContext): Promise<void> {
  await stillLeading(epoch);
  await runSchedule();
}

/** Cluster job (plan v2): rollback objectives and verifications. */
export async function rollbackFollowUpJob({ epoch }: JobContext): Promise<void> {
  await stillLeading(epoch);
  await followUpRollbacks();
}

export function startBackgroundWork(): () => void {
  const cfg = config();
  // This process's commits: the write path signals, the outbox consumers read (the flag store subscribes itself).
  const unsubscribeLive = onCommitted(offerCommittedToLive);
  const unsubscribeWebhooks = onCommitted(() => kickWebhooks()); // a no-op except where the webhooks job runs
  // Signals from the other instances sharing the database: committed outbox messages, samples, auth changes.
  onClusterSignal(OUTBOX_CHANNEL, (payload) => {
    if (!fromElsewhere(payload)) return;
    const target = signalledPosition(payload);
    kickLiveDispatcherFor(target?.txid ?? null);
    kickFlagOutbox(target);
    kickWebhooks();
  });
  onClusterSignal(SAMPLES_CHANNEL, (payload) => {
    if (fromElsewhere(payload)) requestWatch(payload.slice(payload.indexOf("|") + 1));
  });
  onClusterSignal(AUTH_CHANNEL, (from) => {
    if (!fromElsewhere(from)) return;
    forgetCachedTokens();
    cutSocketsSoonHere();
  });
  onBusReconnect(() => {
    kickLiveDispatcher();
    kickFlagOutbox();
  });
  const stopBus = startClusterBus();
  registerClusterJob("guardrail-tick", cfg.GUARDRAIL_TICK_MS, guardrailTick);
  registerClusterJob("retention", 60_000, retention);
  registerClusterJob("metric-pull", cfg.PROMETHEUS_PULL_TICK_MS, pullMetrics);
  registerClusterJob("schedule", SCHEDULE_TICK_MS, scheduleJob);
  registerClusterJob("rollback-follow-up", ROLLBACK_FOLLOW_UP_MS, rollbackFollowUpJob);
  // Webhooks and traffic hooks (issue 12): each delivery is a unique row claimed before sending, so even a second
  // dispatcher (a commit's kick on another instance, an old leader) never sends one twice; the leader polls.
  registerClusterJob("webhooks", OUTBOX_POLL_MS, () => dispatchWebhooks());
  // External gate checks of releases waiting at a gate, re-asked every minute.
  registerClusterJob("gate-checks", cfg.GATE_CHECK_INTERVAL_MS, () => refreshGateChecks());
  const stopJobs = startClusterJobs();
  // Each instance's flag evaluation counts, for the board's cluster-wide sum (PostgreSQL only).
  const stopExposureReports = startExposureReports();
  // Deliver whatever committed before the last stop (a crash between commit and publish loses nothing).
  kickLiveDispatcher();
  const outbox = setInterval(() => {
    kickLiveDispatcher();
    kickFlagOutbox();
  }, OUTBOX_POLL_MS);
  outbox.unref();
  return () => {
    clearInterval(outbox);
    unsubscribeLive();
    unsubscribeWebhooks();
    stopExposureReports();
    // Closing the lease connection hands leadership over at once instead of after the lease.
    void stopJobs();
    void stopBus();
  };
}
