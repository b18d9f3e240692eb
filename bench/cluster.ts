// Cluster benchmark: three Tidegate instances on one PostgreSQL.
//
//   npx tsx bench/cluster.ts [--clients-per-instance 2000] [--actions 20] [--kills 10] [--ingest-seconds 10]
//                            [--batch 100] [--senders 6] [--skip fanout,failover,ingest]
//
// 1. Action -> all dashboards: --clients-per-instance socket.io dashboards on each instance (one worker thread per
//    instance, bench/realtime-clients.ts), all subscribed to one release; a commander acts on instance A; the latency
//    of a delivery is a client's receipt of the event minus the moment before the HTTP request (one clock).
// 2. Failover: --kills times, kill -9 the leader and time until another instance reports that it leads (each poll is
//    /api/health on the survivors every 50 ms); the killed instance is restarted between kills.
// 3. Ingest: --senders concurrent senders post batches of --batch samples back to back for --ingest-seconds, spread
//    round-robin over the three instances, then all to one instance (the single-instance figure, same run, same db).
import path from "node:path";
import { Worker } from "node:worker_threads";
import { as, createStartedRelease, simplePlan } from "../tests/support/fixtures";
import { prepareDatabase } from "../tests/support/global-setup";
import { health, killHard, restartInstance, startInstance, waitForLeader, type Instance } from "../tests/support/cluster-instances";
import { startPostgres } from "../tests/support/postgres-cluster";
import { SessionClient } from "../tests/support/session-client";
import type { WorkerInit } from "./realtime-clients";
import { fmt, fmtInt, intArg, machineFacts, ms, nowNs, onCleanup, parseArgs, prepareApp, printMachine, runBench, sleep, summary, writeResults } from "./support";

const args = parseArgs(process.argv.slice(2));
const PER_INSTANCE = intArg(args, "clients-per-instance", 2000, 1, 5000);
const ACTIONS = intArg(args, "actions", 20, 1, 500);
const KILLS = intArg(args, "kills", 10, 0, 50);
const INGEST_SECONDS = intArg(args, "ingest-seconds", 10, 1, 120);
const BATCH = intArg(args, "batch", 100, 1, 5000);
const SENDERS = intArg(args, "senders", 6, 1, 64);
const SKIP = new Set((args.get("skip") ?? "").split(",").filter(Boolean));

function clientThread(init: WorkerInit) {
  const entry = path.join(__dirname, "realtime-clients.ts");
  const boot = `require(${JSON.stringify(require.resolve("tsx/cjs"))}); require(${JSON.stringify(entry)});`;
  const worker = new Worker(boot, { eval: true, workerData: init });
  let next = 1;
  const pending = new Map<number, (v: any) => void>();
  worker.on("message", (m: { id: number; result: unknown }) => {
    pending.get(m.id)?.(m.result);
    pending.delete(m.id);
  });
  const request = <T = any>(msg: Record<string, unknown>): Promise<T> =>
    new Promise((resolve) => {
      const id = next++;
      pending.set(id, resolve);
      worker.postMessage({ ...msg, id });
    });
  const stop = async () => {
    await request({ type: "close" }).catch(() => undefined);
    await worker.terminate();
  };
  return { request, stop };
}

async function fanout(nodes: Instance[]) {
  const commander = await as("commander", nodes[0]!.baseUrl);
  const release = await createStartedRelease(nodes[0]!.baseUrl, simplePlan(4, { name: "bench cluster fan-out" }));
  const cookie = (await as("viewer", nodes[0]!.baseUrl)).cookieHeader();
  const workers = nodes.map((n, index) =>
    clientThread({ index, baseUrl: n.baseUrl, cookie, releaseId: release.id, afterSeq: release.lastSeq, count: PER_INSTANCE, batch: 50, connectTimeoutMs: 30_000 }),
  );
  onCleanup(() => Promise.all(workers.map((w) => w.stop())));
  const connected = await Promise.all(workers.map((w) => w.request<{ ok: number; failed: number }>({ type: "connect" })));
  console.log(`  connected: ${connected.map((c, i) => `${nodes[i]!.id} ${c.ok} ok / ${c.failed} failed`).join(", ")}`);
  await sleep(1000);
  const all: number[] = [];
  const perInstance: number[][] = nodes.map(() => []);
  const allServed: number[] = [];
  let missed = 0;
  let paused = false;
  for (let k = 0; k < ACTIONS + 2; k++) {
    const action = paused ? "resume" : "pause";
    await Promise.all(workers.map((w) => w.request({ type: "mark" })));
    const t0 = nowNs();
    const res = await commander.post(`/api/releases/${release.id}/actions`, { action });
    if (res.status !== 200) throw new Error(`${action}: ${res.status}`);
    paused = !paused;
    const seq = (res.body.events as { seq: number }[])[0]!.seq;
    const parts = await Promise.all(workers.map((w) => w.request<{ receipts: Float64Array }>({ type: "collect", seq, deadlineNs: t0 + 10_000 * 1e6 })));
    if (k < 2) continue; // warm-up
    let last = 0;
    parts.forEach((p, i) => {
      for (const t of p.receipts) {
        if (t === -1) continue;
        if (t === 0) missed++;
        else {
          const lat = ms(t - t0);
          all.push(lat);
          perInstance[i]!.push(lat);
          last = Math.max(last, lat);
        }
      }
    });
    allServed.push(last);
    await sleep(250);
  }
  await Promise.all(workers.map((w) => w.stop()));
  const s = summary(all);
  const served = summary(allServed);
  console.log(`  action on ${nodes[0]!.id} -> ${PER_INSTANCE * nodes.length} dashboards: p50 ${fmt(s.p50)} ms, p99 ${fmt(s.p99)} ms, all served p50 ${fmt(served.p50)} ms / max ${fmt(served.max)} ms, missed ${missed}`);
  nodes.forEach((n, i) => {
    const x = summary(perInstance[i]!);
    console.log(`    dashboards on ${n.id}: p50 ${fmt(x.p50)} ms, p99 ${fmt(x.p99)} ms`);
  });
  return { clients: PER_INSTANCE * nodes.length, connected, latencyMs: s, allServedMs: served, missed, perInstance: perInstance.map(summary) };
}

