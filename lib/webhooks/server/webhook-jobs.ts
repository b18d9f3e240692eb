// Webhooks' and gate checks' once-per-cluster jobs, for the job catalogue (lib/main/job-catalogue.ts).
import "server-only";
import { config } from "../../platform/config/config";
import type { ClusterJobEntry } from "../../platform/jobs/cluster-jobs";
import { dispatchWebhooks } from "./dispatch-webhooks";
import { refreshGateChecks } from "./refresh-gate-checks";

/** The leader's poll for deliveries due (retries, and commits whose kick went to another instance). */
export const WEBHOOK_POLL_MS = 1_000;

export function webhookJobs(): ClusterJobEntry[] {
  return [
    // Webhooks and traffic hooks (issue 12): each delivery is a unique row claimed before sending, so even a second
    // dispatcher (a commit's kick on another instance, an old leader) never sends one twice; the leader polls.
    { name: "webhooks", intervalMs: WEBHOOK_POLL_MS, run: () => dispatchWebhooks() },
    // External gate checks of releases waiting at a gate, re-asked every minute.
    { name: "gate-checks", intervalMs: config().GATE_CHECK_INTERVAL_MS, run: () => refreshGateChecks() },
  ];
}
