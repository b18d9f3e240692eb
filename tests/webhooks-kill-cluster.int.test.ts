// kill -9 of the sending instance (the leader runs the webhook dispatcher) in a cluster of three on one PostgreSQL,
// under webhook load. A receiver counts every webhook-id it gets: every delivery arrives (none held for minutes by a
// dead sender's claim), and a webhook-id arrives twice only as the README says: its first call came before the
// sender died, and the repeat within the window after the last such death (the dead sender's claim runs out, then a
// poll and the leader's failover; a next sender killed while holding it restarts that), never minutes later.
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "../lib/platform/db/client";
import { DEFAULT_CLAIM_MS } from "../lib/webhooks/server/delivery-claim";
import { killHard, restartInstance, startInstance, waitForLeader, type Instance } from "./support/cluster-instances";
import { as, simplePlan } from "./support/fixtures";
import { freshPostgresDatabase } from "./support/postgres-database";
import { startReceiver, type Receiver } from "./support/webhook-receiver";
import { countRepeats } from "./support/webhook-repeats";

const KILLS = Number(process.env.TIDEGATE_WEBHOOK_KILLS) || 3;
const ENDPOINTS = 4;
/**
 * The README's window, counted from the last death of a sender before the repeat: its claim runs out (WEBHOOK_CLAIM_MS, 15 s by default), a
 * poll (1 s) and the leader's failover (about 1-2 s), with room for a starved machine's late timers.
 */
