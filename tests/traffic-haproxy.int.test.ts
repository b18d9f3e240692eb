// Issue 24: a release's waves as a real HAProxy's server weights (Debian's haproxy 2.6 on loopback), with real HTTP
// requests through it: the split follows each wave, ROLLBACK takes the canary out, weights changed behind Tidegate's
// back pause the release (traffic_drift), and a router that cannot be reached blocks CONTINUE while ROLLBACK still
// goes through and is retried until HAProxy confirms it. Tidegate runs in this process (the real write path, the
// real leader job runner and commit kick) on its own SQLite file; only the browser-facing server is left out.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { haproxyInstalled, HAPROXY_BIN, startHaproxyLab, startLoad, type HaproxyLab } from "../scripts/traffic/haproxy-lab";
import { applyMigrations } from "../lib/platform/db/apply-migrations";
import { eventually } from "./support/poll";

const dir = mkdtempSync(path.join(tmpdir(), "tidegate-traffic-"));
const dbUrl = `file:${path.join(dir, "traffic.db")}`;
const installed = haproxyInstalled();
if (!installed) console.warn(`traffic-haproxy.int.test.ts SKIPPED: no HAProxy binary at ${HAPROXY_BIN} (apt-get install haproxy, or set HAPROXY_BIN)`);

let lab: HaproxyLab;
let stopJobs: (() => Promise<void>) | null = null;
let unsubscribe: (() => void) | null = null;
type Modules = {
  createRelease: typeof import("../lib/releases/server/create-release").createRelease;
  applyCommand: typeof import("../lib/releases/server/apply-command").applyCommand;
  getRelease: typeof import("../lib/releases/server/get-release").getRelease;
  listEvents: (id: string) => Promise<{ type: string; data: any; actor: string; reason: string | null }[]>;
  PlanSchema: typeof import("../lib/plans/core/plan").PlanSchema;
};
let m: Modules;

beforeAll(async () => {
  if (!installed) return;
  lab = await startHaproxyLab();
  // Configuration is read once, on first use: set before anything of Tidegate's is loaded.
  Object.assign(process.env, {
    DATABASE_URL: dbUrl,
    NEXTAUTH_SECRET: "integration-test-secret-0123456789",
    TRAFFIC_ROUTERS: JSON.stringify({ edge: lab.routerConfig }),
    TRAFFIC_ROUTER_POLL_MS: "200",
  });
  await applyMigrations(dbUrl);
  const [{ createRelease }, { applyCommand }, { getRelease }, { PlanSchema }, { db }, jobs, signal, traffic] = await Promise.all([
    import("../lib/releases/server/create-release"),
    import("../lib/releases/server/apply-command"),
    import("../lib/releases/server/get-release"),
    import("../lib/plans/core/plan"),
    import("../lib/platform/db/client"),
    import("../lib/platform/jobs/cluster-jobs"),
    import("../lib/platform/outbox/committed-signal"),
    import("../lib/traffic/server"),
  ]);
  const listEvents = async (id: string) =>
    (await db().releaseEvent.findMany({ where: { releaseId: id }, orderBy: { seq: "asc" } })).map((e) => ({ type: e.type, data: JSON.parse(e.dataJson), actor: e.actor, reason: e.reason }));
  m = { createRelease, applyCommand, getRelease, listEvents, PlanSchema };
  // As the server does: the catalogue's job on the leader (SQLite: this process leads) and the commit's kick.
  jobs.registerClusterJobs(traffic.trafficJobs());
  stopJobs = jobs.startClusterJobs(dbUrl);
  unsubscribe = signal.onCommitted((messages) => traffic.kickTrafficRouters(messages));
}, 60_000);

afterAll(async () => {
  unsubscribe?.();
  await stopJobs?.();
  await lab?.close();
  rmSync(dir, { recursive: true, force: true });
});

const plan = (name: string) =>
  m.PlanSchema.parse({
    name,
    service: `shop-${name}`,
    version: "2.0.0",
    traffic: { router: "edge" },
    waves: [10, 25, 50, 100].map((trafficPercent) => ({ name: `${trafficPercent}%`, trafficPercent })),
  });

const command = async (id: string, type: "start" | "continue" | "rollback" | "resume" | "pause", reason = "integration test") => m.applyCommand(id, { command: { type, actor: "alice", reason } });

async function applied(id: string, percent: number) {
  return eventually(
    () => m.getRelease(id),
    (r) => r?.trafficRouter?.status === "applied" && r.trafficRouter.askedPercent === percent,
    10_000,
    20,
  );
}

/** Sends `n` requests through HAProxy and returns the canary's share (percent). */
async function measured(n: number): Promise<{ canaryPercent: number; canary: number; stable: number }> {
  const load = startLoad(lab.url, { concurrency: 4, limit: n });
  await load.done;
  await load.stop();
  const { stable, canary, errors } = load.counts;
  expect(errors).toBe(0);
  return { canaryPercent: (canary / (stable + canary)) * 100, canary, stable };
}

