// Shared pieces of the benchmark scripts (bench/realtime.ts, bench/ingest.ts). Benchmarks, not tests: nothing here
// asserts timings; the scripts print numbers and compare them with the targets for the reader.
import { parseArgs as parseNodeArgs } from "node:util";
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export const REPO = path.resolve(__dirname, "..");
export const RESULTS_DIR = path.join(REPO, "bench", "results");
export const PROBE = path.join(REPO, "bench", "server-probe.cjs");

/** One clock for everything: CLOCK_MONOTONIC (process.hrtime), the same in every thread and process of the machine. */
export const nowNs = (): number => Number(process.hrtime.bigint());
export const ms = (ns: number): number => ns / 1e6;
export const sleep = (msec: number) => new Promise((r) => setTimeout(r, msec));

// ---------------------------------------------------------------- arguments

const FLAGS = ["no-probe", "cpu-prof", "snapshot"];
const VALUES = ["actions", "trace", "app-dir", "versus", "batches", "breach-load-rate", "breach-runs", "breach-timeout-ms", "clients", "connect-batch", "connections", "rollbacks", "browser-rollbacks",
  "connect-timeout-ms", "db", "gap-ms", "order", "seconds", "senders", "threads", "timeout-ms", "wait-quiet", "warmup", "warmup-seconds",
  "releases", "interval-seconds", "navigations", "runs", "spike-runs", "clients-per-instance", "kills", "ingest-seconds", "batch", "skip", "requests", "drifts"];

/** The benchmarks' options through node:util's parser: `--name value`, `--name=value`, and flags read as "true". */
export function parseArgs(argv: string[]): Map<string, string> {
  const options = Object.fromEntries([
    ...FLAGS.map((name) => [name, { type: "boolean" as const }]),
    ...VALUES.map((name) => [name, { type: "string" as const }]),
  ]);
  const { values } = parseNodeArgs({ args: argv, options, strict: true, allowPositionals: false });
  return new Map(Object.entries(values).map(([k, v]) => [k, String(v)]));
}

