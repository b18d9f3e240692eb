// Canary judge benchmark: how often each judge cries wolf on healthy releases, and how often and how fast it catches
// faulty ones. No server: simulated 10 s buckets go through the real watch pass (watchRelease: evaluation, alerts with
// forSeconds, the automatic action) with simulated time, every 10 s for an hour, ten metrics per release.
//
//   npx tsx bench/judge.ts [--healthy 100] [--faulty 20] [--traffic 10,100,1000] [--judges thresholds,mann-whitney,sequential]
//                          [--judge-alpha 0.05] [--seed 1]
//
// Seeds are fixed: the same flags print the same table. A run ends at the first automatic action (the release would be
// paused or rolled back). Healthy: canary and baseline run the same version (heavy-tailed noise, a shared diurnal drift,
// bursts). Faulty: one metric of the canary is worse from the start of the wave (or leaks slowly).
import { PlanSchema, type Plan } from "../lib/plans/core/plan";
import type { OpenAlert } from "../lib/guardrails/core/alerts";
import type { Bucket } from "../lib/guardrails/core/rollup";
import { DEFAULT_JUDGE_ALPHA } from "../lib/guardrails/core/sequential-guardrail";
import type { BucketSeries } from "../lib/guardrails/core/rollup";
import { watchRelease } from "../lib/guardrails/core/watch";
import { prng } from "../lib/guardrails/core/test-prng";
import { cpus, loadavg } from "node:os";

const B = 10_000;
const HOUR_LOOKS = 360;
const T0 = 1_800_000_000_000;

function args(): Record<string, string> {
  const out: Record<string, string> = {};
  const a = process.argv.slice(2);
  for (let i = 0; i < a.length; i++) if (a[i].startsWith("--")) out[a[i].slice(2)] = a[i + 1] ?? "";
  return out;
}
const flags = args();
const HEALTHY = Number(flags.healthy ?? 100);
const FAULTY = Number(flags.faulty ?? 20);
const TRAFFIC = (flags.traffic ?? "10,100,1000").split(",").map(Number);
const JUDGES = (flags.judges ?? "thresholds,mann-whitney,sequential").split(",") as JudgeName[];
const JUDGE_ALPHA = Number(flags["judge-alpha"] ?? DEFAULT_JUDGE_ALPHA);
const SEED = Number(flags.seed ?? 1);

type JudgeName = "thresholds" | "mann-whitney" | "sequential";

// ---- the ten metrics: level, noise and how the cohort's traffic affects them ----
interface MetricModel {
  key: string;
  kind: "ratio" | "continuous";
  /** Ratio: event probability per request; continuous: the level. */
  level: number;
  /** Continuous: relative noise of one 10 s value from 1 request (shrinks as 1/sqrt(requests)), and a floor that does not. */
  perRequest?: number;
  floor?: number;
  /** How much the shared burst moves it (multiplier - 1 at full burst). */
  burst: number;
}
const METRICS: MetricModel[] = [
  { key: "error_rate", kind: "ratio", level: 0.01, burst: 2 },
  { key: "success_rate", kind: "ratio", level: 0.995, burst: 0 },
  { key: "latency_p95_ms", kind: "continuous", level: 250, perRequest: 1.2, floor: 0.03, burst: 0.8 },
  { key: "latency_p99_ms", kind: "continuous", level: 600, perRequest: 2.5, floor: 0.05, burst: 1.2 },
  { key: "memory_mb", kind: "continuous", level: 512, perRequest: 0, floor: 0.01, burst: 0 },
  { key: "cpu_percent", kind: "continuous", level: 40, perRequest: 0.5, floor: 0.04, burst: 0.5 },
  { key: "db_latency_ms", kind: "continuous", level: 20, perRequest: 1.5, floor: 0.05, burst: 1 },
  { key: "queue_wait_ms", kind: "continuous", level: 5, perRequest: 3, floor: 0.1, burst: 2 },
  { key: "gc_pause_ms", kind: "continuous", level: 15, perRequest: 1, floor: 0.08, burst: 0.3 },
  { key: "cache_latency_ms", kind: "continuous", level: 2, perRequest: 1, floor: 0.05, burst: 0.5 },
];

interface Fault {
  name: string;
  metric: string;
  /** Error-rate baseline for the run (ratio faults). */
  baseRate?: number;
  /** Canary multiplier of the metric's level, or a leak: +leakPerMinute of the level per minute. */
  factor?: number;
  leakPerMinute?: number;
}
const FAULTS: Fault[] = [
  ...[0.005, 0.01, 0.02].flatMap((r) => [1.5, 2, 5].map((f) => ({ name: `error x${f} from ${r * 100} %`, metric: "error_rate", baseRate: r, factor: f }))),
  ...[1.1, 1.25, 1.5].map((f) => ({ name: `p95 +${Math.round((f - 1) * 100)} %`, metric: "latency_p95_ms", factor: f })),
  { name: "memory leak +1 %/min", metric: "memory_mb", leakPerMinute: 0.01 },
];

