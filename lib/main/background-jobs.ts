// Periodic work the server does on its own. Once-per-cluster work (the guardrail tick, retention, metric pulls,
// webhooks, the release clock) is the job catalogue (job-catalogue.ts), run on the leader only. This file also wires
// the outbox consumers to their wake-ups: this process's committed signal, the cluster bus and the outbox poll
// (messages committed by other processes, or before a crash), which runs on every instance (each delivers to its own
// sockets and keeps its own flag store).
import "server-only";
import { requestWatch } from "../guardrails/server/watch-scheduler";
import { kickLiveDispatcher, kickLiveDispatcherFor, offerCommittedToLive } from "../realtime/server/live-dispatcher";
import { onCommitted } from "../platform/outbox/committed-signal";
import { signalledPosition } from "../platform/outbox/outbox-position";
import { kickFlagOutbox } from "../flags/server/follow-outbox";
import { forgetCachedTokens } from "../auth/server/api-tokens";
import { AUTH_CHANNEL, fromElsewhere, onBusReconnect, onClusterSignal, OUTBOX_CHANNEL, SAMPLES_CHANNEL, startClusterBus } from "../platform/cluster/cluster-bus";
import { registerClusterJobs, startClusterJobs } from "../platform/jobs/cluster-jobs";
import { jobCatalogue } from "./job-catalogue";
import { cutSocketsSoonHere } from "../realtime/server/revalidate-sockets";
import { kickWebhooks } from "../webhooks/server/dispatch-webhooks";
import { kickTrafficRouters } from "../traffic/server";
import { startExposureReports } from "../flags/server/cluster-exposure";

export const OUTBOX_POLL_MS = 1_000;

export function startBackgroundWork(): () => void {
  // This process's commits: the write path signals, the outbox consumers read (the flag store subscribes itself).
  const unsubscribeLive = onCommitted(offerCommittedToLive);
  const unsubscribeWebhooks = onCommitted(() => kickWebhooks()); // a no-op except where the webhooks job runs
  const unsubscribeTraffic = onCommitted((messages) => kickTrafficRouters(messages)); // likewise: the traffic routers' leader job
  // Signals from the other instances sharing the database: committed outbox messages, samples, auth changes.
  onClusterSignal(OUTBOX_CHANNEL, (payload) => {
    if (!fromElsewhere(payload)) return;
    const target = signalledPosition(payload);
    kickLiveDispatcherFor(target?.txid ?? null);
    kickFlagOutbox(target);
    kickWebhooks();
    kickTrafficRouters();
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
  // Once-per-cluster work, on the leader only: the catalogue lists every capability's jobs.
  registerClusterJobs(jobCatalogue());
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
    unsubscribeTraffic();
    stopExposureReports();
    // Closing the lease connection hands leadership over at once instead of after the lease.
    void stopJobs();
    void stopBus();
  };
}
