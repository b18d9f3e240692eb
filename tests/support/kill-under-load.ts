// kill -9 under load, on one instance or on a cluster of instances on one PostgreSQL: ten kills at random moments
// while commands and ingest run. Afterwards the event log is gap-free, every 200/202 answered before a kill is in the
// database, the release's state equals its last event, and no socket was pushed any event twice. Each shape has its
// own test file (tests/cluster-faults-*.int.test.ts) so the two run in parallel.
import pg from "pg";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, describe, expect, it } from "vitest";
import { EventSequencer } from "../../lib/realtime/client/event-sequencer";
import { createDb } from "../../lib/platform/db/client";
import { killHard, restartInstance, startInstance, type Instance } from "./cluster-instances";
import { as, simplePlan } from "./fixtures";
import { freshPostgresDatabase } from "./postgres-database";
import { SessionClient } from "./session-client";

const KILLS = Number(process.env.TIDEGATE_FAULT_KILLS) || 10;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
type Ev = { seq: number; type: string; releaseId: string };


/** Restarts a killed instance on its port; a start that times out on a busy machine is tried again. */
async function restartWithRetries(instance: Instance): Promise<Instance> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await restartInstance(instance);
    } catch (e) {
      console.error(`restart of ${instance.id} failed (attempt ${attempt}): ${(e as Error).message.slice(0, 500)}`);
      if (attempt === 3) throw e;
    }
  }
}

/** A dashboard on one instance: reconnects and catches up with afterSeq; records raw pushes per connection. */
function dashboard(baseUrl: string, token: string, releaseId: string) {
  const sequencer = new EventSequencer<Ev>(0);
  const pushesPerConnection: number[][] = [];
  let current: number[] = [];
  const socket: Socket = connect(baseUrl, { path: "/socket.io", auth: { token }, transports: ["websocket"], reconnectionDelay: 200, reconnectionDelayMax: 1000 });
  socket.on("release:event", (e: Ev) => {
    if (e.releaseId !== releaseId) return;
    current.push(e.seq);
    sequencer.accept([e]);
  });
  socket.on("connect", () => {
    current = [];
    pushesPerConnection.push(current);
    socket.emit("subscribe", { releaseId, afterSeq: sequencer.lastSeq }, (ack: { ok: boolean; events?: Ev[] }) => sequencer.accept(ack.events ?? []));
  });
  return { sequencer, pushesPerConnection, close: () => socket.close() };
}

