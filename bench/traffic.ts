// Traffic routers (issue 24), HAProxy on loopback, in one run against the real production server (SQLite):
//   1. split: a release 10 -> 25 -> 50 -> 100 %; at each wave, once HAProxy confirmed the weights, N requests
//      (default 20,000) through HAProxy; the canary's measured share against the wave's.
//   2. rollback: 20 releases at 50 % under steady load; ROLLBACK request sent (HTTP) -> the last request the canary
//      served, and -> the weights confirmed by read-back (p50/p99).
//   3. drift: weights changed behind Tidegate's back through the runtime API -> the release paused (p50/p99), with
//      the default re-read interval (TRAFFIC_ROUTER_POLL_MS 2000).
// A benchmark, not a test: it prints numbers and asserts nothing.
//
//   npm run bench:traffic [-- --requests 20000 --rollbacks 20 --drifts 10]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { as } from "../tests/support/fixtures";
import { createDb } from "../lib/platform/db/client";
import { prepareDatabase } from "../tests/support/global-setup";
import { startServer } from "../tests/support/server-process";
import { haproxyInstalled, HAPROXY_BIN, startHaproxyLab, startLoad } from "../scripts/traffic/haproxy-lab";
import { fmt, intArg, machineFacts, onCleanup, parseArgs, prepareApp, printMachine, runBench, serverEnv, sleep, summary, table, writeResults } from "./support";

