// The traffic routers' once-per-cluster job, for the job catalogue (lib/main/job-catalogue.ts), and the commit's kick.
import "server-only";
import { config } from "../../platform/config/config";
import { leadership, type ClusterJobEntry } from "../../platform/jobs/cluster-jobs";
import { logError } from "../../platform/logging/ops-log";
import { TrafficRouterDriver } from "./drive-traffic-routers";
import { configuredRouters } from "./router-registry";

const holder = globalThis as unknown as { __tidegateTraffic?: { driver: TrafficRouterDriver; started: boolean } };

export function trafficRouterDriver(): TrafficRouterDriver {
  holder.__tidegateTraffic ??= { driver: new TrafficRouterDriver({ epoch: () => leadership().epoch }), started: false };
  return holder.__tidegateTraffic.driver;
}

async function driveTrafficRouters(watch: boolean): Promise<void> {
  const driver = trafficRouterDriver();
  holder.__tidegateTraffic!.started = true;
  try {
    await driver.run(watch);
  } catch (e) {
    logError("traffic routers failed", { error: (e as Error).message });
  }
}

export function trafficJobs(): ClusterJobEntry[] {
  // A bad TRAFFIC_ROUTERS stops the start, naming what is wrong (as every other configuration variable).
  configuredRouters();
  // Writes what committed state changes asked for, retries what is unconfirmed, re-reads weights (drift) and counters.
  return [{ name: "traffic-routers", intervalMs: config().TRAFFIC_ROUTER_POLL_MS, run: () => driveTrafficRouters(true) }];
}

/**
 * Right after a commit: a rollback's write at once (from the signal, no database read), then the pipeline, rather
 * than at the next tick. Only where the job runs (the leader); other instances' commits arrive through the poll.
 */
export function kickTrafficRouters(messages?: readonly { event?: { type: string; releaseId: string; data: Record<string, unknown> } }[]): void {
  if (!holder.__tidegateTraffic?.started) return;
  if (messages) holder.__tidegateTraffic.driver.rollbackNow(messages);
  void driveTrafficRouters(false);
}