export function intArg(args: Map<string, string>, name: string, dflt: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const raw = args.get(name);
  if (raw === undefined) return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be an integer in [${min}, ${max}], got ${raw}`);
  return n;
}

export function listArg<T extends string | number>(args: Map<string, string>, name: string, dflt: T[], parse: (s: string) => T): T[] {
  const raw = args.get(name);
  if (raw === undefined) return dflt;
  return raw.split(",").map((s) => parse(s.trim()));
}

// ---------------------------------------------------------------- machine and build

export function machineFacts() {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpuModel: cpus[0]?.model ?? "unknown",
    totalMemoryGiB: Number((os.totalmem() / 2 ** 30).toFixed(1)),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    loadAverage1m: Number(os.loadavg()[0].toFixed(2)),
  };
}

export function printMachine(m: ReturnType<typeof machineFacts>) {
  console.log(`machine: ${m.cores} cores (${m.cpuModel}), ${m.totalMemoryGiB} GiB RAM, node ${m.node}, ${m.platform}, load ${m.loadAverage1m} at start`);
}

function buildRunning(): boolean {
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
      if (/next(\.js)?\S* build|next build/.test(cmd)) return true;
    } catch {
      // gone
    }
  }
  return false;
}

/**
 * The production server needs `next build` output. Other people build in this checkout too: if a build is running,
 * wait for it (up to 10 min) instead of starting a second one; build once only when there is no output and no build.
 */
export async function ensureBuild() {
  const buildId = path.join(REPO, ".next", "BUILD_ID");
  const deadline = Date.now() + 10 * 60_000;
  while (!existsSync(buildId) && buildRunning() && Date.now() < deadline) {
    console.log("waiting for a running `next build` to finish ...");
    await sleep(5000);
  }
  if (existsSync(buildId)) return;
  console.log("no .next/BUILD_ID: running `next build` once ...");
  execFileSync("npx", ["next", "build"], { cwd: REPO, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
}

// Files the server needs at build and run time (no tests, e2e, scripts or bench: they are not part of the build).
const APP_ENTRIES = ["app", "components", "lib", "public", "prisma", "server.ts", "next.config.js", "postcss.config.mjs", "tsconfig.json", "package.json", "package-lock.json", "next-env.d.ts", "prisma.config.ts"];

/**
 * Where the server runs from, made current (startServer and the migrations use the working directory):
 *   default        this checkout, with its .next build (built once if missing)
 *   --app-dir DIR  another checkout that has a .next build
 *   --snapshot     a private copy of this checkout's app sources in /tmp, built there and removed at the end:
 *                  other people rebuilding .next in the shared checkout (npm test does) cannot pull the build out
 *                  from under a running benchmark.
 */
export async function prepareApp(args: Map<string, string>): Promise<{ dir: string; mode: string; git: string }> {
  let dir = REPO;
  let mode = "checkout";
  if (args.get("app-dir")) {
    dir = path.resolve(args.get("app-dir")!);
    mode = "app-dir";
    if (!existsSync(path.join(dir, ".next", "BUILD_ID"))) throw new Error(`${dir} has no .next/BUILD_ID`);
  } else if (args.get("snapshot") === "true") {
    mode = "snapshot";
    dir = mkdtempSync(path.join(os.tmpdir(), "tidegate-bench-app-"));
    onCleanup(() => rmSync(dir, { recursive: true, force: true }));
    for (const entry of APP_ENTRIES) {
      if (existsSync(path.join(REPO, entry))) cpSync(path.join(REPO, entry), path.join(dir, entry), { recursive: true });
    }
    // Turbopack refuses a node_modules symlinked from outside the project; hard links cost no space or time.
    execFileSync("cp", ["-al", path.join(REPO, "node_modules"), path.join(dir, "node_modules")]);
    console.log(`building a private snapshot of the app in ${dir} ...`);
    try {
      execFileSync("npx", ["next", "build"], { cwd: dir, stdio: "pipe", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    } catch (e) {
      const err = e as { stdout?: Buffer; stderr?: Buffer };
      throw new Error(`snapshot build failed:\n${err.stdout?.toString() ?? ""}${err.stderr?.toString() ?? ""}`);
    }
  } else {
    await ensureBuild();
  }
  let git = "unknown";
  // The code that runs: another app directory is its own checkout (a snapshot is a copy of this one).
  const source = mode === "app-dir" ? dir : REPO;
  try {
    const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: source }).toString().trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--", "app", "lib", "server.ts", "next.config.js", "prisma"], { cwd: source })
      .toString()
      .trim();
    git = `${head}${dirty ? ` + uncommitted server-side changes (${dirty.split("\n").length} files)` : ""}`;
  } catch {
    // not a git checkout
  }
  process.chdir(dir);
  return { dir, mode, git };
}

/** Environment for startServer: benchmark-friendly limits, the timing probe, optionally a CPU profile (needs the probe). */
export function serverEnv(databaseUrl: string, opts: { probe: boolean; cpuProfDir?: string; extra?: Record<string, string> }) {
  const nodeOptions = [process.env.NODE_OPTIONS ?? ""];
  if (opts.probe) nodeOptions.push(`--require ${PROBE}`);
  if (opts.cpuProfDir) mkdirSync(opts.cpuProfDir, { recursive: true });
  return {
    DATABASE_URL: databaseUrl,
    NEXTAUTH_SECRET: "benchmark-secret-0123456789abcdef",
    LOGIN_MAX_FAILURES_PER_ADDRESS: "100000",
    LOGIN_MAX_FAILURES_PER_ACCOUNT: "100000",
    NODE_OPTIONS: nodeOptions.join(" ").trim(),
    ...(opts.cpuProfDir ? { BENCH_CPU_PROF_DIR: opts.cpuProfDir } : {}),
    ...(opts.extra ?? {}),
  };
}

// ---------------------------------------------------------------- cleanup on every exit path

const cleanups: Array<() => unknown> = [];
let cleaning: Promise<void> | null = null;

export function onCleanup(fn: () => unknown) {
  cleanups.push(fn);
}

export function runCleanups(): Promise<void> {
  cleaning ??= (async () => {
    while (cleanups.length) {
      const fn = cleanups.pop()!;
      try {
        await Promise.race([fn(), sleep(15_000)]);
      } catch (e) {
        console.error("cleanup step failed:", (e as Error).message);
      }
    }
  })();
  return cleaning;
}

/** Runs main with cleanup on success, error, Ctrl-C, and an overall time limit. */
export function runBench(main: () => Promise<void>, maxMinutes: number) {
  const bail = (code: number, why: string) => {
    console.error(why);
    runCleanups().finally(() => process.exit(code));
  };
  process.on("SIGINT", () => bail(130, "interrupted; stopping servers ..."));
  process.on("SIGTERM", () => bail(143, "terminated; stopping servers ..."));
  const watchdog = setTimeout(() => bail(1, `time limit of ${maxMinutes} min reached; stopping servers ...`), maxMinutes * 60_000);
  main()
    .then(() => runCleanups().then(() => process.exit(0)))
    .catch((e) => bail(1, `benchmark failed: ${(e as Error).stack ?? e}`))
    .finally(() => clearTimeout(watchdog));
}

// ---------------------------------------------------------------- statistics and tables

/** Nearest-rank percentile of an ascending array. */
export function pct(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function summary(values: number[]) {
  const s = [...values].sort((a, b) => a - b);
  const mean = s.length ? s.reduce((a, b) => a + b, 0) / s.length : NaN;
  return { n: s.length, min: s[0] ?? NaN, p50: pct(s, 50), p95: pct(s, 95), p99: pct(s, 99), max: s[s.length - 1] ?? NaN, mean };
}

export const fmt = (v: number, digits = 1) => (Number.isFinite(v) ? v.toFixed(digits) : "-");
export const fmtInt = (v: number) => (Number.isFinite(v) ? Math.round(v).toLocaleString("en-US") : "-");

export function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => "| " + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(" | ") + " |";
  return [line(headers), "|" + widths.map((w) => "-".repeat(w + 2)).join("|") + "|", ...rows.map((r) => line(r.map(String)))].join("\n");
}

export function writeResults(name: string, data: unknown): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  writeFileSync(file, JSON.stringify(data, null, 2));
  return file;
}

/**
 * The server log of a throwaway cluster from tests/support/postgres-cluster.ts (found by its port; that helper
 * keeps the log in the cluster's temporary directory), or null. Used to count deadlocks and key conflicts.
 */
export function postgresLog(databaseUrl: string): string | null {
  const port = new URL(databaseUrl).port;
  try {
    for (const d of readdirSync(os.tmpdir()).filter((n) => n.startsWith("tidegate-pg-"))) {
      const dir = path.join(os.tmpdir(), d);
      const pid = path.join(dir, "data", "postmaster.pid");
      if (existsSync(pid) && readFileSync(pid, "utf8").split("\n")[3]?.trim() === port) return readFileSync(path.join(dir, "log"), "utf8");
    }
  } catch {
    // not readable
  }
  return null;
}

export function postgresConflicts(databaseUrl: string) {
  const log = postgresLog(databaseUrl);
  if (log === null) return null;
  return { deadlocks: (log.match(/deadlock detected/g) ?? []).length, uniqueViolations: (log.match(/duplicate key value violates unique constraint/g) ?? []).length };
}

/** Keeps the server's own log (probe lines left out) beside the results, for errors and warnings. */
export function saveServerLog(name: string, output: string): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}-server-${new Date().toISOString().replace(/[:.]/g, "-")}.log`);
  writeFileSync(file, output.split("\n").filter((l) => !l.includes("@@probe ")).join("\n"));
  return file;
}

