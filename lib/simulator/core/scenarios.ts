// Realistic, noisy canary and baseline metrics for the traffic simulator. Pure: time and randomness come in.
import type { Sample } from "../../guardrails/core";

export const SCENARIOS = ["healthy", "latency-regression", "error-spike", "memory-leak", "flapping"] as const;
export type Scenario = (typeof SCENARIOS)[number];

export const SCENARIO_DESCRIPTIONS: Record<Scenario, string> = {
  healthy: "Canary behaves like baseline",
  "latency-regression": "Canary latency climbs past the critical line over ~30 s",
  "error-spike": "Canary errors jump to ~18% a few seconds in",
  "memory-leak": "Canary memory grows ~5 MB/s until it doubles baseline",
  flapping: "Canary error rate swings above and below critical every 10 s",
};

export interface Tick {
  scenario: Scenario;
  /** Seconds since this scenario began. */
  elapsed: number;
  now: number;
  rand: () => number;
  /** Samples per metric and cohort in this tick (one per simulated instance). */
  instances?: number;
}

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));
const positive = (v: number) => Math.max(0, v);

/** Gaussian-ish noise from a uniform source (sum of three). */
function noise(rand: () => number, scale: number) {
  return (rand() + rand() + rand() - 1.5) * scale * 0.8;
}

interface Health {
  errorRate: number;
  p95: number;
  p99: number;
  memory: number;
  cpu: number;
  rps: number;
  violations: number;
}

const BASELINE: Health = { errorRate: 0.008, p95: 320, p99: 430, memory: 300, cpu: 35, rps: 450, violations: 0 };

function canaryHealth(scenario: Scenario, elapsed: number): Health {
  const h = { ...BASELINE };
  switch (scenario) {
    case "healthy":
      return h;
    case "latency-regression": {
      const k = Math.min(1, elapsed / 30);
      return { ...h, p95: 320 + k * 1000, p99: 430 + k * 1500 };
    }
    case "error-spike":
      return elapsed < 3 ? h : { ...h, errorRate: 0.18, p95: 450, p99: 700, violations: 2 };
    case "memory-leak":
      return { ...h, memory: 300 + Math.min(elapsed * 5, 450), cpu: 35 + Math.min(elapsed * 0.2, 15) };
    case "flapping":
      return { ...h, errorRate: Math.floor(elapsed / 10) % 2 === 0 ? 0.03 : 0.12 };
  }
}

function samplesFor(h: Health, cohort: Sample["cohort"], tick: Tick): Sample[] {
  const { rand, now } = tick;
  const out: Sample[] = [];
  for (let i = 0; i < (tick.instances ?? 3); i++) {
    const errorRate = clamp01(h.errorRate + noise(rand, h.errorRate * 0.3));
    const ts = now - Math.floor(rand() * 900);
    out.push(
      { metric: "error_rate", value: errorRate, ts, cohort },
      { metric: "success_rate", value: clamp01(1 - errorRate - positive(noise(rand, 0.002))), ts, cohort },
      { metric: "latency_p95_ms", value: positive(h.p95 + noise(rand, h.p95 * 0.08)), ts, cohort },
      { metric: "latency_p99_ms", value: positive(h.p99 + noise(rand, h.p99 * 0.08)), ts, cohort },
      { metric: "memory_mb", value: positive(h.memory + noise(rand, 8)), ts, cohort },
      { metric: "cpu_percent", value: Math.min(100, positive(h.cpu + noise(rand, 4))), ts, cohort },
      { metric: "throughput_rps", value: positive(h.rps + noise(rand, 30)), ts, cohort },
      { metric: "invariant_violations", value: Math.round(positive(h.violations + noise(rand, h.violations ? 2 : 0.2))), ts, cohort },
    );
  }
  return out;
}

export function generateTick(tick: Tick): Sample[] {
  return [...samplesFor(canaryHealth(tick.scenario, tick.elapsed), "canary", tick), ...samplesFor(BASELINE, "baseline", tick)];
}

export function seededRandom(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}
