// Realtime fan-out benchmark: N socket.io dashboards subscribed to one release, M commander actions, and how long
// each dashboard takes to see each action's event.
//
//   npx tsx bench/realtime.ts [--clients 100,1000,2000] [--actions 20] [--threads 2] [--warmup 2]
//                             [--timeout-ms 5000] [--gap-ms 250] [--connect-batch 50] [--cpu-prof] [--no-probe]
//                             [--snapshot | --app-dir DIR] [--wait-quiet SECONDS]
//
// Latency of a delivery = a client's receipt of the release:event minus the moment just before the commander's HTTP
// request was sent. All times come from one clock, process.hrtime (CLOCK_MONOTONIC): the clients run as worker
// threads of this process (--threads, default 2, so their work can use both cores instead of queueing on one event
// loop), and the optional server probe (bench/server-probe.cjs) stamps the same clock inside the server.
// The clients compete with the server for the machine's cores; the output says how much CPU each side used.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { prepareDatabase } from "../tests/support/global-setup";
import { as, createStartedRelease, simplePlan } from "../tests/support/fixtures";
import { startServer, type ServerProcess } from "../tests/support/server-process";
import type { WorkerInit } from "./realtime-clients";
import {
  prepareApp,
  fmt,
  intArg,
  listArg,
  loopStats,
  machineFacts,
  ms,
  nowNs,
  onCleanup,
  parseArgs,
  printMachine,
  printProfile,
  probeLines,
  ServerProfiler,
  CpuMeter,
  saveServerLog,
  waitQuiet,
  REPO,
  RESULTS_DIR,
  runBench,
  serverEnv,
  serverPid,
  sleep,
  summarizeProfile,
  summary,
  table,
  writeResults,
  type ProbeLine,
} from "./support";

process.chdir(REPO);
const args = parseArgs(process.argv.slice(2));
const CLIENTS = listArg(args, "clients", [100, 1000, 2000], (s) => {
  const n = Number(s);
  if (!Number.isInteger(n) || n < 1 || n > 10_000) throw new Error(`--clients takes integers 1..10000, got ${s}`);
  return n;
});
const ACTIONS = intArg(args, "actions", 20, 1, 1000);
const WARMUP = intArg(args, "warmup", 2, 0, 100);
const THREADS = intArg(args, "threads", 2, 1, 8);
const TIMEOUT_MS = intArg(args, "timeout-ms", 5000, 100, 60_000);
const GAP_MS = intArg(args, "gap-ms", 250, 0, 10_000);
const CONNECT_BATCH = intArg(args, "connect-batch", 50, 1, 1000);
const CONNECT_TIMEOUT_MS = intArg(args, "connect-timeout-ms", 20_000, 1000, 120_000);
const WAIT_QUIET = intArg(args, "wait-quiet", 0, 0, 3600);
const PROBE = args.get("no-probe") !== "true";
const CPU_PROF = args.get("cpu-prof") === "true" && PROBE; // the probe runs the profiler
const TARGET = { clients: 2000, allServedP99Ms: 200 };

class ClientThread {
  private worker: Worker;
  private nextId = 1;
  private pending = new Map<number, (v: any) => void>();

  constructor(init: WorkerInit) {
    const entry = path.join(__dirname, "realtime-clients.ts");
    const boot = `require(${JSON.stringify(require.resolve("tsx/cjs"))}); require(${JSON.stringify(entry)});`;
    this.worker = new Worker(boot, { eval: true, workerData: init });
    this.worker.on("message", (m: { id: number; result: unknown }) => {
      this.pending.get(m.id)?.(m.result);
      this.pending.delete(m.id);
    });
    this.worker.on("error", (e) => console.error(`client thread ${init.index} failed:`, e));
  }