// ---------------------------------------------------------------- server probe and CPU

export type ProbeLine =
  | { kind: "hello"; pid: number; t: number }
  | { kind: "http"; id: string; method: string; url: string; status: number; start: number; end: number }
  | { kind: "emit"; ev: string; type?: string; seq?: number; releaseId?: string; rooms: string[]; start: number; end: number }
  | { kind: "loop"; t: number; elu: number; delayP99Ms: number; delayMaxMs: number; cpu: { user: number; system: number }; rss: number }
  | { kind: "profile"; n: number; file: string; error?: string }
  | { kind: "probe-error"; error: string };

export function probeLines(output: string): ProbeLine[] {
  const lines: ProbeLine[] = [];
  for (const line of output.split("\n")) {
    const i = line.indexOf("@@probe ");
    if (i < 0) continue;
    try {
      lines.push(JSON.parse(line.slice(i + 8)));
    } catch {
      // a line torn by interleaved output; skip it
    }
  }
  return lines;
}

export function serverPid(output: string): number | null {
  const hello = probeLines(output).find((l) => l.kind === "hello") as { pid: number } | undefined;
  return hello?.pid ?? null;
}

/** CPU time (user + system, ms) a process has used so far, from /proc; null where unavailable. */
export function processCpuMs(pid: number | null): number | null {
  if (!pid) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of the full line)
    return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