describe.skipIf(!installed)("HAProxy as a release's traffic router", () => {
  it("refuses a plan naming a router that is not configured, naming the field", async () => {
    const bad = { ...plan("unknown"), traffic: { router: "nope" } };
    await expect(m.createRelease(bad, "alice")).rejects.toMatchObject({ error: { status: 400, details: { issues: [{ path: "traffic.router" }] } } });
  });

  it("moves the split 10 -> 25 -> 50 -> 100 with real requests, then ROLLBACK leaves 0 canary requests", async () => {
    const created = await m.createRelease(plan("waves"), "alice");
    const id = created.id;
    const started = await command(id, "start");
    expect(started.ok).toBe(true);
    for (const [i, percent] of [10, 25, 50, 100].entries()) {
      if (i > 0) expect((await command(id, "continue")).ok).toBe(true);
      const view = (await applied(id, percent))!;
      // 10, 25, 50 and 100 % are exact on HAProxy's 0-256 scale; the read-back equals what was set.
      expect(view.trafficRouter!.exact).toBe(true);
      expect(view.trafficRouter!.readBack).toEqual(view.trafficRouter!.weights);
      const split = await measured(560);
      expect(Math.abs(split.canaryPercent - percent), `wave ${percent}%: measured ${split.canaryPercent}%`).toBeLessThanOrEqual(1.5);
    }
    const rolledBack = await command(id, "rollback", "canary looks wrong");
    expect(rolledBack.ok).toBe(true);
    const view = (await applied(id, 0))!;
    expect(view.trafficRouter!.weights).toEqual({ stable: 256, canary: 0 });
    const after = await measured(300);
    expect(after.canary).toBe(0);
    const events = await m.listEvents(id);
    const rollbackApplied = events.find((e) => e.type === "traffic_applied" && e.data.cause === "rolled_back");
    expect(rollbackApplied?.data).toMatchObject({ router: "edge", kind: "haproxy", askedPercent: 0, weights: { stable: 256, canary: 0 }, readBack: { stable: 256, canary: 0 } });
    expect(rollbackApplied!.data.confirmedMs).toBeGreaterThanOrEqual(0);
    expect(events.filter((e) => e.type === "traffic_applied").map((e) => e.data.askedPercent)).toEqual([10, 25, 50, 100, 0]);
  });

  it("pauses the release with traffic_drift when weights change behind Tidegate's back, and CONTINUE waits for the commander", async () => {
    const id = (await m.createRelease(plan("drift"), "alice")).id;
    await command(id, "start");
    await applied(id, 10);
    expect((await lab.admin("set server app/canary weight 200")).trim()).toBe("");
    const paused = await eventually(() => m.getRelease(id), (r) => r?.status === "paused", 5_000, 20);
    expect(paused!.trafficRouter).toMatchObject({ status: "drift", readBack: { stable: 252, canary: 200 } });
    expect(paused!.trafficRouter!.decide).toMatch(/commander, alice/);
    const events = await m.listEvents(id);
    const drift = events.find((e) => e.type === "traffic_drift")!;
    expect(drift.data).toMatchObject({ router: "edge", expected: { stable: 252, canary: 28 }, found: { stable: 252, canary: 200 } });
    const pause = events.find((e) => e.type === "paused")!;
    expect(pause.actor).toBe("traffic-router");
    // Never rolled back on its own; CONTINUE refused while the weights are not Tidegate's.
    expect(events.some((e) => e.type === "rolled_back")).toBe(false);
    // A paused release is not continued anyway; its gate says what waits on whom.
    const gate = paused!.gate!.unmet.find((u) => u.kind === "traffic");
    expect(gate).toMatchObject({ status: "drift", router: "edge" });
    expect(gate!.message).toMatch(/the commander decides/);
    // The commander decides: RESUME puts Tidegate's weights back.
    expect((await command(id, "resume")).ok).toBe(true);
    const back = (await applied(id, 10))!;
    expect(back.trafficRouter!.readBack).toEqual({ stable: 252, canary: 28 });
    await command(id, "rollback", "done with the drift test");
    await applied(id, 0);
  });

  it("with the runtime API down: traffic_unconfirmed, CONTINUE refused, ROLLBACK accepted and retried until HAProxy confirms it", async () => {
    const id = (await m.createRelease(plan("down"), "alice")).id;
    await command(id, "start");
    await applied(id, 10);
    await lab.stopHaproxy();
    await eventually(() => m.getRelease(id), (r) => r?.trafficRouter?.status === "unconfirmed", 5_000, 20);
    const refused = await command(id, "continue");
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message + JSON.stringify(refused.error.details)).toMatch(/has not confirmed/);
    const rolledBack = await command(id, "rollback", "router down, take the canary out");
    expect(rolledBack.ok).toBe(true);
    const retrying = await eventually(() => m.getRelease(id), (r) => r?.trafficRouter?.status === "unconfirmed" && r.trafficRouter.askedPercent === 0 && r.trafficRouter.attempts >= 2, 8_000, 50);
    expect(retrying!.trafficRouter).toMatchObject({ retrying: true, weights: { stable: 256, canary: 0 } });
    // HAProxy comes back still sending the canary its share: the retried write takes it out.
    await lab.startHaproxy({ stable: 252, canary: 28 });
    const confirmed = (await applied(id, 0))!;
    expect(confirmed.trafficRouter!.readBack).toEqual({ stable: 256, canary: 0 });
    expect((await measured(200)).canary).toBe(0);
    const events = await m.listEvents(id);
    expect(events.filter((e) => e.type === "traffic_unconfirmed").map((e) => e.data.code)).toContain("unreachable");
    expect(events.find((e) => e.type === "traffic_applied" && e.data.cause === "rolled_back")!.data.attempts).toBeGreaterThanOrEqual(2);
  });
});