// ---- plans: the same ten guardrails, judged three ways ----
const SEED_PLAN_GUARDRAILS: Record<string, Record<string, unknown>> = {
  // As prisma/demo-plan.json writes them (the seed plan); metrics it does not list get its relative style.
  error_rate: { comparator: ">", warning: 0.05, critical: 0.1, forSeconds: 20, windowSeconds: 20, onCritical: "rollback" },
  success_rate: { comparator: "<", warning: 0.95, critical: 0.9, forSeconds: 20, windowSeconds: 20, onCritical: "rollback" },
  latency_p95_ms: { comparator: ">", warning: 600, critical: 1000, forSeconds: 30, windowSeconds: 20, onCritical: "pause" },
  latency_p99_ms: { comparator: ">", warning: 800, critical: 1500, forSeconds: 30, windowSeconds: 20, onCritical: "pause" },
  memory_mb: { comparator: ">", relativeTo: "baseline", warning: 0.5, critical: 1.0, forSeconds: 30, windowSeconds: 30, onCritical: "pause" },
  cpu_percent: { comparator: ">", relativeTo: "baseline", warning: 0.4, critical: 0.8, forSeconds: 30, windowSeconds: 30, onCritical: "pause" },
};
const RELATIVE_DEFAULT = { comparator: ">", relativeTo: "baseline", warning: 0.4, critical: 0.8, forSeconds: 30, windowSeconds: 30, onCritical: "pause" };

function planFor(judge: JudgeName): Plan {
  const guardrails = METRICS.map((m) => {
    const seed = SEED_PLAN_GUARDRAILS[m.key] ?? RELATIVE_DEFAULT;
    const g: Record<string, unknown> = { metric: m.key, ...seed };
    if (judge === "mann-whitney") Object.assign(g, { judge: "mann-whitney", windowSeconds: 600 });
    if (judge === "sequential") Object.assign(g, { judge: "sequential" });
    return g;
  });
  return PlanSchema.parse({ name: `bench ${judge}`, service: "svc", version: "2", guardrails, waves: [{ name: "All", trafficPercent: 100 }], judgeAlpha: JUDGE_ALPHA });
}

// ---- random numbers ----
function gauss(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}
/** Student's t with 3 degrees of freedom, scaled to unit variance: the heavy tail of latency percentiles. */
function heavy(rand: () => number): number {
  const z = gauss(rand);
  const chi = gauss(rand) ** 2 + gauss(rand) ** 2 + gauss(rand) ** 2;
  return z / Math.sqrt(chi / 3) / Math.sqrt(3);
}
function binomial(rand: () => number, n: number, p: number): number {
  const mean = n * p;
  if (mean < 30) {
    // Poisson (Knuth): rare events at low traffic.
    const l = Math.exp(-mean);
    let k = 0;
    let prod = rand();
    while (prod > l) {
      k++;
      prod *= rand();
    }
    return Math.min(n, k);
  }
  return Math.min(n, Math.max(0, Math.round(mean + Math.sqrt(mean * (1 - p)) * gauss(rand))));
}

// ---- one simulated release ----
interface RunResult {
  /** Seconds from the wave's start to the first automatic action, and the metric it acted on; null if none. */
  actedAfter: number | null;
  metric: string | null;
}

