// Flag evaluation throughput and latency: Tidegate's OFREP endpoints (single and bulk) and, side by side in the same
// run with the same load tool, @unleash/proxy fed from Tidegate's own /api/client/features. Also how fast a
// committed rollback reaches OFREP answers. A benchmark, not a test: it prints numbers and asserts nothing.
//
//   npx tsx bench/flags.ts [--seconds 10] [--connections 50] [--rollbacks 20] [--browser-rollbacks 10] [--snapshot] [--cpu-prof]
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import autocannon from "autocannon";
import { flagPageHtml } from "../e2e/support/flag-page-html";
import { inRollout } from "../lib/flags/core/bucketing";
import { as, simplePlan } from "../tests/support/fixtures";
import { freePort } from "../tests/support/free-port";
import type { SessionClient } from "../tests/support/session-client";
import { prepareDatabase } from "../tests/support/global-setup";
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
  printProfile,
  RESULTS_DIR,
  runBench,
  ServerProfiler,
  summarizeProfile,
  serverEnv,
  serverPid,
  sleep,
  summary,
  table,
  writeResults,
  REPO,
} from "./support";

const FLAGS = 5;
/** Distinct targeting keys per run, cycled by every connection. */
const VARIANTS = 2000;

function rssMiB(pid: number | null): number {
  if (!pid) return NaN;
  try {
    const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith("VmRSS:"));
    return Number(line?.split(/\s+/)[1]) / 1024;
  } catch {
    return NaN;
  }
}

interface LoadResult {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  serverCores: number;
  rssBefore: number;
  rssAfter: number;
}

async function load(
  name: string,
  pid: number | null,
  opts: { url: string; method: "GET" | "POST"; headers: Record<string, string>; body?: (i: number) => string; path?: (i: number) => string },
  seconds: number,
  connections: number,
): Promise<LoadResult> {
  const rssBefore = rssMiB(pid);
  const cpu = new CpuMeter(pid);
  // A different targeting key per request, so nothing is answered from a cache of one user. The requests are built
  // before the run and cycled (autocannon builds each entry's bytes once): a per-request setupRequest callback cost
  // the load generator about as much CPU as the server it was measuring, on the same two cores.
  const requests = Array.from({ length: VARIANTS }, (_, n) => ({
    method: opts.method,
    headers: opts.headers,
    ...(opts.body ? { body: opts.body(n) } : {}),
    ...(opts.path ? { path: opts.path(n) } : {}),
  }));
  const result = await autocannon({ url: opts.url, connections, duration: seconds, requests });
  const used = cpu.read();
  return {
    name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    serverCores: used.serverCores,
    rssBefore,
    rssAfter: rssMiB(pid),
  };
}

/**
 * The machine's ceiling, for scale: a bare node:http server that reads the body and answers a fixed OFREP-sized JSON,
 * loaded with the same tool. No server in Node answers faster on these two cores with this load generator beside it.
 */
async function startBareControl(): Promise<{ url: string; pid: number }> {
  const port = await freePort();
  const script = `
    const body = JSON.stringify({ key: "bench-flag-0", value: true, reason: "SPLIT", variant: "on", metadata: { releaseId: "x".repeat(25), release: "bench", releaseStatus: "running", wave: "Half", waveIndex: 0, sharePercent: 50 } });
    require("node:http").createServer((req, res) => {
      req.on("data", () => {});
      req.on("end", () => {
        res.writeHead(200, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(body), "cache-control": "no-store" });
        res.end(body);
      });
    }).listen(${port}, "127.0.0.1");`;
  const child = spawn(process.execPath, ["-e", script], { stdio: "ignore" });
  onCleanup(() => child.kill("SIGKILL"));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      if ((await fetch(url, { method: "POST", body: "{}" })).ok) break;
    } catch {
      // not up yet
    }
    if (child.exitCode !== null || Date.now() > deadline) throw new Error("the bare node:http control did not start");
    await sleep(100);
  }
  return { url, pid: child.pid! };
}

