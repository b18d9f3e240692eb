// Periodic work the server does on its own. Once-per-cluster work (the guardrail tick, retention, metric pulls,
// webhooks, the release clock) is the job catalogue (job-catalogue.ts), run on the leader only; the outbox poll
// (messages committed by other processes, or before a crash) runs on every instance (each delivers to its own sockets).
import "server-only";
import { requestWatch } from "../guardrails/server/watch-scheduler";
import { kickLiveDispatcher } from "../realtime/server/live-dispatcher";

export const OUTBOX_POLL_MS = 1_000;
import { forgetCachedTokens } from "../auth/server/api-tokens";
import { AUTH_CHANNEL, fromElsewhere, onBusReconnect, onClusterSignal, OUTBOX_CHANNEL, SAMPLES_CHANNEL, startClusterBus } from "../platform/cluster/cluster-bus";
import { registerClusterJobs, startClusterJobs } from "../platform/jobs/cluster-jobs";
import { jobCatalogue } from "./job-catalogue";
import { cutSocketsSoonHere } from "../realtime/server/revalidate-sockets";
import { kickWebhooks } from "../webhooks/server/dispatch-webhooks";
import { startExposureReports } from "../flags/server/cluster-exposure";

export function startBackgroundWork(): () => void {
  // Signals from the other instances sharing the database: new outbox positions, samples, auth changes.
  onClusterSignal(OUTBOX_CHANNEL, (from) => {
    if (!fromElsewhere(from)) return;
    kickLiveDispatcher();
    kickWebhooks(); // a no-op except on the instance that dispatches (the leader)
  });
  onClusterSignal(SAMPLES_CHANNEL, (payload) => {
    if (fromElsewhere(payload)) requestWatch(payload.slice(payload.indexOf("|") + 1));
  });
  onClusterSignal(AUTH_CHANNEL, (from) => {
    if (!fromElsewhere(from)) return;
    forgetCachedTokens();
    cutSocketsSoonHere();
  });
  onBusReconnect(kickLiveDispatcher);
  const stopBus = startClusterBus();
  // Once-per-cluster work, on the leader only: the catalogue lists every capability's jobs.
  registerClusterJobs(jobCatalogue());
  const stopJobs = startClusterJobs();
  // Each instance's flag evaluation counts, for the board's cluster-wide sum (PostgreSQL only).
  const stopExposureReports = startExposureReports();
  // Deliver whatever committed before the last stop (a crash between commit and publish loses nothing).
  kickLiveDispatcher();
  const outbox = setInterval(kickLiveDispatcher, OUTBOX_POLL_MS);
  outbox.unref();
  return () => {
    clearInterval(outbox);
    stopExposureReports();
    // Closing the lease connection hands leadership over at once instead of after the lease.
    void stopJobs();
    void stopBus();
  };
}
