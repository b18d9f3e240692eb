// Metrics ingestion benchmark: throughput in samples/s per batch size, and breach-to-rollback latency, per database.
//
//   npx tsx bench/ingest.ts [--db sqlite,postgres] [--seconds 10] [--batches 1,100,1000] [--senders 4]
//                           [--warmup-seconds 2] [--breach-runs 30] [--breach-load-rate 2000]
//                           [--order fixed|varied] [--snapshot | --app-dir DIR] [--wait-quiet SECONDS] [--cpu-prof] [--no-probe]
//
// Throughput: on a started release with the 7 guardrails of the demo plan, --senders concurrent senders each post
// batches back to back for --seconds (after a warm-up); samples/s = samples accepted (202) / wall time until the last
// response. Samples are healthy values with timestamps of now, all 7 metrics, canary and baseline cohorts.
// Breach to rollback: on a fresh release whose only guardrail is error_rate > 0.1 critical, forSeconds 0, rollback,
// a dashboard socket (viewer) subscribed to it; one batch of breaching error_rate samples; the time from just before
// that HTTP request to the socket's receipt of the rolled_back event. Run on an otherwise idle server, and again while
// another release ingests --breach-load-rate samples/s in batches of 1,000 (0 skips that scenario).
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { io, type Socket } from "socket.io-client";
import type { PlanInput } from "../lib/plans/core/plan";
import { createDb } from "../lib/platform/db/client";
import { as, createStartedRelease, simplePlan } from "../tests/support/fixtures";
import { prepareDatabase } from "../tests/support/global-setup";
import { startPostgres } from "../tests/support/postgres-cluster";
import { startServer, type ServerProcess } from "../tests/support/server-process";
import {
  ServerProfiler,
  CpuMeter,
  postgresConflicts,
  saveServerLog,
  waitQuiet,
  prepareApp,
  fmt,
  fmtInt,
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
const DBS = listArg(args, "db", ["sqlite", "postgres"] as ("sqlite" | "postgres")[], (s) => {
  if (s !== "sqlite" && s !== "postgres") throw new Error(`--db takes sqlite and/or postgres, got ${s}`);
  return s;
});
const SECONDS = intArg(args, "seconds", 10, 1, 600);
const WARMUP_SECONDS = intArg(args, "warmup-seconds", 2, 0, 60);
const BATCHES = listArg(args, "batches", [1, 100, 1000], (s) => {
  const n = Number(s);
  if (!Number.isInteger(n) || n < 1 || n > 10_000) throw new Error(`--batches takes integers 1..10000 (the API's limit), got ${s}`);
  return n;
});
const SENDERS = intArg(args, "senders", 4, 1, 64);
const BREACH_RUNS = intArg(args, "breach-runs", 30, 0, 1000);
const BREACH_LOAD_RATE = intArg(args, "breach-load-rate", 2_000, 0, 1_000_000);
const BREACH_TIMEOUT_MS = intArg(args, "breach-timeout-ms", 10_000, 500, 120_000);
const ORDER = args.get("order") ?? "fixed";
if (ORDER !== "fixed" && ORDER !== "varied") throw new Error(`--order takes fixed or varied, got ${ORDER}`);
const WAIT_QUIET = intArg(args, "wait-quiet", 0, 0, 3600);
const PROBE = args.get("no-probe") !== "true";
const CPU_PROF = args.get("cpu-prof") === "true" && PROBE; // the probe runs the profiler
const TARGETS = { sqliteSamplesPerSecAt1000: 50_000, breachToRollbackP99Ms: 250 };

type Guardrails = NonNullable<PlanInput["guardrails"]>;

// Copied from prisma/demo-plan.json ("guardrails"), so edits to the demo do not change what this measures.
const DEMO_GUARDRAILS: Guardrails = [
  { metric: "error_rate", comparator: ">", target: 0.02, warning: 0.05, critical: 0.1, forSeconds: 20, windowSeconds: 20, onCritical: "rollback" },
  { metric: "success_rate", comparator: "<", target: 0.98, warning: 0.95, critical: 0.9, forSeconds: 20, windowSeconds: 20, onCritical: "rollback" },
  { metric: "latency_p95_ms", comparator: ">", target: 400, warning: 600, critical: 1000, forSeconds: 30, windowSeconds: 20, onCritical: "pause" },
  { metric: "latency_p99_ms", comparator: ">", target: 500, warning: 800, critical: 1500, forSeconds: 30, windowSeconds: 20, onCritical: "pause" },
  { metric: "memory_mb", comparator: ">", relativeTo: "baseline", target: 0, warning: 0.5, critical: 1.0, forSeconds: 30, windowSeconds: 30, onCritical: "pause" },
  { metric: "cpu_percent", comparator: ">", relativeTo: "baseline", target: 0, warning: 0.4, critical: 0.8, forSeconds: 30, windowSeconds: 30, onCritical: "pause" },
  { metric: "invariant_violations", comparator: ">", target: 0, warning: 5, critical: 10, forSeconds: 0, windowSeconds: 20, onCritical: "rollback" },
];
const BREACH_GUARDRAIL: Guardrails[number] = { metric: "error_rate", comparator: ">", warning: 0.05, critical: 0.1, forSeconds: 0, windowSeconds: 10, onCritical: "rollback" };

/** Healthy values around typical levels, each metric well inside its guardrail. */
const HEALTHY: Record<string, () => number> = {
  error_rate: () => 0.004 + Math.random() * 0.008,
  success_rate: () => 0.99 + Math.random() * 0.008,
  latency_p95_ms: () => 180 + Math.random() * 120,
  latency_p99_ms: () => 320 + Math.random() * 150,
  memory_mb: () => 480 + Math.random() * 40,
  cpu_percent: () => 30 + Math.random() * 10,
  invariant_violations: () => 0,
};
const METRICS = Object.keys(HEALTHY);
const TS = "__TS__";

/**
 * Bodies are prebuilt with a timestamp placeholder, so a sender only substitutes the current time: the bench spends
 * its CPU on sending, not on building JSON, and samples still carry "now". Every batch cycles through the 7 metrics x
 * 2 cohorts in the same order, as one agent would (--order varied starts each batch at a different metric, as
 * different agents might; on PostgreSQL that exposes a lock-order deadlock in the bucket merge).
 */
function bodyTemplates(batch: number, count = 8): string[] {
  return Array.from({ length: count }, (_, k) => {
    const samples = [];
    for (let i = 0; i < batch; i++) {
      const j = ORDER === "varied" ? i + k * batch : i;
      const metric = METRICS[j % METRICS.length];
      const cohort = Math.floor(j / METRICS.length) % 2 === 0 ? "canary" : "baseline";
      samples.push({ metric, value: Number(HEALTHY[metric]().toFixed(metric.endsWith("_rate") ? 5 : 2)), ts: TS, cohort });
    }
    return JSON.stringify({ samples });
  });
}

interface SendStats {
  requests: number;
  accepted: number;
  samples: number;
  failures: Map<string, number>;
  latenciesMs: number[];
}

/**
 * One POST over node:http with a keep-alive agent: undici's fetch cost the bench about 0.9 ms of CPU per request,
 * as much as the server it measures, on the same two cores.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
function post(url: string, token: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: "POST", agent, headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "content-length": Buffer.byteLength(body) } },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

async function postBatch(url: string, token: string, body: string, stats: SendStats | null) {
  const started = nowNs();
  try {
    const res = await post(url, token, body);
    let answer: { stored?: number; error?: { code?: string } } | null = null;
    try {
      answer = JSON.parse(res.text);
    } catch {
      // not JSON: counted by status below
    }
    if (!stats) return;
    stats.requests++;
    stats.latenciesMs.push(ms(nowNs() - started));
    if (res.status === 202) {
      stats.accepted++;
      stats.samples += answer?.stored ?? 0;
    } else {
      const key = `${res.status} ${answer?.error?.code ?? ""}`.trim();
      stats.failures.set(key, (stats.failures.get(key) ?? 0) + 1);
    }
  } catch (e) {
    if (!stats) return;
    stats.requests++;
    const key = `network: ${(e as Error).message}`;
    stats.failures.set(key, (stats.failures.get(key) ?? 0) + 1);
  }
}

/** `senders` loops posting back to back until the deadline; returns when every loop has its last answer. */
async function sendFor(url: string, token: string, templates: string[], senders: number, seconds: number, stats: SendStats | null) {
  const deadline = Date.now() + seconds * 1000;
  let k = 0;
  await Promise.all(
    Array.from({ length: senders }, async () => {
      while (Date.now() < deadline) {
        const body = templates[k++ % templates.length].replaceAll(TS, new Date().toISOString());
        await postBatch(url, token, body, stats);
      }
    }),
  );
}

async function newToken(baseUrl: string, releaseId: string): Promise<string> {
  const admin = await as("admin", baseUrl);
  const res = await admin.post("/api/tokens", { name: `bench ${releaseId.slice(0, 8)}`, releaseId });
  if (res.status !== 201) throw new Error(`token create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token as string;
}

async function rollBack(baseUrl: string, releaseId: string) {
  const commander = await as("commander", baseUrl);
  await commander.post(`/api/releases/${releaseId}/actions`, { action: "rollback", reason: "benchmark done" });
}

/** Samples stored, counted from the 10 s roll-ups (raw rows are kept only for the bucket a run began in). */
async function countSamples(databaseUrl: string, releaseId: string): Promise<number> {
  const client = createDb(databaseUrl);
  try {
    const sum = await client.metricBucket.aggregate({ where: { releaseId, sizeMs: 10_000 }, _sum: { count: true } });
    return sum._sum.count ?? 0;
  } finally {
    await client.$disconnect();
  }
}

async function throughput(server: ServerProcess, databaseUrl: string, batch: number, profiler: ServerProfiler | null, kind: string) {
  const release = await createStartedRelease(server.baseUrl, simplePlan(4, { name: `bench ingest ${batch}`, guardrails: DEMO_GUARDRAILS }));
  const token = await newToken(server.baseUrl, release.id);
  const url = `${server.baseUrl}/api/releases/${release.id}/metrics`;
  const templates = bodyTemplates(batch);
  if (WARMUP_SECONDS) await sendFor(url, token, templates, SENDERS, WARMUP_SECONDS, null);
  await sleep(500);
  const quietBefore = await waitQuiet(WAIT_QUIET, serverPid(server.output()));
  const before = await countSamples(databaseUrl, release.id);
  const conflictsBefore = postgresConflicts(databaseUrl);
  await profiler?.startPhase(`ingest-${kind}-batch${batch}`);
  const stats: SendStats = { requests: 0, accepted: 0, samples: 0, failures: new Map(), latenciesMs: [] };
  const meter = new CpuMeter(serverPid(server.output()));
  const started = nowNs();
  await sendFor(url, token, templates, SENDERS, SECONDS, stats);
  const ended = nowNs();
  const cpu = meter.read();
  const profileFile = (await profiler?.endPhase(`ingest-${kind}-batch${batch}`)) ?? null;
  const conflictsAfter = postgresConflicts(databaseUrl);
  const pgConflicts =
    conflictsBefore && conflictsAfter
      ? { deadlocks: conflictsAfter.deadlocks - conflictsBefore.deadlocks, uniqueViolations: conflictsAfter.uniqueViolations - conflictsBefore.uniqueViolations }
      : null;
  const wallS = ms(ended - started) / 1000;
  // Check the answers against the database: every accepted sample must be stored.
  const stored = (await countSamples(databaseUrl, release.id)) - before;
  await rollBack(server.baseUrl, release.id); // stop the background guardrail tick for it
  const loop = loopStats(server.output(), started, ended);
  return {
    batch,
    senders: SENDERS,
    seconds: wallS,
    requests: stats.requests,
    accepted: stats.accepted,
    failures: Object.fromEntries(stats.failures),
    samplesAccepted: stats.samples,
    samplesInDatabase: stored,
    samplesPerSec: stats.samples / wallS,
    requestsPerSec: stats.requests / wallS,
    requestMs: summary(stats.latenciesMs),
    cpuCores: { server: cpu.serverCores, bench: cpu.benchCores, otherProcesses: cpu.otherCores, otherBeforeStart: quietBefore },
    serverCpuUsPerSample: (cpu.serverMs * 1000) / Math.max(1, stats.samples),
    serverLoop: loop,
    postgresConflicts: pgConflicts,
    profile: profileFile ? summarizeProfile([profileFile]) : null,
  };
}

interface Receipt {
  type: string;
  seq: number;
  t: number;
}

async function breachRuns(server: ServerProcess, label: string, loadRate: number, profiler: ServerProfiler | null, kind: string) {
  const viewer = await as("viewer", server.baseUrl);
  const received = new Map<string, Receipt[]>();
  let waiter: { releaseId: string; done: () => void } | null = null;
  const socket: Socket = io(server.baseUrl, {
    transports: ["websocket"],
    extraHeaders: { cookie: viewer.cookieHeader() },
    reconnection: false,
    forceNew: true,
  });
  onCleanup(() => socket.close());
  socket.on("release:event", (ev: { releaseId: string; type: string; seq: number }) => {
    const t = nowNs();
    const list = received.get(ev.releaseId) ?? [];
    list.push({ type: ev.type, seq: ev.seq, t });
    received.set(ev.releaseId, list);
    if (ev.type === "rolled_back" && waiter?.releaseId === ev.releaseId) waiter.done();
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("dashboard socket did not connect in 10 s")), 10_000);
    socket.once("connect", () => (clearTimeout(timer), resolve()));
    socket.once("connect_error", (e) => (clearTimeout(timer), reject(e)));
  });

  const quietBefore = await waitQuiet(WAIT_QUIET, serverPid(server.output()));
  // Optional background ingest into another release at a fixed rate, in batches of 1,000.
  let loadStop = false;
  let load: Promise<void> = Promise.resolve();
  const loadStats: SendStats = { requests: 0, accepted: 0, samples: 0, failures: new Map(), latenciesMs: [] };
  if (loadRate > 0) {
    const loadRelease = await createStartedRelease(server.baseUrl, simplePlan(4, { name: "bench background load", guardrails: DEMO_GUARDRAILS }));
    const loadToken = await newToken(server.baseUrl, loadRelease.id);
    const loadUrl = `${server.baseUrl}/api/releases/${loadRelease.id}/metrics`;
    const templates = bodyTemplates(1000);
    const intervalMs = (1000 * 1000) / loadRate;
    load = (async () => {
      let next = Date.now();
      let k = 0;
      const inflight = new Set<Promise<void>>();
      const until = Date.now() + 15 * 60_000; // bounded even if the runs hang
      while (!loadStop && Date.now() < until) {
        const p = postBatch(loadUrl, loadToken, templates[k++ % templates.length].replaceAll(TS, new Date().toISOString()), loadStats).finally(() => inflight.delete(p));
        inflight.add(p);
        if (inflight.size >= 8) await Promise.race(inflight); // never more than 8 in flight
        next += intervalMs;
        await sleep(Math.max(0, next - Date.now()));
      }
      await Promise.all(inflight);
      await rollBack(server.baseUrl, loadRelease.id);
    })();
    await sleep(2000); // let the load settle in
  }
  const runs = [];
  await profiler?.startPhase(`breach-${kind}-${label}`);
  // Count the background load over the measured runs only.
  Object.assign(loadStats, { requests: 0, accepted: 0, samples: 0, failures: new Map(), latenciesMs: [] });
  const meter = new CpuMeter(serverPid(server.output()));
  const phaseStart = nowNs();
  try {
    for (let r = 0; r < BREACH_RUNS; r++) {
      const release = await createStartedRelease(server.baseUrl, simplePlan(4, { name: `bench breach ${r}`, guardrails: [BREACH_GUARDRAIL] }));
      const token = await newToken(server.baseUrl, release.id);
      const ack = (await socket.timeout(10_000).emitWithAck("subscribe", { releaseId: release.id, afterSeq: release.lastSeq })) as { ok: boolean };
      if (!ack.ok) throw new Error(`subscribe failed: ${JSON.stringify(ack)}`);
      const url = `${server.baseUrl}/api/releases/${release.id}/metrics`;
      // A sender that has been reporting healthy values (this also warms the token cache, as a live sender would).
      const now = new Date().toISOString();
      const healthy = [
        ...Array.from({ length: 10 }, () => ({ metric: "error_rate", value: 0.01, ts: now, cohort: "canary" })),
        ...Array.from({ length: 10 }, () => ({ metric: "error_rate", value: 0.01, ts: now, cohort: "baseline" })),
      ];
      const warm = await fetch(url, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify({ samples: healthy }) });
      if (warm.status !== 202) throw new Error(`healthy batch refused: ${warm.status} ${await warm.text()}`);
      await warm.text().catch(() => "");
      // Past the metrics broadcast throttle (500 ms), so no watch pass of this release is pending; plus a random
      // 0-1000 ms, so the breaches do not fall into step with the background load's 500 ms rhythm.
      await sleep(700 + Math.random() * 1000);
      const breach = JSON.stringify({
        samples: Array.from({ length: 20 }, () => ({ metric: "error_rate", value: 0.5, ts: new Date().toISOString(), cohort: "canary" })),
      });
      const rolledBack = new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), BREACH_TIMEOUT_MS);
        waiter = { releaseId: release.id, done: () => (clearTimeout(timer), resolve(true)) };
      });
      const trace = `breach-${label}-${r}`;
      const t0 = nowNs();
      const res = await fetch(url, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "x-bench-trace": trace },
        body: breach,
      });
      const tHttp = nowNs();
      await res.text();
      if (res.status !== 202) throw new Error(`breach batch refused: ${res.status}`);
      const ok = await rolledBack;
      waiter = null;
      const events = (received.get(release.id) ?? []).filter((e) => e.t >= t0);
      const rb = events.find((e) => e.type === "rolled_back");
      runs.push({
        run: r,
        releaseId: release.id,
        trace,
        t0,
        rolledBack: ok,
        httpMs: ms(tHttp - t0),
        firstEventMs: events.length ? ms(events[0].t - t0) : NaN,
        rolledBackMs: rb ? ms(rb.t - t0) : Infinity,
        eventTypes: events.map((e) => e.type),
      });
      socket.emit("unsubscribe", { releaseId: release.id });
    }
  } finally {
    loadStop = true;
    await load;
  }
  const cpu = meter.read();
  const phaseEnd = nowNs();
  const profileFile = (await profiler?.endPhase(`breach-${kind}-${label}`)) ?? null;
  socket.close();

  // Server-side split from the probe: request seen, ingest answered, rolled_back broadcast started.
  const lines = PROBE ? probeLines(server.output()) : [];
  const split = runs.map((run) => {
    const http = lines.find((l): l is Extract<ProbeLine, { kind: "http" }> => l.kind === "http" && l.id === run.trace);
    const emit = lines.find(
      (l): l is Extract<ProbeLine, { kind: "emit" }> => l.kind === "emit" && l.ev === "release:event" && l.type === "rolled_back" && l.releaseId === run.releaseId,
    );
    return {
      serverSawMs: http ? ms(http.start - run.t0) : NaN,
      responseDoneMs: http ? ms(http.end - run.t0) : NaN,
      rollbackEmitMs: emit ? ms(emit.start - run.t0) : NaN,
    };
  });
  return {
    scenario: label,
    backgroundSamplesPerSec: loadRate,
    backgroundAchieved: loadRate ? { samplesPerSec: loadStats.samples / (ms(phaseEnd - phaseStart) / 1000), failures: Object.fromEntries(loadStats.failures), requestMs: summary(loadStats.latenciesMs) } : null,
    runs: runs.length,
    missed: runs.filter((r) => !r.rolledBack).length,
    breachToRollbackMs: summary(runs.filter((r) => r.rolledBack).map((r) => r.rolledBackMs)),
    httpMs: summary(runs.map((r) => r.httpMs)),
    firstEventMs: summary(runs.map((r) => r.firstEventMs).filter(Number.isFinite)),
    serverSawMs: summary(split.map((s) => s.serverSawMs).filter(Number.isFinite)),
    responseDoneMs: summary(split.map((s) => s.responseDoneMs).filter(Number.isFinite)),
    rollbackEmitStartMs: summary(split.map((s) => s.rollbackEmitMs).filter(Number.isFinite)),
    cpuCores: { server: cpu.serverCores, bench: cpu.benchCores, otherProcesses: cpu.otherCores, otherBeforeStart: quietBefore },
    serverLoop: loopStats(server.output(), phaseStart, phaseEnd),
    profile: profileFile ? summarizeProfile([profileFile]) : null,
    detail: runs.map((r, i) => ({ ...r, t0: undefined, ...split[i] })),
  };
}

async function runDatabase(kind: "sqlite" | "postgres") {
  let databaseUrl: string;
  if (kind === "sqlite") {
    const dir = mkdtempSync(path.join(tmpdir(), "tidegate-bench-ingest-"));
    onCleanup(() => rmSync(dir, { recursive: true, force: true }));
    databaseUrl = `file:${path.join(dir, "bench.db")}`;
  } else {
    const pg = await startPostgres();
    onCleanup(() => pg.stop());
    databaseUrl = await pg.createDatabase("tidegate_bench");
  }
  await prepareDatabase(databaseUrl);
  const profDir = CPU_PROF ? path.join(RESULTS_DIR, `prof-ingest-${kind}-${Date.now()}`) : undefined;
  const server = await startServer(serverEnv(databaseUrl, { probe: PROBE, cpuProfDir: profDir }));
  const profiler = profDir ? new ServerProfiler(server, profDir) : null;
  let stopped = false;
  onCleanup(() => (stopped ? undefined : server.stop()));
  console.log(`\n[${kind}] server ${server.baseUrl} (pid ${serverPid(server.output()) ?? "?"}), ${kind === "sqlite" ? databaseUrl : "PostgreSQL on loopback (fsync=off)"}`);

  const rows = [];
  for (const batch of BATCHES) {
    const row = await throughput(server, databaseUrl, batch, profiler, kind);
    rows.push(row);
    console.log(
      `  batch ${batch}: ${fmtInt(row.samplesPerSec)} samples/s, ${fmtInt(row.requestsPerSec)} req/s, request p50 ${fmt(row.requestMs.p50)} ms p99 ${fmt(row.requestMs.p99)} ms, ` +
        `failures ${JSON.stringify(row.failures)}, stored ${row.samplesInDatabase}/${row.samplesAccepted}` +
        (row.postgresConflicts ? `, PostgreSQL deadlocks ${row.postgresConflicts.deadlocks}, unique violations ${row.postgresConflicts.uniqueViolations} (retried)` : ""),
    );
  }
  const breach = [];
  if (BREACH_RUNS > 0) {
    breach.push(await breachRuns(server, "idle", 0, profiler, kind));
    console.log(`  breach->rollback (idle server): p50 ${fmt(breach[0].breachToRollbackMs.p50)} ms, p99 ${fmt(breach[0].breachToRollbackMs.p99)} ms, missed ${breach[0].missed}`);
    if (BREACH_LOAD_RATE > 0) {
      const loaded = await breachRuns(server, `load-${BREACH_LOAD_RATE}`, BREACH_LOAD_RATE, profiler, kind);
      breach.push(loaded);
      console.log(
        `  breach->rollback (${fmtInt(BREACH_LOAD_RATE)} samples/s on another release): p50 ${fmt(loaded.breachToRollbackMs.p50)} ms, p99 ${fmt(loaded.breachToRollbackMs.p99)} ms, missed ${loaded.missed}`,
      );
    }
  }
  await server.stop();
  stopped = true;
  const serverLog = path.relative(REPO, saveServerLog(`ingest-${kind}`, server.output()));
  return { db: kind, throughput: rows, breach, serverLog };
}

async function main() {
  const app = await prepareApp(args);
  const machine = machineFacts();
  console.log(`Tidegate ingest benchmark  (${new Date().toISOString()})`);
  printMachine(machine);
  console.log(`app: ${app.mode} ${app.dir} (git ${app.git})`);
  console.log(
    `databases ${DBS.join(",")}; batches ${BATCHES.join(",")}; ${SENDERS} senders x ${SECONDS} s (+${WARMUP_SECONDS} s warm-up); ` +
      `${BREACH_RUNS} breach runs per scenario; probe ${PROBE ? "on" : "off"}; cpu profile ${CPU_PROF ? "on" : "off"}`,
  );
  console.log(`NOTE: the senders run in this process on the same ${machine.cores} cores as the server (and PostgreSQL); see the CPU columns.`);

  const results = [];
  for (const kind of DBS) results.push(await runDatabase(kind));

  console.log(
    `\nIngest throughput (${SENDERS} senders back to back, ${SECONDS} s; healthy samples, 7 metrics x 2 cohorts, ts = now, ${ORDER} order in each batch):`,
  );
  console.log(
    table(
      ["db", "batch", "samples/s", "requests/s", "req p50 ms", "req p99 ms", "failed", "stored ok", "pg deadlocks", "srv us/sample", "srv cores", "bench cores", "other procs", "srv loop delay max"],
      results.flatMap((r) =>
        r.throughput.map((t) => [
          r.db,
          t.batch,
          fmtInt(t.samplesPerSec),
          fmtInt(t.requestsPerSec),
          fmt(t.requestMs.p50),
          fmt(t.requestMs.p99),
          t.requests - t.accepted,
          t.samplesInDatabase === t.samplesAccepted ? "yes" : `NO (${t.samplesInDatabase})`,
          t.postgresConflicts ? t.postgresConflicts.deadlocks : "-",
          fmt(t.serverCpuUsPerSample),
          fmt(t.cpuCores.server, 2),
          fmt(t.cpuCores.bench, 2),
          fmt(t.cpuCores.otherProcesses, 2),
          `${fmt(t.serverLoop.delayMaxMs)} ms`,
        ]),
      ),
    ),
  );
  if (BREACH_RUNS > 0) {
    console.log(
      `\nBreach to rollback (ms after the breaching batch was sent; server columns from the probe, medians; nearest-rank ` +
        `percentiles: with ${BREACH_RUNS} runs, p99 is the slowest run):`,
    );
    console.log(
      table(
        ["db", "scenario", "runs", "missed", "p50", "p95", "p99", "max", "ingest 202 p50", "first event p50", "srv saw req", "srv 202 done", "rolled_back emit", "other procs"],
        results.flatMap((r) =>
          r.breach.map((b) => [
            r.db,
            b.scenario,
            b.runs,
            b.missed,
            fmt(b.breachToRollbackMs.p50),
            fmt(b.breachToRollbackMs.p95),
            fmt(b.breachToRollbackMs.p99),
            fmt(b.breachToRollbackMs.max),
            fmt(b.httpMs.p50),
            fmt(b.firstEventMs.p50),
            fmt(b.serverSawMs.p50),
            fmt(b.responseDoneMs.p50),
            fmt(b.rollbackEmitStartMs.p50),
            `${fmt(b.cpuCores.otherProcesses, 2)} cores`,
          ]),
        ),
      ),
    );
  }
  const sqlite1000 = results.find((r) => r.db === "sqlite")?.throughput.find((t) => t.batch === 1000);
  if (sqlite1000) {
    const ok = sqlite1000.samplesPerSec >= TARGETS.sqliteSamplesPerSecAt1000;
    console.log(`\nTarget: >= ${fmtInt(TARGETS.sqliteSamplesPerSecAt1000)} samples/s with batches of 1,000 on SQLite -> ${ok ? "MET" : "MISSED"} (${fmtInt(sqlite1000.samplesPerSec)})`);
  }
  for (const r of results) {
    for (const b of r.breach) {
      const ok = b.missed === 0 && b.breachToRollbackMs.p99 < TARGETS.breachToRollbackP99Ms;
      console.log(`Target: breach to rollback < ${TARGETS.breachToRollbackP99Ms} ms p99 [${r.db}, ${b.scenario}] -> ${ok ? "MET" : "MISSED"} (p99 ${fmt(b.breachToRollbackMs.p99)} ms, missed ${b.missed})`);
    }
  }
  for (const r of results) {
    for (const t of r.throughput) if (t.profile) printProfile(`${r.db}, ingest with batches of ${t.batch}`, t.profile, t.batch === Math.max(...BATCHES) ? 15 : 0);
    for (const b of r.breach) if (b.profile) printProfile(`${r.db}, breach runs (${b.scenario})`, b.profile, 0);
  }
  const file = writeResults("ingest", {
    benchmark: "ingest",
    at: new Date().toISOString(),
    machine,
    app,
    options: { order: ORDER, dbs: DBS, seconds: SECONDS, warmupSeconds: WARMUP_SECONDS, batches: BATCHES, senders: SENDERS, breachRuns: BREACH_RUNS, breachLoadRate: BREACH_LOAD_RATE, probe: PROBE },
    targets: TARGETS,
    results,
  });
  console.log(`\nraw results: ${path.relative(REPO, file)}`);
}

runBench(main, 45);