/** Busy CPU time (ms) of the whole machine so far, from /proc/stat: to see what other processes used meanwhile. */
export function machineBusyMs(): number | null {
  try {
    const cpu = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
    const [user, nice, system, , , irq, softirq, steal] = cpu; // idle and iowait are not busy
    return ((user + nice + system + irq + softirq + steal) * 1000) / 100;
  } catch {
    return null;
  }
}

/** CPU accounting over a phase: server process, this bench process, everything else on the machine. */
export class CpuMeter {
  private t = nowNs();
  private server: number | null;
  private bench = process.cpuUsage();
  private machine = machineBusyMs();
  constructor(private pid: number | null) {
    this.server = processCpuMs(pid);
  }
  read() {
    const wallMs = ms(nowNs() - this.t);
    const server = this.server === null ? NaN : (processCpuMs(this.pid) ?? NaN) - this.server;
    const b = process.cpuUsage(this.bench);
    const bench = (b.user + b.system) / 1000;
    const machine = this.machine === null ? NaN : (machineBusyMs() ?? NaN) - this.machine;
    return { wallMs, serverMs: server, benchMs: bench, otherMs: Math.max(0, machine - server - bench), serverCores: server / wallMs, benchCores: bench / wallMs, otherCores: Math.max(0, machine - server - bench) / wallMs };
  }
}

/**
 * The machine is shared: with --wait-quiet N, wait (at most N s) until other processes use under 0.25 cores over
 * 3 s before a measured phase. Returns what they used in the last sample (null when not asked to wait).
 */
export async function waitQuiet(maxSeconds: number, serverPidValue: number | null): Promise<number | null> {
  if (maxSeconds <= 0) return null;
  const deadline = Date.now() + maxSeconds * 1000;
  for (;;) {
    const meter = new CpuMeter(serverPidValue);
    await sleep(3000);
    const other = meter.read().otherCores;
    if (other < 0.25 || Date.now() > deadline) return other;
    console.log(`  waiting for a quieter machine (other processes use ${fmt(other, 2)} cores) ...`);
  }
}

/** Event-loop utilisation and delay of the server between two times, from the probe's 1 s loop lines. */
export function loopStats(output: string, fromNs: number, toNs: number) {
  const loops = probeLines(output).filter((l): l is Extract<ProbeLine, { kind: "loop" }> => l.kind === "loop" && l.t > fromNs && l.t <= toNs + 1e9);
  if (!loops.length) return { eluMean: NaN, eluMax: NaN, delayP99MaxMs: NaN, delayMaxMs: NaN, rssMiB: NaN };
  return {
    eluMean: loops.reduce((a, l) => a + l.elu, 0) / loops.length,
    eluMax: Math.max(...loops.map((l) => l.elu)),
    delayP99MaxMs: Math.max(...loops.map((l) => l.delayP99Ms)),
    delayMaxMs: Math.max(...loops.map((l) => l.delayMaxMs)),
    rssMiB: Math.max(...loops.map((l) => l.rss)) / 2 ** 20,
  };
}

// ---------------------------------------------------------------- CPU profiles (V8 profiler, started by the probe)

/** Cuts the server's CPU profile into labelled segments (the probe writes one per SIGUSR2). */
export class ServerProfiler {
  private n = 0;
  constructor(private server: { output(): string }, private dir: string) {}

