// npm run demo -- --router haproxy: a real HAProxy on loopback carries a release's waves. Two tiny backends answer
// "stable" and "canary", a request generator sends ~100 requests/s through HAProxy, and the board's traffic router
// panel shows the weights Tidegate set, what HAProxy reads back, and the split it really served (0 % after ROLLBACK).
import { PlanSchema } from "../../lib/plans/core/plan";
import { haproxyInstalled, HAPROXY_BIN, startHaproxyLab, startLoad } from "../traffic/haproxy-lab";

export const HAPROXY_DEMO_SERVICE = "checkout-haproxy";

/** Starts HAProxy and sets TRAFFIC_ROUTERS for this process and the server it starts (call before anything reads config). */
export async function startHaproxyForDemo() {
  if (!haproxyInstalled()) throw new Error(`--router haproxy needs HAProxy at ${HAPROXY_BIN} (Debian: apt-get install haproxy)`);
  const lab = await startHaproxyLab();
  process.env.TRAFFIC_ROUTERS = JSON.stringify({ edge: lab.routerConfig });
  process.env.TRAFFIC_ROUTER_POLL_MS ||= "1000";
  return lab;
}

/** A fresh release on the router each run (HAProxy starts again at stable 256 / canary 0); earlier ones are rolled back. */
export async function seedHaproxyRelease(commander: string): Promise<string> {
  const { db } = await import("../../lib/platform/db/client");
  const { createRelease } = await import("../../lib/releases/server/create-release");
  const { applyCommand } = await import("../../lib/releases/server/apply-command");
  const earlier = await db().release.findMany({ where: { service: HAPROXY_DEMO_SERVICE, status: { in: ["running", "paused"] } }, select: { id: true } });
  for (const r of earlier) {
    await applyCommand(r.id, { command: { type: "rollback", actor: "demo", reason: "A new demo run starts HAProxy afresh" } });
  }
  const stamp = new Date().toISOString().slice(0, 16).replace(/[-:T]/g, "");
  const plan = PlanSchema.parse({
    name: "Checkout behind HAProxy",
    service: HAPROXY_DEMO_SERVICE,
    version: `2.0.0-${stamp}`,
    description: "The waves are HAProxy server weights (backend app: stable and canary), set through the runtime API and read back.",
    traffic: { router: "edge" },
    waves: [
      { name: "Canary 10%", trafficPercent: 10, bakeSeconds: 20 },
      { name: "25%", trafficPercent: 25, bakeSeconds: 20 },
      { name: "Half", trafficPercent: 50, bakeSeconds: 20 },
      { name: "Everyone", trafficPercent: 100 },
    ],
  });
  const release = await createRelease(plan, commander, "commander");
  const started = await applyCommand(release.id, { command: { type: "start", actor: commander, reason: "Demo: HAProxy carries the waves" }, actorRole: "commander" });
  if (!started.ok) throw new Error(started.error.message);
  return release.id;
}

export function startDemoRequests(url: string) {
  return startLoad(url, { concurrency: 2, paceMs: 20 });
}
