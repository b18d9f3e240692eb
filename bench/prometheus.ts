// Prometheus pull benchmark: --releases running releases (default 100), each with 7 Prometheus-sourced guardrails
// pulled every --interval-seconds (default 15), against a REAL Prometheus (/usr/bin/prometheus) scraping the
// prom-client exporter (tests/support/demo-exporter.mjs), with the production server on SQLite.
//
//   npx tsx bench/prometheus.ts [--releases 100] [--interval-seconds 15] [--seconds 120] [--wait-quiet N] [--snapshot]
//
// Measured over --seconds after one warm-up interval:
// - queries/s: Prometheus' own count of answered /api/v1/query requests (prometheus_http_requests_total), per second;
// - evaluation lag: for each pull, from its scheduled time to the verdict of its watch pass, which is written with
//   the pull (GuardrailMeasurement.evaluatedAt - scheduledAt), p50 / p99 / max, and pulls left without a verdict;
// - CPU: cores used by the Tidegate server, by Prometheus, and by everything else on the machine.
// Nothing breaches (thresholds sit far above the exporter's values), so every pass is the steady-state cost.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { PlanInput } from "../lib/plans/core/plan";
import { createDb } from "../lib/platform/db/client";
import { startExporter } from "../tests/support/exporter-process";
import { as, simplePlan } from "../tests/support/fixtures";
import { prepareDatabase } from "../tests/support/global-setup";
import { startPrometheus } from "../tests/support/prometheus-server";
import { startServer } from "../tests/support/server-process";
import {
  CpuMeter,
  fmt,
  fmtInt,
  intArg,
  machineFacts,
  onCleanup,
  parseArgs,
  prepareApp,
  printMachine,
  processCpuMs,
  REPO,
  runBench,
  serverEnv,
  serverPid,
  sleep,
  summary,
  table,
  waitQuiet,
  writeResults,
} from "./support";

process.chdir(REPO);
const args = parseArgs(process.argv.slice(2));
const RELEASES = intArg(args, "releases", 100, 1, 1000);
const INTERVAL = intArg(args, "interval-seconds", 15, 1, 300);
const SECONDS = intArg(args, "seconds", 120, 10, 3600);
const WAIT_QUIET = intArg(args, "wait-quiet", 0, 0, 3600);
const TARGETS = { lagP99Ms: 1000 };

const rate = (expr: string) => `sum(rate(${expr}[{{window}}]))`;
/** Seven guardrails shaped like the seeds' alert rules: ratios from *_total counters, quantiles from histograms. */
function guardrails(): PlanInput["guardrails"] {
  const c = 'cohort="canary"';
  const pulled = (metric: string, canary: string, critical: number, comparator: ">" | "<" = ">") => ({
    metric,
    comparator,
    critical,
    windowSeconds: 60,
    forSeconds: 60,
    onCritical: "pause" as const,
    source: { prometheus: { canary, intervalSeconds: INTERVAL } },
  });
  return [
    pulled("error_rate", `${rate(`app_errors_total{${c}}`)} / ${rate(`app_requests_total{${c}}`)}`, 0.5),
    pulled("success_rate", `1 - ${rate(`app_errors_total{${c}}`)} / ${rate(`app_requests_total{${c}}`)}`, 0.5, "<"),
    pulled("latency_p95_ms", `1000 * histogram_quantile(0.95, sum by (le) (rate(app_request_duration_seconds_bucket{${c}}[{{window}}])))`, 60_000),
    pulled("latency_p99_ms", `1000 * histogram_quantile(0.99, sum by (le) (rate(app_request_duration_seconds_bucket{${c}}[{{window}}])))`, 60_000),
    pulled("throughput_rps", rate(`app_requests_total{${c}}`), 1_000_000),
    pulled("memory_mb", "sum(process_resident_memory_bytes) / 1048576", 1_000_000),
    pulled("cpu_percent", "100 * sum(rate(process_cpu_seconds_total[{{window}}]))", 1_000_000),
  ] as PlanInput["guardrails"];
}

/** Prometheus' own count of answered instant queries, from its /metrics page (it does not scrape itself here). */
async function queriesAnswered(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  let total = 0;
  for (const line of text.split("\n")) {
    if (line.startsWith("prometheus_http_requests_total{") && line.includes('handler="/api/v1/query"')) total += Number(line.split(" ").at(-1));
  }
  return total;
}