  /** Ends the current segment and saves it as <dir>/<label>.cpuprofile; returns that path (null if none came). */
  async cut(label: string): Promise<string | null> {
    const pid = serverPid(this.server.output());
    if (!pid) return null;
    const n = this.n++;
    process.kill(pid, "SIGUSR2");
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      await sleep(100);
      const line = probeLines(this.server.output()).find((l) => l.kind === "profile" && l.n === n) as { file: string; error?: string } | undefined;
      if (!line) continue;
      if (line.error || !existsSync(line.file)) return null;
      const target = path.join(this.dir, `${label}.cpuprofile`);
      renameSync(line.file, target);
      return target;
    }
    console.error(`no CPU profile segment ${n} from the server`);
    return null;
  }

  /**
   * Before a measured phase: end the set-up segment, give the server 2 s to collect the garbage that writing it
   * made, and end that segment too, so the phase's segment holds only the phase.
   */
  async startPhase(label: string) {
    await this.cut(`${label}-setup`);
    await sleep(2000);
    await this.cut(`${label}-settle`);
  }

  /** After a measured phase: wait until the probe's loop line for it is out (it must not include the write), then cut. */
  async endPhase(label: string): Promise<string | null> {
    await sleep(1100);
    return this.cut(label);
  }
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

function category(url: string, fn: string): string {
  if (!url) return fn.startsWith("(") ? fn : "(native/builtin)";
  if (url.startsWith("node:")) return "node:" + url.slice(5).split("/")[0];
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + 13).split("/");
    return rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.includes("/.next/server/")) return ".next server bundle (app code + bundled deps)";
  const rel = url.replace(/^file:\/\//, "").replace(REPO + "/", "");
  return rel.split("/").slice(0, 2).join("/");
}

/** Self time per function and per package/area, over one or more .cpuprofile files. */
export function summarizeProfile(files: string[], top = 25) {
  files = files.filter((f) => existsSync(f));
  if (!files.length) return null;
  const byFn = new Map<string, number>();
  const byCat = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const f of files) {
    const prof = JSON.parse(readFileSync(f, "utf8")) as CpuProfile;
    const nodes = new Map(prof.nodes.map((n) => [n.id, n]));
    for (let i = 0; i < prof.samples.length; i++) {
      const node = nodes.get(prof.samples[i]);
      const dt = (prof.timeDeltas[i + 1] ?? 0) / 1000; // ms spent in this sample
      if (!node) continue;
      const { functionName, url, lineNumber } = node.callFrame;
      if (functionName === "(idle)") {
        idle += dt;
        continue;
      }
      total += dt;
      const short = url ? url.replace(/^file:\/\//, "").replace(REPO + "/", "") : "";
      const key = `${functionName || "(anonymous)"} ${short ? `${short}:${lineNumber + 1}` : ""}`.trim();
      byFn.set(key, (byFn.get(key) ?? 0) + dt);
      const cat = category(url, functionName);
      byCat.set(cat, (byCat.get(cat) ?? 0) + dt);
    }
  }
  const sorted = (m: Map<string, number>) =>
    [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, t]) => ({ name, ms: Number(t.toFixed(1)), share: Number((t / total).toFixed(4)) }));
  return { files: files.map((f) => path.relative(REPO, f)), busyMs: Number(total.toFixed(1)), idleMs: Number(idle.toFixed(1)), byArea: sorted(byCat), byFunction: sorted(byFn) };
}

export function printProfile(title: string, p: NonNullable<ReturnType<typeof summarizeProfile>>, functions = 20) {
  console.log(`\nserver CPU profile, ${title} (${p.files.join(", ")}): ${fmt(p.busyMs / 1000, 2)} s busy, ${fmt(p.idleMs / 1000, 2)} s idle`);
  console.log(table(["area (self time)", "ms", "share"], p.byArea.slice(0, 12).map((r) => [r.name, fmt(r.ms, 0), `${fmt(r.share * 100)}%`])));
  if (functions > 0) {
    console.log(
      table(["function (self time)", "ms", "share"], p.byFunction.slice(0, functions).map((r) => [r.name.replace(/^(\S+) \/tmp\/[^/]+\//, "$1 ").slice(0, 100), fmt(r.ms, 0), `${fmt(r.share * 100)}%`])),
    );
  }
}