  request<T = any>(msg: Record<string, unknown>, timeoutMs = 120_000): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`client thread did not answer ${String(msg.type)} in ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, (v) => {
        clearTimeout(timer);
        resolve(v as T);
      });
      this.worker.postMessage({ ...msg, id });
    });
  }

  private stopped: Promise<void> | null = null;

  /** Closes the thread's sockets and ends the thread; safe to call more than once. */
  stop(): Promise<void> {
    this.stopped ??= (async () => {
      await this.request({ type: "close" }, 10_000).catch(() => {});
      await this.worker.terminate();
    })();
    return this.stopped;
  }
}

interface ActionResult {
  index: number;
  action: string;
  seq: number;
  status: number;
  httpMs: number;
  latenciesMs: number[]; // per client that received it
  missed: number;
  firstMs: number;
  allMs: number; // time until the last client had it (Infinity if any missed)
  clientElu: number[];
  t0: number;
  /** From the server probe, ms after t0 (same clock). */
  probe?: { serverSawMs: number; emitStartMs: number; emitEndMs: number; responseDoneMs: number };
}

async function runLevel(server: ServerProcess, n: number, cookie: string, profiler: ServerProfiler | null) {
  const commander = await as("commander", server.baseUrl);
  const release = await createStartedRelease(server.baseUrl, simplePlan(4, { name: `bench realtime ${n}` }));
  const threads = Math.min(THREADS, n);
  const share = (i: number) => Math.floor(n / threads) + (i < n % threads ? 1 : 0);
  const workers = Array.from(
    { length: threads },
    (_, i) =>
      new ClientThread({
        index: i,
        baseUrl: server.baseUrl,
        cookie,
        releaseId: release.id,
        afterSeq: release.lastSeq,
        count: share(i),
        batch: CONNECT_BATCH,
        connectTimeoutMs: CONNECT_TIMEOUT_MS,
      }),
  );
  const stopWorkers = () => Promise.all(workers.map((w) => w.stop()));
  onCleanup(stopWorkers);
  try {
    const connectStarted = nowNs();
    const connected = await Promise.all(workers.map((w) => w.request<any>({ type: "connect" }, CONNECT_TIMEOUT_MS * Math.ceil(n / CONNECT_BATCH) + 10_000)));
    const connectWallMs = ms(nowNs() - connectStarted);
    const connect = {
      wallMs: connectWallMs,
      ok: connected.reduce((a, c) => a + c.ok, 0),
      failed: connected.reduce((a, c) => a + c.failed, 0),
      handshakeMs: summary(connected.flatMap((c) => c.connectMs)),
      subscribeMs: summary(connected.flatMap((c) => c.subscribeMs)),
      errors: connected.map((c) => c.errors),
    };
    console.log(
      `  ${n} clients: ${connect.ok} connected+subscribed in ${fmt(connectWallMs / 1000, 1)} s over ${threads} thread(s) ` +
        `(handshake p50 ${fmt(connect.handshakeMs.p50)} ms, p99 ${fmt(connect.handshakeMs.p99)} ms; failed ${connect.failed})`,
    );
    if (connect.failed) console.log(`  connect errors: ${JSON.stringify(connect.errors)}`);
    // After connecting (the threads are warm), the clock check: a worker's reading must fall between the main thread's readings around the round trip.
    const clock = [];
    for (const w of workers) {
      const before = nowNs();
      const { t } = await w.request<{ t: number }>({ type: "clock" });
      const after = nowNs();
      clock.push({ ok: before <= t && t <= after, roundTripUs: (after - before) / 1000 });
    }
    const clockOk = clock.every((c) => c.ok);
    console.log(
      `  clock check (main thread vs client threads, same CLOCK_MONOTONIC): ${clockOk ? "consistent" : "INCONSISTENT"}; ` +
        `message round trip ${clock.map((c) => `${fmt(c.roundTripUs, 0)} us`).join(", ")}`,
    );

    await sleep(1000);

    const pid = serverPid(server.output());
    const quietBefore = await waitQuiet(WAIT_QUIET, pid);
    let meter = new CpuMeter(pid);
    let phaseStart = nowNs();
    const results: ActionResult[] = [];
    let paused = false;
    for (let k = 0; k < WARMUP + ACTIONS; k++) {
      if (k === WARMUP) {
        // CPU and loop figures (and the CPU profile segment) cover the measured actions only, with their gaps.
        await profiler?.startPhase(`realtime-${n}-actions`);
        meter = new CpuMeter(pid);
        phaseStart = nowNs();
      }
      const action = paused ? "resume" : "pause";
      await Promise.all(workers.map((w) => w.request({ type: "mark" })));
      const trace = `rt-${n}-${k}`;
      const t0 = nowNs();
      const res = await commander.post(`/api/releases/${release.id}/actions`, { action }, { "x-bench-trace": trace });
      const tResp = nowNs();
      if (res.status !== 200) throw new Error(`${action} failed: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
      paused = !paused;
      const seq = (res.body.events as { seq: number }[])[0].seq;
      const deadlineNs = t0 + TIMEOUT_MS * 1e6;
      const parts = await Promise.all(workers.map((w) => w.request<any>({ type: "collect", seq, deadlineNs }, TIMEOUT_MS + 10_000)));
      const lat: number[] = [];
      let missed = 0;
      for (const p of parts) {
        for (const t of p.receipts as Float64Array) {
          if (t === -1) continue; // never connected: counted under connect failures
          if (t === 0) missed++;
          else lat.push(ms(t - t0));
        }
      }
      lat.sort((a, b) => a - b);
      results.push({
        index: k,
        action,
        seq,
        status: res.status,
        httpMs: ms(tResp - t0),
        latenciesMs: lat,
        missed,
        firstMs: lat[0] ?? NaN,
        allMs: missed ? Infinity : lat[lat.length - 1],
        clientElu: parts.map((p) => p.elu),
        t0,
      });
      await sleep(GAP_MS);
    }
    const phaseEnd = nowNs();
    const cpu = meter.read();
    const profileFile = (await profiler?.endPhase(`realtime-${n}-actions`)) ?? null;

    // Server-side breakdown from the probe: when the request reached the server, when the broadcast started and
    // ended (the synchronous fan-out to every socket), when the response was done; all ms after the bench's t0.
    if (PROBE) {
      const lines = probeLines(server.output());
      for (const r of results) {
        const http = lines.find((l): l is Extract<ProbeLine, { kind: "http" }> => l.kind === "http" && l.id === `rt-${n}-${r.index}`);
        const emit = lines.find(
          (l): l is Extract<ProbeLine, { kind: "emit" }> => l.kind === "emit" && l.ev === "release:event" && l.seq === r.seq && l.releaseId === release.id,
        );
        if (!http || !emit) continue;
        r.probe = { serverSawMs: ms(http.start - r.t0), emitStartMs: ms(emit.start - r.t0), emitEndMs: ms(emit.end - r.t0), responseDoneMs: ms(http.end - r.t0) };
      }
    }
    return { n, threads, release: release.id, clock, connect, results, cpu, quietBefore, phaseStart, phaseEnd, profileFile, stopWorkers };
  } catch (e) {
    await stopWorkers();
    throw e;
  }
}