const REPEAT_WINDOW_MS = DEFAULT_CLAIM_MS + 10_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("webhooks across kill -9 of the sending instance (three instances on PostgreSQL)", () => {
  let nodes: Instance[] = [];
  let receiver: Receiver;
  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.server.stop()));
    await receiver?.close();
  });

  it(`${KILLS} kills of the sender under webhook load: every delivery arrives, 0 repeated webhook-ids beyond the window`, async () => {
    const url = await freshPostgresDatabase("tidegate_webhook_kills");
    const direct = createDb(url);
    receiver = await startReceiver();
    const env = { WEBHOOK_ALLOW_HOSTS: "127.0.0.1" };
    const t0 = Date.now();
    const progress = (what: string) => console.log(`[webhook kills +${((Date.now() - t0) / 1000).toFixed(1)} s] ${what}`);
    nodes = await Promise.all(["W1", "W2", "W3"].map((id) => startInstance(url, id, env)));
    progress("three instances up");
    const alive = new Set(nodes);
    const admin = await as("admin", nodes[0]!.baseUrl);
    for (let i = 0; i < ENDPOINTS; i++) expect((await admin.post("/api/webhooks", { url: receiver.url(`/hook${i}`) })).status).toBe(201);
    const release = (await admin.post("/api/releases", simplePlan(2))).body as { id: string };
    let commanders = await Promise.all(nodes.map((n) => as("commander", n.baseUrl)));
    expect((await commanders[0]!.post(`/api/releases/${release.id}/actions`, { action: "start" })).status).toBe(200);

    let stop = false;
    const load = (async () => {
      let paused = false;
      while (!stop) {
        const live = nodes.filter((n) => alive.has(n));
        const i = nodes.indexOf(live[Math.floor(Math.random() * live.length)]!);
        const res = await commanders[i]?.post(`/api/releases/${release.id}/actions`, { action: paused ? "resume" : "pause", reason: "webhook kill test" }).catch(() => null);
        if (res && [200, 409, 422].includes(res.status)) paused = !paused;
        await sleep(15);
      }
    })();

    const started = Date.now();
    const restarts: Promise<void>[] = [];
    const killedAt: number[] = [];
    let restartFailure: Error | null = null;
    for (let k = 0; k < KILLS; k++) {
      await sleep(1500 + Math.random() * 1500);
      while (nodes.filter((n) => alive.has(n)).length < 2) {
        if (restartFailure) throw restartFailure;
        await sleep(100);
      }
      // The sender is the leader: kill it while it has deliveries in flight (the receiver is being called).
      const { leader } = await waitForLeader(nodes.filter((n) => alive.has(n)), 90_000); // health answers late on a starved machine
      const seen = receiver.received.length;
      const until = Date.now() + 2000;
      while (receiver.received.length === seen && Date.now() < until) await sleep(1);
      alive.delete(leader);
      killedAt.push(Date.now());
      killHard(leader);
      await leader.server.exited;
      progress(`kill ${k + 1}: ${leader.id} (the leader, the sender) with ${receiver.received.length} calls received so far`);
      const index = nodes.indexOf(leader);
      restarts.push(
        restartInstance(leader)
          .then(async (back) => {
            nodes[index] = back;
            commanders = [...commanders];
            commanders[index] = await as("commander", back.baseUrl);
            alive.add(back);
            progress(`${back.id} restarted`);
          })
          .catch((e) => {
            restartFailure = e as Error;
          }),
      );
    }
    await sleep(1000);
    stop = true;
    await load;
    progress("load stopped; waiting for every delivery");

    // Every delivery the fan-out made reaches the receiver, soon (a dead sender's claim holds it seconds, not minutes).
    const expected = async () => (await direct.webhookDelivery.findMany({ select: { id: true } })).map((d) => d.id);
    const arrived = () => new Set(receiver.received.map((r) => String(r.headers["webhook-id"])));
    const deadline = Date.now() + REPEAT_WINDOW_MS + 60_000;
    let ids = await expected();
    while (Date.now() < deadline && ids.some((id) => !arrived().has(id))) {
      await sleep(250);
      ids = await expected();
    }
    // A late repeat would show up here: wait out a whole window after the last kill.
    while (Date.now() < killedAt.at(-1)! + REPEAT_WINDOW_MS + 2000) await sleep(250);
    // Every delivery is recorded as delivered: a dead sender's claim runs out and the repeat's outcome is written.
    const unrecorded = () => direct.webhookDelivery.findMany({ where: { status: { not: "succeeded" } }, select: { id: true, status: true, attempts: true, claimedBy: true, claimedUntil: true, lastStatus: true, lastError: true } });
    let open = await unrecorded();
    const recordDeadline = Date.now() + REPEAT_WINDOW_MS + 60_000;
    while (open.length > 0 && Date.now() < recordDeadline) {
      await sleep(500);
      open = await unrecorded();
    }
    if (open.length > 0) console.log(`not recorded as delivered at ${new Date().toISOString()}: ${JSON.stringify(open)}`);
    if (open.length > 0) {
      for (const n of nodes) console.log(`${n.id}: ${n.server.output().split("\n").filter((l) => /claim|refused|failed to record|dispatch failed|leader/i.test(l)).slice(-20).join("\n")}`);
    }
    const notDelivered = open.length;
    const missing = ids.filter((id) => !arrived().has(id));
    const repeats = countRepeats(receiver.received, killedAt, REPEAT_WINDOW_MS);
    console.log(
      `webhooks under ${KILLS} kills of the sender: ${ids.length} deliveries, ${receiver.received.length} calls received in ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
        `repeated webhook-ids: ${repeats.repeats}, within ${REPEAT_WINDOW_MS / 1000} s of the sender's death: ${repeats.withinWindow}, beyond: ${repeats.beyondWindow} ` +
        `(longest first-to-repeat gap ${repeats.worstGapMs} ms, longest kill-to-repeat ${repeats.repeats ? repeats.worstAfterKillMs : 0} ms); missing: ${missing.length}`,
    );
    expect(ids.length).toBeGreaterThan(KILLS * ENDPOINTS);
    expect(repeats.beyondWindow).toBe(0);
    expect(missing).toEqual([]);
    expect(notDelivered).toBe(0);
    await Promise.all(restarts);
    expect(restartFailure).toBeNull();
    await direct.$disconnect();
  }, 600_000);
});