const now = () => performance.timeOrigin + performance.now();

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const requests = intArg(args, "requests", 20_000, 100, 1_000_000);
  const rollbacks = intArg(args, "rollbacks", 20, 1, 200);
  const drifts = intArg(args, "drifts", 10, 1, 100);
  if (!haproxyInstalled()) throw new Error(`no HAProxy at ${HAPROXY_BIN}`);
  const machine = machineFacts();
  printMachine(machine);
  const app = await prepareApp(args);
  const dir = mkdtempSync(path.join(tmpdir(), "tidegate-bench-traffic-"));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  const databaseUrl = `file:${path.join(dir, "bench.db")}`;
  await prepareDatabase(databaseUrl);
  const lab = await startHaproxyLab();
  onCleanup(() => lab.close());
  const server = await startServer(serverEnv(databaseUrl, { probe: false, extra: { TRAFFIC_ROUTERS: JSON.stringify({ edge: lab.routerConfig }) } }));
  onCleanup(() => server.stop());
  const admin = await as("admin", server.baseUrl);
  const commander = await as("commander", server.baseUrl);
  const direct = createDb(databaseUrl);
  onCleanup(() => direct.$disconnect());

  const create = async (name: string, waves: number[]) => {
    const created = await admin.post("/api/releases", {
      name,
      service: `bench-${name}`,
      version: "1.0.0",
      traffic: { router: "edge" },
      waves: waves.map((trafficPercent) => ({ name: `${trafficPercent}%`, trafficPercent })),
    });
    if (created.status !== 201) throw new Error(`create: ${created.status} ${JSON.stringify(created.body)}`);
    return created.body.id as string;
  };
  const act = async (id: string, action: string) => {
    const res = await commander.post(`/api/releases/${id}/actions`, { action, reason: "bench" });
    if (res.status !== 200) throw new Error(`${action}: ${res.status} ${JSON.stringify(res.body)}`);
  };
  const confirmed = async (id: string, percent: number) => {
    for (const until = Date.now() + 30_000; Date.now() < until; await sleep(5)) {
      const row = await direct.trafficRouterState.findUnique({ where: { releaseId_scope: { releaseId: id, scope: "" } } });
      if (row?.status === "applied" && row.desiredPercent === percent) return row;
    }
    throw new Error(`release ${id}: ${percent}% not confirmed in 30 s`);
  };

  // ---- 1. split at each wave
  const splitRows: (string | number)[][] = [];
  const split: { wave: number; set: string; canary: number; stable: number; measured: number; errorPp: number; seconds: number }[] = [];
  const id = await create("split", [10, 25, 50, 100]);
  await act(id, "start");
  for (const [i, wave] of [10, 25, 50, 100].entries()) {
    if (i > 0) await act(id, "continue");
    const row = await confirmed(id, wave);
    const started = Date.now();
    const load = startLoad(lab.url, { concurrency: 8, limit: requests });
    await load.done;
    await load.stop();
    const { stable, canary } = load.counts;
    const measured = (canary / (stable + canary)) * 100;
    const entry = { wave, set: `${row.setStable}/${row.setCanary}`, canary, stable, measured, errorPp: measured - wave, seconds: (Date.now() - started) / 1000 };
    split.push(entry);
    splitRows.push([`${wave} %`, entry.set, canary, stable, fmt(measured, 3), fmt(entry.errorPp, 3), fmt(entry.seconds, 1)]);
  }
  await act(id, "rollback");
  console.log(`\n1. Observed split at each wave, ${requests.toLocaleString("en")} requests through HAProxy per wave`);
  console.log(table(["wave", "weights stable/canary", "canary", "stable", "canary %", "error pp", "s"], splitRows));

  // ---- 2. rollback: request -> last canary-served request, -> confirmed
  const toLastCanary: number[] = [];
  const toConfirmed: number[] = [];
  const commitToConfirmed: number[] = [];
  for (let k = 0; k < rollbacks; k++) {
    const rid = await create(`rollback-${k}`, [50, 100]);
    await act(rid, "start");
    await confirmed(rid, 50);
    const load = startLoad(lab.url, { concurrency: 4 });
    while (load.counts.canary < 50) await sleep(5);
    const sent = now();
    await act(rid, "rollback");
    const row = await confirmed(rid, 0);
    await sleep(300); // requests in flight finish; any canary answer after the rollback would show here
    await load.stop();
    const applied = await direct.releaseEvent.findFirst({ where: { releaseId: rid, type: "traffic_applied" }, orderBy: { seq: "desc" } });
    const data = JSON.parse(applied!.dataJson) as { confirmedMs: number };
    toLastCanary.push(Math.max(0, (load.counts.lastCanaryAt ?? sent) - sent));
    toConfirmed.push(row.confirmedAt!.getTime() - sent);
    commitToConfirmed.push(data.confirmedMs);
  }
  const last = summary(toLastCanary);
  const conf = summary(toConfirmed);
  const commit = summary(commitToConfirmed);
  console.log(`\n2. ROLLBACK (${rollbacks} rollbacks at 50 %, ~4 requests in flight all the time)`);
  console.log(
    table(
      ["measure", "p50 ms", "p99 ms", "max ms"],
      [
        ["ROLLBACK request -> last canary-served request", fmt(last.p50), fmt(last.p99), fmt(last.max)],
        ["ROLLBACK request -> weights confirmed by read-back", fmt(conf.p50), fmt(conf.p99), fmt(conf.max)],
        ["rolled_back commit -> confirmed (traffic_applied.confirmedMs)", fmt(commit.p50), fmt(commit.p99), fmt(commit.max)],
      ],
    ),
  );

  // ---- 3. drift -> paused
  const toPaused: number[] = [];
  for (let k = 0; k < drifts; k++) {
    const did = await create(`drift-${k}`, [50, 100]);
    await act(did, "start");
    await confirmed(did, 50);
    await sleep(Math.random() * 2000); // anywhere within the re-read interval
    const changed = now();
    await lab.admin("set server app/canary weight 200");
    for (;;) {
      const r = await direct.release.findUnique({ where: { id: did }, select: { status: true } });
      if (r?.status === "paused") break;
      if (now() - changed > 30_000) throw new Error("not paused in 30 s");
      await sleep(5);
    }
    toPaused.push(now() - changed);
    await act(did, "rollback");
    await confirmed(did, 0);
  }
  const drift = summary(toPaused);
  console.log(`\n3. Drift -> paused (${drifts} drifts, re-read every 2 s)`);
  console.log(table(["measure", "p50 ms", "p99 ms", "max ms"], [["weights changed -> release paused", fmt(drift.p50), fmt(drift.p99), fmt(drift.max)]]));
  const file = writeResults("traffic", { machine, app, requests, split, rollback: { toLastCanary: last, toConfirmed: conf, commitToConfirmed: commit }, drift });
  console.log(`\nresults: ${file}`);
}

runBench(main, 30);