async function main() {
  const machine = machineFacts();
  printMachine(machine);
  const app = await prepareApp(args);
  const dir = mkdtempSync(path.join(tmpdir(), "tidegate-bench-prom-"));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  const exporter = await startExporter();
  onCleanup(() => exporter.stop());
  const prometheus = await startPrometheus([exporter.target], "5s");
  onCleanup(() => prometheus.stop());
  const databaseUrl = `file:${path.join(dir, "bench.db")}`;
  await prepareDatabase(databaseUrl);
  const server = await startServer(
    serverEnv(databaseUrl, { probe: true, extra: { PROMETHEUS_URL: prometheus.url, PROMETHEUS_ALLOWED_NETWORKS: "loopback", GUARDRAIL_TICK_MS: "5000" } }),
  );
  onCleanup(() => server.stop());
  const pid = serverPid(server.output());
  console.log(`app: ${app.mode} (${app.git}); prometheus ${prometheus.url} (pid ${prometheus.pid}); ${RELEASES} releases x 7 guardrails every ${INTERVAL}s`);

  const admin = await as("admin", server.baseUrl);
  const commander = await as("commander", server.baseUrl);
  const ids: string[] = [];
  const createOne = async (i: number) => {
    const created = await admin.post("/api/releases", simplePlan(3, { name: `Bench ${i}`, guardrails: guardrails() }));
    if (created.status !== 201) throw new Error(`create failed: ${created.status} ${JSON.stringify(created.body)}`);
    const started = await commander.post(`/api/releases/${created.body.id}/actions`, { action: "start", expectedVersion: created.body.version });
    if (started.status !== 200) throw new Error(`start failed: ${started.status}`);
    ids.push(created.body.id);
  };
  // Ten at a time: each creation also dry-runs its 7 queries against Prometheus.
  for (let i = 0; i < RELEASES; i += 10) await Promise.all(Array.from({ length: Math.min(10, RELEASES - i) }, (_, k) => createOne(i + k)));
  console.log(`created and started ${ids.length} releases; warming up for one interval`);
  await sleep(INTERVAL * 1000 + 2000);
  const other = await waitQuiet(WAIT_QUIET, pid);

  const db = createDb(databaseUrl);
  onCleanup(() => db.$disconnect());
  const t0 = new Date();
  const q0 = await queriesAnswered(prometheus.url);
  const cpu = new CpuMeter(pid);
  const prom0 = processCpuMs(prometheus.pid);
  await sleep(SECONDS * 1000);
  const q1 = await queriesAnswered(prometheus.url);
  const c = cpu.read();
  const promCores = ((processCpuMs(prometheus.pid) ?? NaN) - (prom0 ?? NaN)) / c.wallMs;
  // Let the last pulls of the window get their verdicts before reading them.
  await sleep(3000);
  const t1 = new Date(t0.getTime() + SECONDS * 1000);
  const rows = await db.guardrailMeasurement.findMany({ where: { scheduledAt: { gte: t0, lt: t1 } }, select: { scheduledAt: true, evaluatedAt: true, state: true } });
  const lags = rows.filter((r) => r.evaluatedAt).map((r) => r.evaluatedAt!.getTime() - r.scheduledAt.getTime());
  const lag = summary(lags);
  const states = rows.reduce<Record<string, number>>((acc, r) => ((acc[r.state] = (acc[r.state] ?? 0) + 1), acc), {});
  const expected = (RELEASES * 7 * SECONDS) / INTERVAL;
  const qps = (q1 - q0) / (c.wallMs / 1000);

  console.log();
  console.log(
    table(
      ["pulls (expected)", "queries/s", "lag p50 ms", "lag p99 ms", "lag max ms", "no verdict", "states", "server cores", "prometheus cores", "other procs cores"],
      [
        [
          `${fmtInt(rows.length)} (${fmtInt(expected)})`,
          fmt(qps, 1),
          fmt(lag.p50, 0),
          fmt(lag.p99, 0),
          fmt(lag.max, 0),
          fmtInt(rows.length - lags.length),
          Object.entries(states).map(([k, v]) => `${k} ${v}`).join(", "),
          fmt(c.serverCores, 2),
          fmt(promCores, 2),
          fmt(c.otherCores, 2),
        ],
      ],
    ),
  );
  console.log(`target: evaluation lag p99 < ${TARGETS.lagP99Ms} ms -> ${lag.p99 < TARGETS.lagP99Ms ? "met" : "NOT met"}`);
  const file = writeResults("prometheus", { machine, app, releases: RELEASES, intervalSeconds: INTERVAL, seconds: SECONDS, pulls: rows.length, expected, qps, lag, states, cpu: { ...c, prometheusCores: promCores }, otherBeforeStart: other });
  console.log(`results: ${file}`);
}

runBench(main, 30);
