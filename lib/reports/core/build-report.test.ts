import { describe, expect, it } from "vitest";
import { PlanSchema } from "../../plans/core/plan";
import { buildReport, type ReportEvent, type ReportInput } from "./build-report";
import { reportMarkdown } from "./report-markdown";
import { typedEvent, type AuditEventType, type EventDataOf } from "../../releases/core/events";

const plan = PlanSchema.parse({
  name: "Checkout",
  service: "checkout-api",
  version: "2.3.0",
  guardrails: [{ metric: "error_rate", comparator: ">", target: 0.01, warning: 0.05, critical: 0.1, onCritical: "rollback" }],
  waves: [
    { name: "Canary", trafficPercent: 10, bakeSeconds: 600, checklist: [{ text: "Smoke tests", ownerRole: "QA" }], signoffs: ["Product Manager"] },
    { name: "Half", trafficPercent: 50, bakeSeconds: 600 },
    { name: "All", trafficPercent: 100 },
  ],
});

const T0 = Date.parse("2026-11-30T09:00:00Z");
const at = (min: number) => new Date(T0 + min * 60_000).toISOString();
let seq = 0;
const e = <K extends AuditEventType>(min: number, type: K, data: EventDataOf<K>, actor = "cmd@x", reason: string | null = null): ReportEvent => ({
  seq: ++seq,
  actor,
  actorRole: null,
  reason,
  at: at(min),
  ...typedEvent(type, data),
});

function input(events: ReportEvent[], over: Partial<ReportInput> = {}): ReportInput {
  const buckets = (cohort: string, value: (i: number) => number) =>
    Array.from({ length: 40 }, (_, i) => ({ start: T0 + i * 60_000, count: 2, sum: 2 * value(i), min: value(i), max: value(i), cohort }));
  return {
    release: {
      id: "r1",
      name: "Checkout",
      service: "checkout-api",
      serviceVersion: "2.3.0",
      status: "completed",
      currentWaveIndex: 2,
      trafficPercent: 100,
      run: 1,
      createdAt: at(-5),
      createdBy: "admin@x",
      commander: "cmd@x",
      startedAt: at(0),
      endedAt: at(30),
    },
    plan,
    events,
    checklist: [{ id: "c1", waveIndex: 0, text: "Smoke tests", ownerRole: "QA", required: true }],
    alerts: [],
    incidents: [],
    series: new Map([
      ["error_rate|canary", buckets("canary", (i) => (i === 15 ? 0.03 : 0.004))],
      ["error_rate|baseline", buckets("baseline", () => 0.005)],
    ]),
    lessons: null,
    actionItems: [],
    now: at(45),
    ...over,
  };
}