async function failover(nodes: Instance[]) {
  const times: number[] = [];
  for (let k = 0; k < KILLS; k++) {
    const { leader } = await waitForLeader(nodes);
    const survivors = nodes.filter((n) => n !== leader);
    killHard(leader);
    const killedAt = Date.now();
    for (;;) {
      const hs = await Promise.all(survivors.map(health));
      if (hs.some((h) => h?.cluster.leader)) break;
      if (Date.now() - killedAt > 60_000) throw new Error("no takeover in 60 s");
      await sleep(50);
    }
    times.push(Date.now() - killedAt);
    console.log(`  kill ${k + 1}: leader ${leader.id} killed, takeover in ${times.at(-1)} ms`);
    await leader.server.exited;
    nodes[nodes.indexOf(leader)] = await restartInstance(leader);
  }
  const s = summary(times);
  console.log(`  failover over ${KILLS} leader kills: median ${fmt(s.p50, 0)} ms, max ${fmt(s.max, 0)} ms`);
  return { kills: KILLS, takeoverMs: times, summary: s };
}

async function ingest(nodes: Instance[], targets: Instance[], label: string) {
  const release = await createStartedRelease(nodes[0]!.baseUrl, simplePlan(4, { name: `bench cluster ingest ${label}` }));
  const admin = await as("admin", nodes[0]!.baseUrl);
  const token = (await admin.post("/api/tokens", { name: `bench ingest ${label}`, releaseId: release.id })).body.token as string;
  let turn = 0;
  let samples = 0;
  let failures = 0;
  const until = Date.now() + INGEST_SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: SENDERS }, async () => {
      while (Date.now() < until) {
        const target = targets[turn++ % targets.length]!;
        const now = Date.now();
        const batch = Array.from({ length: BATCH }, (_, i) => ({ metric: "error_rate", value: 0.01, ts: new Date(now - (i % 50)).toISOString(), cohort: i % 2 ? "canary" : "baseline" }));
        const res = await SessionClient.withToken(target.baseUrl, token).post(`/api/releases/${release.id}/metrics`, { samples: batch });
        if (res.status === 202 || res.status === 200) samples += BATCH;
        else failures++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const rate = samples / seconds;
  console.log(`  ingest via ${label}: ${fmtInt(rate)} samples/s (${SENDERS} senders, batches of ${BATCH}, ${failures} failed)`);
  return { label, samplesPerSecond: rate, failures };
}

async function main() {
  const app = await prepareApp(args);
  const machine = machineFacts();
  console.log(`Tidegate cluster benchmark  (${new Date().toISOString()})`);
  printMachine(machine);
  console.log(`app: ${app.mode} ${app.dir} (git ${app.git})`);
  const pg = await startPostgres();
  onCleanup(() => pg.stop());
  const url = await pg.createDatabase("tidegate_bench_cluster");
  await prepareDatabase(url);
  const env = { LOGIN_MAX_FAILURES_PER_ADDRESS: "100000", LOGIN_MAX_FAILURES_PER_ACCOUNT: "100000" };
  // One after the other: three cold starts at once can miss the start-up deadline on a busy 2-core machine.
  const nodes: Instance[] = [];
  onCleanup(() => Promise.all(nodes.map((n) => n.server.stop())));
  for (const id of ["A", "B", "C"]) nodes.push(await startInstance(url, id, env));
  const results: Record<string, unknown> = { machine, app };
  if (!SKIP.has("ingest")) {
    console.log("ingest:");
    results.ingest = [await ingest(nodes, nodes, "3 instances (round robin)"), await ingest(nodes, [nodes[0]!], "1 instance")];
  }
  if (!SKIP.has("fanout")) {
    console.log(`fan-out (${PER_INSTANCE} dashboards on each of ${nodes.length} instances):`);
    results.fanout = await fanout(nodes);
  }
  if (!SKIP.has("failover") && KILLS > 0) {
    console.log("failover:");
    results.failover = await failover(nodes);
  }
  console.log(`results: ${writeResults("cluster", results)}`);
}

runBench(main, 30);
