import { describe, expect, it } from "vitest";
import { findIneffectiveGuardrails, thresholdScale } from "./check-guardrails";
import { PlanSchema } from "./plan";

const wave = (name: string, trafficPercent: number, extra: Record<string, unknown> = {}) => ({ name, trafficPercent, bakeSeconds: 3600, ...extra });
const plan = (guardrails: unknown[], waves: unknown[] = [wave("Canary", 10), wave("All", 100)], extra: Record<string, unknown> = {}) => ({
  name: "Checkout",
  service: "checkout",
  version: "1.0.0",
  guardrails,
  waves,
  ...extra,
});
const g = (metric: string, comparator: string, critical: number, extra: Record<string, unknown> = {}) => ({ metric, comparator, critical, ...extra });

describe("thresholdScale", () => {
  it.each([
    ["error_rate", undefined, "ratio"],
    ["success_rate", undefined, "ratio"],
    ["checkout_error_rate", undefined, "ratio"],
    ["crash_rate", undefined, "ratio"],
    ["cpu_percent", undefined, "percent"],
    ["latency_p95_ms", undefined, "ms"],
    ["request_duration_seconds", undefined, "seconds"],
    ["memory_mb", undefined, "other"],
    ["queue_depth", "%", "percent"],
    ["error_rate", "percent", "percent"],
    ["latency_p95_ms", "count", "other"],
  ] as const)("%s (declared %s) is on the %s scale", (metric, unit, scale) => {
    expect(thresholdScale(metric, unit)).toBe(scale);
  });
});

describe("guardrails that can never fire are refused by the plan schema, naming the field", () => {
  it("refuses an error-rate guardrail at 2 (200 %) and says to write 0.02", () => {
    const parsed = PlanSchema.safeParse(plan([g("error_rate", ">", 2)]));
    expect(parsed.success).toBe(false);
    const issue = parsed.error!.issues.find((i) => i.path.join(".") === "guardrails.0.critical");
    expect(issue?.message).toMatch(/error_rate is a ratio from 0 to 1, so 2 \(200 %\) can never be crossed; for 2 % write 0\.02/);
  });

  it("refuses an error rate above exactly 1 (more than 100 %) and a percentage above exactly 100, but not >= 1", () => {
    const ratio = PlanSchema.safeParse(plan([g("error_rate", ">", 1)]));
    expect(ratio.success).toBe(false);
    expect(ratio.error!.issues.find((i) => i.path.join(".") === "guardrails.0.critical")?.message).toMatch(/so > 1 \(more than 100 %\) can never be crossed; for 1 % write 0\.01/);
    const percent = PlanSchema.safeParse(plan([g("cpu_percent", ">", 100)]));
    expect(percent.success).toBe(false);
    expect(PlanSchema.safeParse(plan([g("error_rate", ">=", 1)])).success).toBe(true);
  });

  it("refuses a p95 latency guardrail at 150000 ms, in a wave, with the seconds spelled out", () => {
    const parsed = PlanSchema.safeParse(plan([], [wave("Canary", 10, { guardrails: [g("latency_p95_ms", ">", 150000)] }), wave("All", 100)]));
    expect(parsed.success).toBe(false);
    const issue = parsed.error!.issues.find((i) => i.path.join(".") === "waves.0.guardrails.0.critical");
    expect(issue?.message).toMatch(/150000 ms is 150 s, longer than any proxy/);
  });

  it("checks warning levels and extra levels too, and a success-rate floor above 1 (always crossed)", () => {
    const findings = findIneffectiveGuardrails(
      plan(
        [
          g("error_rate", ">", 0.05, { warning: 3 }),
          g("success_rate", "<", 99.5),
          g("cpu_percent", ">", 90, { levels: [{ threshold: 150, forSeconds: 60, action: "pause" }] }),
        ],
      ) as never,
    );
    const errors = findings.filter((f) => f.severity === "error").map((f) => [f.path.join("."), f.message.match(/can never|always crossed/)?.[0]]);
    expect(errors).toEqual([
      ["guardrails.0.warning", "can never"],
      ["guardrails.1.critical", "always crossed"],
      ["guardrails.2.levels.0.threshold", "can never"],
    ]);
  });

  it("accepts plausible thresholds, relative ones above 1, custom metrics, and a unit the plan declares", () => {
    const ok = plan(
      [
        g("error_rate", ">", 0.02),
        g("latency_p95_ms", ">", 800, { relativeTo: "baseline" }),
        g("latency_p99_ms", ">", 1.5, { relativeTo: "baseline" }),
        g("queue_depth", ">", 5000),
        g("refund_rate", ">", 2),
      ],
      undefined,
      { metrics: [{ key: "refund_rate", label: "Refunds", unit: "%" }] },
    );
    const parsed = PlanSchema.safeParse(ok);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    expect(findIneffectiveGuardrails(ok as never).filter((f) => f.severity === "error")).toEqual([]);
  });

  it("refuses a declared percentage above 100", () => {
    const parsed = PlanSchema.safeParse(plan([g("refund_rate", ">", 120)], undefined, { metrics: [{ key: "refund_rate", label: "Refunds", unit: "%" }] }));
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0].path).toEqual(["guardrails", 0, "critical"]);
  });
});

describe("dubious guardrails are warnings, never refusals", () => {
  it("warns when the comparator watches the harmless direction of a known metric", () => {
    const findings = findIneffectiveGuardrails(plan([g("error_rate", "<", 0.01), g("success_rate", ">", 0.99), g("latency_p95_ms", ">", 300)]) as never);
    expect(findings.map((f) => [f.severity, f.code, f.path.join(".")])).toEqual([
      ["warning", "comparator_against_metric", "guardrails.0.comparator"],
      ["warning", "comparator_against_metric", "guardrails.1.comparator"],
    ]);
    expect(PlanSchema.safeParse(plan([g("error_rate", "<", 0.01)])).success).toBe(true);
  });

  it("warns when a breach must outlast the wave's bake plus deadline, per wave and plan-wide", () => {
    const findings = findIneffectiveGuardrails(
      plan(
        [g("error_rate", ">", 0.02, { forSeconds: 7200 })],
        [wave("Canary", 10, { bakeSeconds: 600, maxSeconds: 600, guardrails: [g("latency_p95_ms", ">", 400, { forSeconds: 1800 })] }), wave("All", 100, { bakeSeconds: 3600 })],
      ) as never,
    );
    expect(findings.map((f) => [f.code, f.path.join(".")])).toEqual([
      ["breach_outlasts_wave", "guardrails.0.forSeconds"],
      ["breach_outlasts_wave", "waves.0.guardrails.0.forSeconds"],
    ]);
    expect(findings[1].message).toMatch(/1800 s .* \(1200 s of bake and deadline\)/);
  });

  it("says nothing of duration when a wave has neither bake nor deadline (it lasts until someone decides)", () => {
    const findings = findIneffectiveGuardrails(plan([g("error_rate", ">", 0.02, { forSeconds: 7200 })], [wave("Canary", 10, { bakeSeconds: 0 }), wave("All", 100)]) as never);
    expect(findings).toEqual([]);
  });
});