describe("buildReport", () => {
  it("tells a completed rollout wave by wave: time, who promoted and why, gates, sign-offs, metrics, scorecard", () => {
    seq = 0;
    const events = [
      e(-5, "created", { name: "Checkout", service: "checkout-api", version: "2.3.0", waves: 3 }, "admin@x"),
      e(0, "started", { wave: "Canary" }, "cmd@x", "go"),
      e(3, "checklist_updated", { itemId: "c1", text: "Smoke tests green", waveIndex: 0, ownerRole: "QA", from: "open", to: "met", evidenceUrl: null }, "qa@x", "run 77 green"),
      e(4, "signoff", { waveIndex: 0, wave: "Canary", role: "Product Manager", decision: "approve" }, "pm@x", "ok"),
      e(5, "override", { action: "continue", unmet: [{ kind: "bake", message: "Bake time: 5m of 10m" }] }, "cmd@x", "hotfix window"),
      e(5, "promoted", { fromWave: 0, toWave: 1, fromTraffic: 10, toTraffic: 50, wave: "Half" }, "cmd@x", "hotfix window"),
      e(10, "paused", {}, "cmd@x", "lunch"),
      e(12, "resumed", {}, "cmd@x"),
      e(20, "promoted", { fromWave: 1, toWave: 2, fromTraffic: 50, toTraffic: 100, wave: "All" }, "cmd@x", "clean"),
      e(30, "completed", { wave: "All" }, "cmd@x", "done"),
    ];
    const r = buildReport(input(events));
    expect(r.outcome).toBe("Checkout 2.3.0 reached 100% of traffic through 3 waves in 30m with no rollback.");
    expect(r.waves.map((w) => [w.index, w.actualSeconds, w.leftBy?.how, w.leftBy?.reason])).toEqual([
      [0, 300, "promoted", "hotfix window"],
      [1, 900, "promoted", "clean"],
      [2, 600, "completed", "done"],
    ]);
    expect(r.waves[1].pausedSeconds).toBe(120);
    expect(r.waves[0].gates).toEqual([
      expect.objectContaining({ kind: "checklist", state: "met", by: "qa@x", reason: "run 77 green" }),
      expect.objectContaining({ kind: "override", state: "overridden", text: "Bake time: 5m of 10m", by: "cmd@x", reason: "hotfix window" }),
    ]);
    expect(r.waves[0].signoffs).toEqual([{ role: "Product Manager", decision: "approve", by: "pm@x", at: at(4), comment: "ok" }]);
    // Wave 2 (minutes 5-20: 15 one-minute buckets) holds the one bad minute (minute 15): worst 3%, below the 5% warning.
    const half = r.waves[1].metrics[0];
    expect(half.worst).toBeCloseTo(0.03, 9);
    expect(half.level).toBe("ok");
    expect(half.canaryMean).toBeCloseTo((0.004 * 14 + 0.03) / 15, 9);
    expect(half.points.length).toBeGreaterThan(1);
    expect(r.waves[0].metrics[0].worst).toBeCloseTo(0.004, 9);
    const lines = Object.fromEntries(r.scorecard.lines.map((l) => [l.label, l]));
    expect(lines.Rollbacks).toMatchObject({ actual: "0", met: true });
    expect(lines["Gate overrides"]).toMatchObject({ actual: "1", met: false });
    expect(lines['Wave 1 "Canary": time in wave']).toMatchObject({ actual: "5m", met: false });
    expect(lines['Wave 2 "Half": worst Error rate']).toMatchObject({ actual: "3%", target: "target ≤ 1%", met: false });

    const md = reportMarkdown(r);
    expect(md).toContain("**Outcome:** Checkout 2.3.0 reached 100% of traffic through 3 waves in 30m with no rollback.");
    expect(md).toContain("- Bake time: 5m of 10m: overridden (hotfix window) by cmd@x at 2026-11-30 09:05:00 UTC");
    expect(md).toContain("- Product Manager: approve by pm@x at 2026-11-30 09:04:00 UTC (\"ok\")");
    expect(md).toContain("| Error rate | 0.4% | 0.5% | 0.4% (60 s) | 10% | ok |");
    expect(md).toContain("| Gate overrides | 0 | 1 | **no** |");
  });

  it("tells a rolled-back run and a live retry", () => {
    seq = 0;
    const events = [
      e(0, "started", { wave: "Canary" }, "cmd@x"),
      e(6, "breach", { metric: "error_rate", level: "critical" }, "guardrail", "error_rate 30% > critical 10%"),
      e(7, "rolled_back", { fromTraffic: 10, wave: "Canary", metric: "error_rate", automatic: true }, "guardrail", "error_rate 30% > critical 10%"),
      e(9, "retried", { wave: "Canary", run: 2 }, "cmd@x", "fixed"),
    ];
    const base = input(events).release;
    const rolledBack = buildReport(
      input(events.slice(0, 3), {
        release: { ...base, status: "rolled_back", trafficPercent: 0, currentWaveIndex: 0, endedAt: at(7) },
        alerts: [
          { run: 1, metric: "error_rate", level: "critical", detail: "d", openedAt: at(6), closedAt: at(7), actedAt: at(7), acknowledgedBy: "cmd@x", acknowledgedAt: at(6.5) },
        ],
      }),
    );
    expect(rolledBack.outcome).toBe('Checkout 2.3.0 was rolled back by the guardrail (error_rate) from wave 1 of 3 "Canary" at 10% traffic: error_rate 30% > critical 10%.');
    expect(rolledBack.breaches).toEqual([
      expect.objectContaining({ wave: "Canary", acted: "guardrail rolled back", evidence: "error_rate 30% > critical 10%", secondsToAcknowledge: 30 }),
    ]);
    const lines = Object.fromEntries(rolledBack.scorecard.lines.map((l) => [l.label, l]));
    expect(lines.Rollbacks).toMatchObject({ actual: "1 (1 automatic)", met: false });
    expect(lines["Critical alerts acknowledged"]).toMatchObject({ actual: "1 of 1", met: true });
    expect(lines["Time to acknowledge critical alerts"].actual).toBe("mean 30s");

    const retried = buildReport(input(events, { release: { ...base, status: "running", run: 2, trafficPercent: 10, currentWaveIndex: 0, startedAt: at(9), endedAt: null } }));
    expect(retried.live).toBe(true);
    // The header's "started" is the first START (at 0), not the RETRY that restarted the wave (at 9).
    expect(retried.startedAt).toBe(events[0].at);
    expect(retried.startedAt).not.toBe(at(9));
    expect(retried.waves.map((w) => [w.run, w.index, w.enteredBy.how, w.endedAt === null])).toEqual([
      [1, 0, "started", false],
      [2, 0, "retried", true],
    ]);
    expect(retried.waves[1].actualSeconds).toBe(36 * 60);
    expect(retried.outcome).toMatch(/is running at wave 1 of 3 "Canary" \(10% traffic\), .* after 1 retry: this report is live\.$/);
    expect(reportMarkdown(retried)).toContain('### Run 2, Wave 1 "Canary" (10%)');
  });
});