export function describeKillsUnderLoad(name: string, ids: string[]) {
  describe(`kill -9 under load on ${name}`, () => {
    let nodes: Instance[] = [];
    afterAll(async () => {
      await Promise.all(nodes.map((n) => n.server.stop()));
    });

    it(`survives ${KILLS} kills at random moments with commands and ingest running`, async () => {
      const url = await freshPostgresDatabase(`tidegate_faults_${ids.length}`);
      const direct = createDb(url);
      nodes = await Promise.all(ids.map((id) => startInstance(url, id)));
      const alive = new Set(nodes);
      const admin = await as("admin", nodes[0]!.baseUrl);
      const plan = simplePlan(4, { guardrails: [{ metric: "error_rate", comparator: ">", critical: 0.5, forSeconds: 0, windowSeconds: 10, onCritical: "notify" }] });
      const release = (await admin.post("/api/releases", plan)).body as { id: string };
      const readToken = (await admin.post("/api/tokens", { name: "faults watcher" })).body.token as string;
      const ingestToken = (await admin.post("/api/tokens", { name: "faults pusher", releaseId: release.id })).body.token as string;
      const commanders = await Promise.all(nodes.map((n) => as("commander", n.baseUrl)));
      const dashboards = nodes.map((n) => dashboard(n.baseUrl, readToken, release.id));
      expect((await commanders[0]!.post(`/api/releases/${release.id}/actions`, { action: "start" })).status).toBe(200);

      const answered: { seq: number; type: string }[] = [];
      const statuses = new Map<string, number>();
      let acceptedSamples = 0;
      let sentSamples = 0;
      let stop = false;
      const pick = () => {
        const live = nodes.filter((n) => alive.has(n));
        return live.length ? nodes.indexOf(live[Math.floor(Math.random() * live.length)]!) : -1;
      };
      const commands = (async () => {
        let paused = false;
        while (!stop) {
          const i = pick();
          if (i < 0) {
            await sleep(100);
            continue;
          }
          const res = await commanders[i]!.post(`/api/releases/${release.id}/actions`, { action: paused ? "resume" : "pause", reason: "fault test" }).catch(() => null);
          const key = String(res?.status ?? "no answer");
          statuses.set(key, (statuses.get(key) ?? 0) + 1);
          if (res?.status === 200) {
            answered.push(...(res.body.events as Ev[]).map((e) => ({ seq: e.seq, type: e.type })));
            paused = !paused;
          } else if (res?.status === 422 || res?.status === 409) {
            // Our previous command committed but its answer was lost in a kill: the state is the other one.
            paused = !paused;
          }
          await sleep(20);
        }
      })();
      const ingest = (async () => {
        while (!stop) {
          const i = pick();
          if (i < 0) {
            await sleep(100);
            continue;
          }
          const samples = Array.from({ length: 20 }, () => ({ metric: "error_rate", value: 0.01, ts: new Date().toISOString(), cohort: "canary" }));
          sentSamples += samples.length;
          const res = await SessionClient.withToken(nodes[i]!.baseUrl, ingestToken)
            .post(`/api/releases/${release.id}/metrics`, { samples })
            .catch(() => null);
          if (res?.status === 202 || res?.status === 200) acceptedSamples += samples.length;
          await sleep(10);
        }
      })();

      // On the cluster a killed instance restarts in the background while the others carry the load (and the next
      // kill may hit one of them); alone, the instance must be back before it can be killed again.
      const restarts: Promise<void>[] = [];
      let restartFailure: Error | null = null;
      for (let k = 0; k < KILLS; k++) {
        await sleep(1000 + Math.random() * 2000);
        while (nodes.filter((n) => alive.has(n)).length < (nodes.length > 1 ? 2 : 1)) {
          if (restartFailure) throw restartFailure;
          await sleep(100);
        }
        const live = nodes.filter((n) => alive.has(n));
        const victim = live[Math.floor(Math.random() * live.length)]!;
        const index = nodes.indexOf(victim);
        alive.delete(victim);
        killHard(victim);
        await victim.server.exited;
        const restarted = restartWithRetries(victim).then(async (back) => {
          nodes[index] = back;
          commanders[index] = await as("commander", back.baseUrl);
          alive.add(back);
        });
        // A restart that fails for good fails the test at once (rather than the wait for a live instance hanging).
        restarted.catch((e) => (restartFailure = e as Error));
        if (nodes.length === 1) await restarted;
        else restarts.push(restarted);
      }
      await Promise.all(restarts);
      await sleep(1000);
      stop = true;
      await Promise.all([commands, ingest]);

      // Every live dashboard catches up to the end of the log.
      // One consistent snapshot of the release and its log (the guardrail may still append, e.g. when data stops).
      const snapshot = new pg.Client({ connectionString: url });
      await snapshot.connect();
      await snapshot.query("BEGIN ISOLATION LEVEL REPEATABLE READ");
      const row = (await snapshot.query<{ lastSeq: number; status: string }>(`SELECT "lastSeq", status FROM "Release" WHERE id = $1`, [release.id])).rows[0]!;
      const events = (await snapshot.query<{ seq: number; type: string }>(`SELECT seq, type FROM "ReleaseEvent" WHERE "releaseId" = $1 ORDER BY seq`, [release.id])).rows;
      await snapshot.query("COMMIT");
      await snapshot.end();
      const deadline = Date.now() + 20_000;
      while (dashboards.some((d) => d.sequencer.lastSeq < row.lastSeq) && Date.now() < deadline) await sleep(100);
      // Gap-free, and the release's counter agrees.
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
      expect(row.lastSeq).toBe(events.length);
      // Every answered command is in the log as answered.
      const bySeq = new Map(events.map((e) => [e.seq, e.type]));
      for (const a of answered) expect(bySeq.get(a.seq)).toBe(a.type);
      // The state equals the last state-changing event.
      const lastMove = events.filter((e) => ["started", "paused", "resumed"].includes(e.type)).at(-1)!;
      expect(row.status).toBe(lastMove.type === "paused" ? "paused" : "running");
      // Every accepted sample is stored (some whose answer was lost in a kill may be stored too).
      const stored = await direct.metricBucket.aggregate({ where: { releaseId: release.id, sizeMs: 10_000 }, _sum: { count: true } });
      expect(stored._sum.count ?? 0).toBeGreaterThanOrEqual(acceptedSamples);
      expect(stored._sum.count ?? 0).toBeLessThanOrEqual(sentSamples);
      // No socket connection was pushed an event twice, and every dashboard has the whole log.
      for (const d of dashboards) {
        for (const pushes of d.pushesPerConnection) expect(new Set(pushes).size).toBe(pushes.length);
        expect(d.sequencer.lastSeq).toBeGreaterThanOrEqual(row.lastSeq);
        d.close();
      }
      // The load really ran: commands were answered and samples accepted between the kills.
      expect(answered.length, JSON.stringify([...statuses])).toBeGreaterThan(0);
      expect(acceptedSamples).toBeGreaterThan(0);
      console.log(`${name}: ${KILLS} kills, ${events.length} events, ${answered.length} answered command events, ${acceptedSamples}/${sentSamples} samples accepted, command answers ${JSON.stringify([...statuses])}`);
      await direct.$disconnect();
    }, 600_000);
  });
}
