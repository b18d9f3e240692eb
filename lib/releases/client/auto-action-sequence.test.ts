// Given a breach that builds up second by second, when the watch passes and the metrics summaries run at uneven
// intervals, then the auto-rollback countdown the board shows never rises and names the guardrail that acts.
import { describe, expect, it } from "vitest";
import { PlanSchema } from "../../plans/core/plan";
import { pendingAutoAction } from "./auto-action";
import type { MetricSeries } from "./types";
import type { OpenAlert } from "../../guardrails/core/alerts";
import { evaluateGuardrail } from "../../guardrails/core/evaluate";
import type { Bucket, BucketSeries } from "../../guardrails/core/rollup";
import { summarizeMetrics } from "../../guardrails/core/summary";
import { watchRelease } from "../../guardrails/core/watch";

const BUCKET = 10_000;
const T0 = 1_800_000_000_000; // a bucket boundary
const plan = PlanSchema.parse({
  name: "Checkout",
  service: "checkout",
  version: "2.0.0",
  guardrails: [
    { metric: "error_rate", comparator: ">", warning: 0.02, critical: 0.05, forSeconds: 20, windowSeconds: 30, onCritical: "rollback" },
    { metric: "success_rate", comparator: "<", warning: 0.98, critical: 0.95, forSeconds: 20, windowSeconds: 30, onCritical: "rollback" },
  ],
  waves: [{ name: "Canary", trafficPercent: 10, bakeSeconds: 600 }, { name: "All", trafficPercent: 100 }],
});

// One sample a second; the breach starts at T0 + 63.5 s for errors and 4 s later for successes.
const value = (metric: string, t: number) => {
  const bad = t >= T0 + 63_500;
  if (metric === "error_rate") return bad ? 0.2 : 0.005;
  return t >= T0 + 67_500 ? 0.8 : 0.995;
};
function bucketsAt(now: number): BucketSeries {
  const out: BucketSeries = new Map();
  for (const metric of ["error_rate", "success_rate"]) {
    const list: Bucket[] = [];
    for (let t = T0; t < now; t += 1000) {
      const start = Math.floor(t / BUCKET) * BUCKET;
      let b = list.at(-1);
      if (!b || b.start !== start) list.push((b = { start, count: 0, sum: 0, min: Infinity, max: -Infinity }));
      const v = value(metric, t);
      b.count++;
      b.sum += v;
      b.min = Math.min(b.min, v);
      b.max = Math.max(b.max, v);
    }
    out.set(`${metric}|canary`, list);
  }
  return out;
}

describe("the auto-rollback countdown over successive evaluations", () => {
  it("never rises, and names the metric whose guardrail then acts", () => {
    let open: OpenAlert[] = [];
    const shown: { at: number; seconds: number; metric: string }[] = [];
    let acted: { metric: string; at: number } | null = null;
    let previous: ReturnType<typeof pendingAutoAction> = null;
    // Uneven passes, as the watch loop and the pushes really run: 1.3 s to 3.1 s apart.
    const steps = [1300, 2700, 3100, 1900, 2300];
    for (let now = T0 + 60_000, i = 0; now < T0 + 130_000 && !acted; now += steps[i++ % steps.length]) {
      // The board's clock keeps ticking on the last data until the next push: read the countdown just before it.
      if (previous) shown.push({ at: now - 1, seconds: Math.ceil((previous.dueAt - (now - 1)) / 1000), metric: previous.metric });
      const buckets = bucketsAt(now);
      const pass = watchRelease({ plan, waveIndex: 0, buckets, openAlerts: open, checklist: [], now, runStartedAt: T0 });
      if (pass.action) {
        acted = { metric: pass.action.metric, at: now };
        break;
      }
      open = [...open.filter((a) => !pass.alerts.some((c) => c.metric === a.metric)), ...pass.alerts.flatMap((c) => (c.next ? [c.next] : []))];
      const metrics: MetricSeries[] = summarizeMetrics(plan, 0, buckets, now).map((s) => ({
        metric: s.metric,
        label: s.metric,
        unit: "ratio",
        guardrail: plan.guardrails.find((g) => g.metric === s.metric) ?? null,
        level: s.level,
        current: s.current,
        previous: s.previous,
        criticalSince: s.criticalSince,
        actsAt: s.actsAt,
        points: [],
      })) as MetricSeries[];
      const alerts = open.map((a) => ({ id: a.metric, metric: a.metric, level: a.level, detail: "", openedAt: "", actedAt: null, acknowledgedBy: null, acknowledgedAt: null }));
      const pending = pendingAutoAction({ status: "running", alerts, startedAt: new Date(T0).toISOString() } as never, metrics);
      if (pending) shown.push({ at: now, seconds: Math.ceil((pending.dueAt - now) / 1000), metric: pending.metric });
      previous = pending;
    }

    expect(acted?.metric).toBe("error_rate");
    expect(shown.length).toBeGreaterThan(5);
    for (let i = 1; i < shown.length; i++) expect(shown[i].seconds, `pass ${i}: ${JSON.stringify(shown.slice(i - 1, i + 1))}`).toBeLessThanOrEqual(shown[i - 1].seconds);
    expect(new Set(shown.map((s) => s.metric))).toEqual(new Set(["error_rate"]));
    // The deadline shown is when the server acted: at the first pass at or after it.
    const last = shown.at(-1)!;
    expect(acted!.at).toBeGreaterThanOrEqual(last.at);
    expect(acted!.at - last.at).toBeLessThanOrEqual(3100 + last.seconds * 1000);
  });

  it("keeps one deadline for one breach while no bucket boundary has gone critical yet", () => {
    const g = plan.guardrails[0];
    // Critical only inside the current bucket: the old rule put the deadline at now + 20 s on every pass.
    const deadlines = [72_500, 74_000, 76_000, 79_900].map((dt) => evaluateGuardrail(g, bucketsAt(T0 + dt).get("error_rate|canary")!, [], T0 + dt, BUCKET, T0).actsAt);
    expect(deadlines).toEqual([T0 + 100_000, T0 + 100_000, T0 + 100_000, T0 + 100_000]);
    // ... and the boundary that then goes critical keeps it.
    expect(evaluateGuardrail(g, bucketsAt(T0 + 85_000).get("error_rate|canary")!, [], T0 + 85_000, BUCKET, T0).actsAt).toBe(deadlines[0]);
  });
});