function simulate(plan: Plan, rps: number, fault: Fault | null, seed: number): RunResult {
  const rand = prng(seed);
  const series = new Map<string, Bucket[]>();
  for (const m of METRICS) for (const c of ["canary", "baseline"]) series.set(`${m.key}|${c}`, []);
  const buckets: BucketSeries = series;
  const open = new Map<string, OpenAlert>();
  const phase = rand() * 2 * Math.PI;
  let burstLeft = 0;
  let burstSize = 0;
  for (let i = 0; i < HOUR_LOOKS; i++) {
    const start = T0 + i * B;
    // Shared by both cohorts: a daily rhythm (compressed to a 2 h period: a harder test) and bursts of load.
    const diurnal = 1 + 0.15 * Math.sin(phase + (2 * Math.PI * i * 10) / 7200);
    if (burstLeft === 0 && rand() < 0.01) {
      burstLeft = 3 + Math.floor(rand() * 4);
      burstSize = 0.5 + rand();
    }
    const burst = burstLeft > 0 ? burstSize : 0;
    if (burstLeft > 0) burstLeft--;
    const requests = Math.max(1, Math.round(rps * 10 * diurnal));
    for (const m of METRICS) {
      for (const cohort of ["canary", "baseline"] as const) {
        const faulty = cohort === "canary" && fault?.metric === m.key;
        if (m.kind === "ratio") {
          const base = m.key === "error_rate" ? (fault?.baseRate ?? m.level) : m.level;
          // success_rate is judged on its failures (1 - p): the counts are successes out of requests.
          const failP = m.key === "success_rate" ? 1 - base : base;
          let p = failP * (1 + m.burst * burst) * (0.9 + 0.2 * diurnal - 0.1);
          if (faulty && fault.factor) p *= fault.factor;
          p = Math.min(1, p);
          const events = binomial(rand, requests, p);
          const sum = m.key === "success_rate" ? requests - events : events;
          series.get(`${m.key}|${cohort}`)!.push({ start, count: requests, sum, min: 0, max: 1 });
        } else {
          let level = m.level * (m.key === "memory_mb" ? 1 : diurnal) * (1 + m.burst * burst);
          if (faulty && fault.factor) level *= fault.factor;
          if (faulty && fault.leakPerMinute) level *= 1 + fault.leakPerMinute * ((i * 10) / 60);
          const sd = Math.sqrt((m.perRequest! ** 2) / requests + m.floor! ** 2);
          const value = Math.max(0, level * (1 + sd * heavy(rand)));
          series.get(`${m.key}|${cohort}`)!.push({ start, count: 1, sum: value, min: value, max: value });
        }
      }
    }
    // The look at the end of this bucket: every bucket so far is complete.
    const now = start + B;
    const r = watchRelease({ plan, waveIndex: 0, buckets, openAlerts: [...open.values()], checklist: [], now, runStartedAt: T0, waveStartedAt: T0 });
    for (const change of r.alerts) {
      if (change.next) open.set(change.metric, change.next);
      else open.delete(change.metric);
    }
    if (r.action && r.action.type !== "notify") return { actedAfter: (now - T0) / 1000, metric: r.action.metric };
  }
  return { actedAfter: null, metric: null };
}

// ---- the table ----
function quantile(sorted: number[], q: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}
const fmtTime = (s: number | null) => (s === null ? "-" : s < 60 ? `${s}s` : `${(s / 60).toFixed(1)}m`);

function main() {
  const began = Date.now();
  const plans = new Map(JUDGES.map((j) => [j, planFor(j)]));
  const rows: string[][] = [];
  console.log(`judge bench: ${HEALTHY} healthy and ${FAULTY} faulty releases per traffic level and fault, ten metrics, a look every 10 s for an hour`);
  console.log(`judgeAlpha ${JUDGE_ALPHA}, seed ${SEED}; load before: ${loadavg().map((l) => l.toFixed(1)).join(" ")} on ${cpus().length} cores`);
  for (const judge of JUDGES) {
    const plan = plans.get(judge)!;
    for (const rps of TRAFFIC) {
      let alarms = 0;
      const alarmMetrics = new Map<string, number>();
      for (let k = 0; k < HEALTHY; k++) {
        const r = simulate(plan, rps, null, SEED * 1_000_003 + rps * 7919 + k);
        if (r.actedAfter !== null) {
          alarms++;
          alarmMetrics.set(r.metric!, (alarmMetrics.get(r.metric!) ?? 0) + 1);
        }
      }
      const which = [...alarmMetrics].map(([m, n]) => `${m} ${n}`).join(", ");
      rows.push([judge, `${rps}`, "healthy (A/A)", `${((100 * alarms) / HEALTHY).toFixed(1)} false alarms /100`, "", "", which]);
      for (const fault of FAULTS) {
        const times: number[] = [];
        let wrong = 0;
        for (let k = 0; k < FAULTY; k++) {
          const r = simulate(plan, rps, fault, SEED * 2_000_003 + rps * 7919 + k * 31 + fault.name.length * 1013 + FAULTS.indexOf(fault) * 100_003);
          if (r.actedAfter !== null && r.metric === fault.metric) times.push(r.actedAfter);
          else if (r.actedAfter !== null) wrong++;
        }
        times.sort((a, b) => a - b);
        rows.push([judge, `${rps}`, fault.name, `${((100 * times.length) / FAULTY).toFixed(0)} % detected`, fmtTime(quantile(times, 0.5)), fmtTime(quantile(times, 0.9)), wrong ? `${wrong} stopped on another metric` : ""]);
      }
      process.stderr.write(`.${judge} ${rps} req/s done after ${((Date.now() - began) / 1000).toFixed(0)}s\n`);
    }
  }
  const head = ["judge", "req/s", "release", "result", "median", "p90", "note"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  console.log(line(head));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const r of rows) console.log(line(r));
  console.log(`ran ${((Date.now() - began) / 1000).toFixed(0)} s; load after: ${loadavg().map((l) => l.toFixed(1)).join(" ")}`);
}

main();