async function startProxy(upstream: string, token: string): Promise<{ url: string; child: ChildProcess; pid: number }> {
  const port = await freePort();
  // The peer comes from this checkout, whichever app the run measures (--app-dir may point at code without it).
  const child = spawn(process.execPath, [path.join(REPO, "node_modules/@unleash/proxy/dist/start.js")], {
    env: {
      ...process.env,
      UNLEASH_URL: `${upstream}/api`,
      UNLEASH_API_TOKEN: token,
      UNLEASH_PROXY_CLIENT_KEYS: "bench-proxy-secret",
      UNLEASH_FETCH_INTERVAL: "1000",
      UNLEASH_APP_NAME: "bench-proxy",
      PORT: String(port),
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout?.on("data", (d) => (log += d));
  child.stderr?.on("data", (d) => (log += d));
  onCleanup(() => child.kill("SIGKILL"));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const res = await fetch(`${url}/proxy?userId=1`, { headers: { authorization: "bench-proxy-secret" } });
      if (res.ok && ((await res.json()) as { toggles: unknown[] }).toggles.length > 0) break;
    } catch {
      // not up yet
    }
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`@unleash/proxy did not start:\n${log}`);
    await sleep(200);
  }
  return { url, child, pid: child.pid! };
}

/**
 * Rollback -> flag off in a connected browser provider: the stand-in customer page of the e2e test (OpenFeature web
 * SDK + OFREP web provider, on its own origin) holds the flag on; the commander rolls back. Timed from the moment the
 * rollback's answer arrives (it is committed by then) and from the moment it was sent, to the page's own record of
 * the flag turning off (one machine, one clock). The provider waits 50 ms after a change event before it re-fetches
 * (its own debounce), which is in both.
 */
