import { describe, expect, it } from "vitest";
import { PlanSchema } from "../../plans/core/plan";
import { buildReport, type ReportInput } from "./build-report";
import { healthySide, meetsTarget, parseQuantity, parseTarget } from "./target";

describe("meetsTarget: every comparator, with units, percentages, zero and negative values", () => {
  // [target as written, actual as shown, met]
  const table: [string, string, boolean][] = [
    // the three lines of the first-week report that read "met"
    ["<= 0", "3", false],
    ["<= 0 %", "+1.14 %", false],
    ["<= 0 %", "+2.99 %", false],
    ["<= 0 %", "0 %", true],
    ["<= 0 %", "-0.5 %", true],
    ["<= 0", "0", true],
    ["< 0", "0", false],
    ["< 0", "-1", true],
    ["< 250 ms", "249 ms", true],
    ["< 250 ms", "250 ms", false],
    ["< 250 ms", "0.3 s", false],
    ["<= 1.5 s", "1500 ms", true],
    ["<= -2 %", "-2 %", true],
    ["<= -2 %", "-1.9 %", false],
    ["> 0", "0", false],
    ["> 0", "0.001", true],
    ["> -5 %", "-4.99 %", true],
    ["> -5 %", "-5 %", false],
    [">= 99.9 %", "99.9 %", true],
    [">= 99.9 %", "99.89 %", false],
    ["≥ 0", "-0.01", false],
    ["≥ 0", "0", true],
    ["= 0", "0", true],
    ["= 0", "1", false],
    ["= 0", "-1", false],
    ["= 0.1 %", "0.1 %", true],
    ["0", "0", true],
    ["0", "2", false],
    ["target ≤ 1%", "3%", false],
    ["target ≤ 1%", "1%", true],
  ];
  it.each(table)("%s with %s -> met %s", (targetText, actualText, met) => {
    const target = parseTarget(targetText);
    expect(target).not.toBeNull();
    expect(meetsTarget(target!, parseQuantity(actualText))).toBe(met);
  });

  it("has nothing to judge without a value: null, never a pass", () => {
    expect(meetsTarget({ op: "<=", value: 0 }, null)).toBeNull();
    expect(meetsTarget({ op: ">=", value: 0 }, Number.NaN)).toBeNull();
  });

  it("reads quantities in the stored unit and refuses what is not one", () => {
    expect(parseQuantity("+1.14 %")).toBe(0.0114);
    expect(parseQuantity("−2%")).toBe(-0.02);
    expect(parseQuantity("1.5 s")).toBe(1500);
    expect(parseQuantity("no data")).toBeNull();
    expect(parseTarget("about zero")).toBeNull();
  });

  it("aims for the healthy side of each guardrail comparator", () => {
    expect([">", ">=", "<", "<="].map((c) => healthySide(c as ">"))).toEqual(["<=", "<", ">=", ">"]);
  });
});

describe("the scorecard judges metric lines against the target, not the alert level", () => {
  const T0 = Date.parse("2026-12-01T09:00:00Z");
  const at = (min: number) => new Date(T0 + min * 60_000).toISOString();
  const plan = PlanSchema.parse({
    name: "Ledger",
    service: "ledger",
    version: "4.1.0",
    guardrails: [
      { metric: "invariant_violations", comparator: ">", target: 0, warning: 5, critical: 10 },
      { metric: "memory_mb", comparator: ">", relativeTo: "baseline", target: 0, warning: 0.1, critical: 0.25 },
      { metric: "cpu_percent", comparator: ">", relativeTo: "baseline", target: 0, warning: 0.1, critical: 0.25 },
      { metric: "success_rate", comparator: "<", target: 0.999, warning: 0.99, critical: 0.95 },
    ],
    waves: [{ name: "Canary", trafficPercent: 10, bakeSeconds: 600 }, { name: "All", trafficPercent: 100 }],
  });
  const buckets = (cohort: string, value: number) =>
    Array.from({ length: 10 }, (_, i) => ({ start: T0 + i * 60_000, count: 1, sum: value, min: value, max: value, cohort }));
  const input: ReportInput = {
    release: {
      id: "r1",
      name: "Ledger",
      service: "ledger",
      serviceVersion: "4.1.0",
      status: "running",
      currentWaveIndex: 0,
      trafficPercent: 10,
      run: 1,
      createdAt: at(-1),
      createdBy: "a@x",
      commander: "a@x",
      startedAt: at(0),
      endedAt: null,
    },
    plan,
    events: [{ seq: 1, type: "started", actor: "a@x", actorRole: null, reason: null, at: at(0), data: { wave: "Canary" } }],
    checklist: [],
    alerts: [],
    incidents: [],
    series: new Map([
      ["invariant_violations|canary", buckets("canary", 3)],
      ["memory_mb|canary", buckets("canary", 101.14)],
      ["memory_mb|baseline", buckets("baseline", 100)],
      ["cpu_percent|canary", buckets("canary", 51.495)],
      ["cpu_percent|baseline", buckets("baseline", 50)],
      ["success_rate|canary", buckets("canary", 0.9995)],
    ]),
    lessons: null,
    actionItems: [],
    now: at(12),
  };

  it("marks 3 invariant violations, +1.14 % memory and +2.99 % CPU against 0 as not met", () => {
    const lines = Object.fromEntries(buildReport(input).scorecard.lines.map((l) => [l.label, l]));
    const line = (metric: string) => Object.entries(lines).find(([k]) => k.startsWith('Wave 1 "Canary": worst') && k.includes(metric))?.[1];
    expect(line("Invariant")).toMatchObject({ actual: "3", target: "target ≤ 0", met: false });
    expect(line("emory")).toMatchObject({ met: false });
    expect(line("emory")?.actual).toMatch(/^\+1\.14%/);
    expect(line("CPU")).toMatchObject({ met: false });
    expect(line("CPU")?.actual).toMatch(/^\+2\.99%/);
    expect(line("uccess")).toMatchObject({ target: "target ≥ 99.9%", met: true });
  });
});