describe("buildReport: the sequential judge's verdict per wave", () => {
  it("states each judged metric's effect, interval and evidence at the end of the wave, in the report and its Markdown", () => {
    seq = 0;
    const judgedPlan = PlanSchema.parse({ ...plan, guardrails: [{ ...plan.guardrails[0], judge: "sequential", minCount: 10 }] });
    const events = [
      e(-5, "created", { name: plan.name, service: plan.service, version: plan.version, waves: 3 }, "admin@x"),
      e(0, "started", { wave: "Canary" }),
      e(5, "promoted", { fromWave: 0, toWave: 1, fromTraffic: 5, toTraffic: 50, wave: "Half" }),
      e(20, "promoted", { fromWave: 1, toWave: 2, fromTraffic: 50, toTraffic: 100, wave: "All" }),
      e(30, "completed", { wave: "All" }),
    ];
    // Errors out of 10,000 requests a minute: canary 0.4 %, baseline 0.5 %.
    const counted = (errors: number) => Array.from({ length: 40 }, (_, i) => ({ start: T0 + i * 60_000, count: 10_000, sum: errors, min: 0, max: 1 }));
    const series = new Map([["error_rate|canary", counted(40)], ["error_rate|baseline", counted(50)]]);
    const r = buildReport(input(events, { plan: judgedPlan, series }));
    // Wave 1 (minutes 0-5): the buckets wholly inside it, 50,000 canary requests.
    expect(r.waves[0].metrics[0].verdict).toMatch(/^error_rate: -0\.10 pp \(99 % CI -0\.\d+ to \+0\.\d+\), 50,000 canary requests — no harm of 50 % or more$/);
    expect(reportMarkdown(r)).toContain(`- Judge: ${r.waves[0].metrics[0].verdict}`);
    const thresholds = buildReport(input(events));
    expect(thresholds.waves[0].metrics[0].verdict).toBeNull();
    const calibrated = buildReport(input(events, { plan: { ...judgedPlan, calibration: true }, series }));
    expect(calibrated.waves[0].metrics[0].verdict).toMatch(/^A\/A calibration, does not act: error_rate: /);
  });
});