async function rollbacksInBrowser(base: string, admin: SessionClient, commander: SessionClient, count: number) {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  onCleanup(() => browser.close());
  let html = "";
  const app = createServer((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end(html));
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  onCleanup(() => app.close());
  const appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}/`;
  const fromCommit: number[] = [];
  const fromSend: number[] = [];
  for (let r = 0; r < count; r++) {
    const flag = `bench-web-${r}-${Date.now().toString(36)}`;
    const rel = await admin.post("/api/releases", { ...simplePlan(), waves: [{ name: "Half", trafficPercent: 50 }, { name: "All", trafficPercent: 100 }], flags: [{ key: flag }] });
    await commander.post(`/api/releases/${rel.body.id}/actions`, { action: "start" });
    const sdkKey = (await admin.post("/api/tokens", { name: `bench web ${r}`, kind: "sdk", releaseId: rel.body.id })).body.token as string;
    let n = 0;
    while (!inRollout(`shopper-${n}`, flag, 50)) n++;
    html = flagPageHtml({ baseUrl: base, sdkKey, flag, targetingKey: `shopper-${n}` });
    const page = await browser.newPage();
    await page.goto(appUrl);
    await page.locator('#feature[data-value="true"]').waitFor({ timeout: 15_000 });
    await sleep(500); // the provider opens its event stream once it is ready
    const sentAt = Date.now();
    const res = await commander.post(`/api/releases/${rel.body.id}/actions`, { action: "rollback", reason: "bench" });
    const answeredAt = Date.now();
    if (res.status !== 200) throw new Error(`rollback failed: ${JSON.stringify(res.body)}`);
    await page.locator('#feature[data-value="false"]').waitFor({ timeout: 15_000 });
    const changes = await page.evaluate(() => (window as unknown as { flagChanges: { value: boolean; at: number }[] }).flagChanges);
    const offAt = changes.filter((c) => !c.value).at(-1)!.at;
    fromCommit.push(offAt - answeredAt);
    fromSend.push(offAt - sentAt);
    await page.close();
  }
  return { fromCommit: summary(fromCommit), fromSend: summary(fromSend) };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const seconds = intArg(args, "seconds", 10, 1, 120);
  const connections = intArg(args, "connections", 50, 1, 1000);
  const rollbacks = intArg(args, "rollbacks", 20, 0, 200);
  const browserRollbacks = intArg(args, "browser-rollbacks", 10, 0, 100);
  const machine = machineFacts();
  printMachine(machine);
  const app = await prepareApp(args);
  const dir = mkdtempSync(path.join(tmpdir(), "tidegate-bench-flags-"));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  const databaseUrl = `file:${path.join(dir, "bench.db")}`;
  await prepareDatabase(databaseUrl);
  const profDir = args.get("cpu-prof") === "true" ? path.join(RESULTS_DIR, `prof-flags-${Date.now()}`) : undefined;
  // The flag worker's port (FLAGS_PORT) is loaded too; code from before it ignores the variable, and is measured
  // without those lines.
  const flagsPort = await freePort();
  const server = await startServer(serverEnv(databaseUrl, { probe: true, cpuProfDir: profDir, extra: { FLAGS_PORT: String(flagsPort) } }));
  onCleanup(() => server.stop());
  const profiler = profDir ? new ServerProfiler(server, profDir) : null;
  const pid = serverPid(server.output());
  const base = server.baseUrl.replace("localhost", "127.0.0.1");

  // Five flags on one running release at 50 %, and an SDK key.
  const admin = await as("admin", server.baseUrl);
  const flags = Array.from({ length: FLAGS }, (_, i) => ({ key: `bench-flag-${i}` }));
  const plan = { ...simplePlan(), waves: [{ name: "Half", trafficPercent: 50 }, { name: "All", trafficPercent: 100 }], flags };
  const created = await admin.post("/api/releases", plan);
  const commander = await as("commander", server.baseUrl);
  await commander.post(`/api/releases/${created.body.id}/actions`, { action: "start" });
  const sdk = (await admin.post("/api/tokens", { name: "bench", kind: "sdk" })).body.token as string;
  await sleep(1000);

  const proxy = await startProxy(base, sdk);
  const ofrepHeaders = { authorization: `Bearer ${sdk}`, "content-type": "application/json" };
  const body = (i: number) => `{"context":{"targetingKey":"user-${i}"}}`;
  const results: LoadResult[] = [];
  // Warm-up so neither side pays JIT and connection set-up in the measured phase.
  await load("warm-up", pid, { url: `${base}/ofrep/v1/evaluate/flags/bench-flag-0`, method: "POST", headers: ofrepHeaders, body }, 2, connections);
  await load("warm-up", proxy.pid, { url: `${proxy.url}/proxy`, method: "GET", headers: { authorization: "bench-proxy-secret" }, path: (i) => `/proxy?userId=user-${i}` }, 2, connections);

  await profiler?.startPhase("ofrep-single");
  results.push(await load("Tidegate OFREP single flag", pid, { url: `${base}/ofrep/v1/evaluate/flags/bench-flag-0`, method: "POST", headers: ofrepHeaders, body }, seconds, connections));
  const profileFile = (await profiler?.endPhase("ofrep-single")) ?? null;
  results.push(await load(`Tidegate OFREP bulk (${FLAGS} flags)`, pid, { url: `${base}/ofrep/v1/evaluate/flags`, method: "POST", headers: ofrepHeaders, body }, seconds, connections));
  const workerBase = `http://127.0.0.1:${flagsPort}`;
  const hasWorker = await fetch(`${workerBase}/ofrep/v1/evaluate/flags/bench-flag-0`, { method: "POST", headers: ofrepHeaders, body: body(0) }).then((r) => r.ok, () => false);
  if (hasWorker) {
    await load("warm-up", pid, { url: `${workerBase}/ofrep/v1/evaluate/flags/bench-flag-0`, method: "POST", headers: ofrepHeaders, body }, 2, connections);
    results.push(await load("Tidegate OFREP single flag, flag worker (FLAGS_PORT)", pid, { url: `${workerBase}/ofrep/v1/evaluate/flags/bench-flag-0`, method: "POST", headers: ofrepHeaders, body }, seconds, connections));
    results.push(await load(`Tidegate OFREP bulk (${FLAGS} flags), flag worker (FLAGS_PORT)`, pid, { url: `${workerBase}/ofrep/v1/evaluate/flags`, method: "POST", headers: ofrepHeaders, body }, seconds, connections));
  }
  results.push(
    await load(`@unleash/proxy /proxy (${FLAGS} flags)`, proxy.pid, { url: `${proxy.url}/proxy`, method: "GET", headers: { authorization: "bench-proxy-secret" }, path: (i) => `/proxy?userId=user-${i}` }, seconds, connections),
  );
  const bare = await startBareControl();
  await load("warm-up", bare.pid, { url: `${bare.url}/`, method: "POST", headers: ofrepHeaders, body }, 2, connections);
  results.push(await load("bare node:http, fixed answer (the machine's ceiling)", bare.pid, { url: `${bare.url}/`, method: "POST", headers: ofrepHeaders, body }, seconds, connections));
  results.push(await load("Tidegate GET /api/health (Next.js route)", pid, { url: `${base}/api/health`, method: "GET", headers: {} }, seconds, connections));

  // Rollback -> OFREP answers off: from the commander's committed action to the first DISABLED answer.
  const latencies: number[] = [];
  for (let r = 0; r < rollbacks; r++) {
    const key = `bench-rollback-${r}`;
    const rel = await admin.post("/api/releases", { ...simplePlan(), waves: [{ name: "Half", trafficPercent: 50 }, { name: "All", trafficPercent: 100 }], flags: [{ key }] });
    await commander.post(`/api/releases/${rel.body.id}/actions`, { action: "start" });
    const evaluate = async () =>
      (await (await fetch(`${base}/ofrep/v1/evaluate/flags/${key}`, { method: "POST", headers: ofrepHeaders, body: body(1) })).json()) as { reason?: string };
    while ((await evaluate()).reason !== "SPLIT") await sleep(10);
    const res = await commander.post(`/api/releases/${rel.body.id}/actions`, { action: "rollback", reason: "bench" });
    const committed = performance.now();
    if (res.status !== 200) throw new Error(`rollback failed: ${JSON.stringify(res.body)}`);
    while ((await evaluate()).reason !== "DISABLED") await sleep(2);
    latencies.push(performance.now() - committed);
  }
  const rb = summary(latencies);
  const browserRb = browserRollbacks > 0 ? await rollbacksInBrowser(base, admin, commander, browserRollbacks) : null;

  console.log(`\nFlag evaluation, ${connections} connections, ${seconds} s each, autocannon on the same machine (app: ${app.mode}, ${app.git})\n`);
  console.log(
    table(
      ["endpoint", "req/s", "p50 ms", "p99 ms", "errors", "non-2xx", "server cores", "RSS before MiB", "RSS after MiB"],
      results.map((r) => [r.name, fmtInt(r.rps), fmt(r.p50, 0), fmt(r.p99, 0), r.errors, r.non2xx, fmt(r.serverCores, 2), fmt(r.rssBefore, 0), fmt(r.rssAfter, 0)]),
    ),
  );
  const named = (prefix: string) => results.find((r) => r.name.startsWith(prefix))!;
  const proxyResult = named("@unleash/proxy");
  const bareResult = named("bare node:http");
  for (const single of results.filter((r) => r.name.startsWith("Tidegate OFREP single flag"))) {
    console.log(`\n${single.name} vs @unleash/proxy: ${fmt(single.rps / proxyResult.rps, 2)}x the throughput (target: >= 2x, >= 10,000/s, p99 < 10 ms)`);
    console.log(`${single.name} vs the bare node:http control: ${fmt((single.rps / bareResult.rps) * 100, 0)}% of the machine's ceiling`);
  }
  if (rollbacks > 0) {
    console.log(
      `rollback committed -> OFREP answers DISABLED (${rb.n} rollbacks, FLAGS_POLL_MS=250; the outbox delivery invalidates flag caches): p50 ${fmt(rb.p50)} ms, p99 ${fmt(rb.p99)} ms, max ${fmt(rb.max)} ms`,
    );
  }
  if (profileFile) {
    const p = summarizeProfile([profileFile]);
    if (p) printProfile("server CPU during OFREP single-flag load", p);
  }
  if (browserRb) {
    const { fromCommit: c, fromSend: f } = browserRb;
    console.log(
      `rollback committed -> a page with @openfeature/web-sdk + the OFREP web provider shows the flag off (${c.n} rollbacks, Chromium, no reload): p50 ${fmt(c.p50)} ms, p99 ${fmt(c.p99)} ms, max ${fmt(c.max)} ms (target: p99 under 100 ms); from the ROLLBACK request sent: p50 ${fmt(f.p50)} ms, p99 ${fmt(f.p99)} ms`,
    );
  }
  const file = writeResults("flags", { machine, app, seconds, connections, results, rollback: rb, browserRollback: browserRb });
  console.log(`\nresults: ${file}`);
}

runBench(main, 15);