async function main() {
  const app = await prepareApp(args);
  const machine = machineFacts();
  console.log(`Tidegate realtime fan-out benchmark  (${new Date().toISOString()})`);
  printMachine(machine);
  console.log(`app: ${app.mode} ${app.dir} (git ${app.git})`);
  console.log(
    `clients ${CLIENTS.join(",")}; ${ACTIONS} measured actions (+${WARMUP} warm-up) per level; client threads ${THREADS}; ` +
      `timeout ${TIMEOUT_MS} ms; probe ${PROBE ? "on" : "off"}; cpu profile ${CPU_PROF ? "on" : "off"}`,
  );
  console.log(
    `NOTE: the clients run in this process (${THREADS} worker thread(s)) on the same ${machine.cores} cores as the server, ` +
      `so client-side decoding competes with the server's fan-out; see the CPU columns below.`,
  );

  const dir = mkdtempSync(path.join(tmpdir(), "tidegate-bench-rt-"));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  const databaseUrl = `file:${path.join(dir, "bench.db")}`;
  await prepareDatabase(databaseUrl);
  const profDir = CPU_PROF ? path.join(RESULTS_DIR, `prof-realtime-${Date.now()}`) : undefined;
  const server = await startServer(serverEnv(databaseUrl, { probe: PROBE, cpuProfDir: profDir }));
  onCleanup(() => server.stop());
  const profiler = profDir ? new ServerProfiler(server, profDir) : null;
  console.log(`server ${server.baseUrl} (pid ${serverPid(server.output()) ?? "?"}), SQLite ${databaseUrl}`);

  const viewer = await as("viewer", server.baseUrl);
  const cookie = viewer.cookieHeader();

  const levels = [];
  for (const n of CLIENTS) {
    const level = await runLevel(server, n, cookie, profiler);
    const out = server.output();
    const measured = level.results.slice(WARMUP);
    const deliveries = measured.flatMap((r) => r.latenciesMs);
    const missed = measured.reduce((a, r) => a + r.missed, 0);
    const allServed = measured.map((r) => r.allMs);
    const probed = measured.filter((r) => r.probe).map((r) => r.probe!);
    const loop = loopStats(out, level.phaseStart, level.phaseEnd);
    const actionsCount = measured.length;
    const summaryRow = {
      clients: level.n,
      threads: level.threads,
      connect: level.connect,
      clockCheck: level.clock,
      deliveries: deliveries.length,
      missed,
      latencyMs: summary(deliveries),
      allServedMs: summary(allServed),
      firstDeliveryMs: summary(measured.map((r) => r.firstMs)),
      httpResponseMs: summary(measured.map((r) => r.httpMs)),
      serverSawMs: summary(probed.map((p) => p.serverSawMs)),
      emitStartMs: summary(probed.map((p) => p.emitStartMs)),
      fanoutEmitMs: summary(probed.map((p) => p.emitEndMs - p.emitStartMs)),
      responseDoneMs: summary(probed.map((p) => p.responseDoneMs)),
      clientEluMean: measured.length ? measured.flatMap((r) => r.clientElu).reduce((a, b) => a + b, 0) / (measured.length * level.threads) : NaN,
      serverCpuMsPerAction: level.cpu.serverMs / actionsCount,
      benchCpuMsPerAction: level.cpu.benchMs / actionsCount,
      cpuCores: { server: level.cpu.serverCores, bench: level.cpu.benchCores, otherProcesses: level.cpu.otherCores, otherBeforeStart: level.quietBefore },
      serverLoop: loop,
      profile: level.profileFile ? summarizeProfile([level.profileFile]) : null,
      actions: level.results.map((r) => ({
        index: r.index,
        warmup: r.index < WARMUP,
        action: r.action,
        seq: r.seq,
        httpMs: r.httpMs,
        missed: r.missed,
        firstMs: r.firstMs,
        p50Ms: summary(r.latenciesMs).p50,
        p99Ms: summary(r.latenciesMs).p99,
        allServedMs: r.allMs,
        clientElu: r.clientElu,
        probe: r.probe ?? null,
      })),
    };
    levels.push(summaryRow);
    await level.stopWorkers();
    console.log(
      `  ${n} clients: all-served p50 ${fmt(summaryRow.allServedMs.p50)} ms, p99 ${fmt(summaryRow.allServedMs.p99)} ms; ` +
        `deliveries p99 ${fmt(summaryRow.latencyMs.p99)} ms; missed ${missed}`,
    );
    await sleep(1000);
  }

  await server.stop();
  const serverLog = saveServerLog("realtime", server.output());

  console.log("\nPer-delivery latency (ms), request sent -> a client received the event, over all (client, action) pairs:");
  console.log(
    table(
      ["clients", "threads", "deliveries", "missed", "p50", "p95", "p99", "max"],
      levels.map((l) => [l.clients, l.threads, l.deliveries, l.missed, fmt(l.latencyMs.p50), fmt(l.latencyMs.p95), fmt(l.latencyMs.p99), fmt(l.latencyMs.max)]),
    ),
  );
  console.log(
    `\nPer action (ms): time until ALL clients had the event; first delivery; commander's HTTP response ` +
      `(nearest-rank percentiles: with ${ACTIONS} actions, p99 is the slowest action):`,
  );
  console.log(
    table(
      ["clients", "actions", "all p50", "all p99", "all max", "first p50", "http p50", "http p99"],
      levels.map((l) => [
        l.clients,
        l.allServedMs.n,
        fmt(l.allServedMs.p50),
        fmt(l.allServedMs.p99),
        fmt(l.allServedMs.max),
        fmt(l.firstDeliveryMs.p50),
        fmt(l.httpResponseMs.p50),
        fmt(l.httpResponseMs.p99),
      ]),
    ),
  );
  if (PROBE) {
    console.log(
      "\nWhere the time goes (server probe on the same clock; ms after the request was sent, medians), and CPU used over the measured actions " +
        "(per action, including the gaps; 'other procs' = CPU of everything else on the machine, in cores):",
    );
    console.log(
      table(
        ["clients", "server saw req", "emit start", "emit (fan-out)", "emit p99", "first recv", "all recv", "srv CPU/action", "bench CPU/action", "other procs", "srv ELU", "client ELU", "srv loop delay max"],
        levels.map((l) => [
          l.clients,
          fmt(l.serverSawMs.p50),
          fmt(l.emitStartMs.p50),
          fmt(l.fanoutEmitMs.p50),
          fmt(l.fanoutEmitMs.p99),
          fmt(l.firstDeliveryMs.p50),
          fmt(l.allServedMs.p50),
          `${fmt(l.serverCpuMsPerAction)} ms`,
          `${fmt(l.benchCpuMsPerAction)} ms`,
          `${fmt(l.cpuCores.otherProcesses, 2)} cores`,
          fmt(l.serverLoop.eluMean, 2),
          fmt(l.clientEluMean, 2),
          `${fmt(l.serverLoop.delayMaxMs)} ms`,
        ]),
      ),
    );
  }
  const atTarget = levels.find((l) => l.clients === TARGET.clients);
  if (atTarget) {
    const ok = atTarget.missed === 0 && atTarget.allServedMs.p99 <= TARGET.allServedP99Ms;
    console.log(
      `\nTarget: ${TARGET.clients} clients all served within ${TARGET.allServedP99Ms} ms p99 -> ` +
        `${ok ? "MET" : "MISSED"} (all-served p99 ${fmt(atTarget.allServedMs.p99)} ms, missed deliveries ${atTarget.missed})`,
    );
  }
  for (const l of levels) {
    if (l.profile) printProfile(`${l.clients} clients, the ${ACTIONS} measured actions and their gaps`, l.profile, l === levels[levels.length - 1] ? 20 : 0);
  }
  const file = writeResults("realtime", {
    benchmark: "realtime",
    at: new Date().toISOString(),
    machine,
    app,
    options: { clients: CLIENTS, actions: ACTIONS, warmup: WARMUP, threads: THREADS, timeoutMs: TIMEOUT_MS, gapMs: GAP_MS, connectBatch: CONNECT_BATCH, probe: PROBE },
    target: TARGET,
    levels,
    serverLog: path.relative(REPO, serverLog),
  });
  console.log(`\nraw results: ${path.relative(REPO, file)}`);
}

runBench(main, 30);
