// The vocabulary: durations, thresholds and "X for N" conditions as teams write them.
import { describe, expect, it } from "vitest";
import { actionOf, guessMetric, parseCondition, parseDuration, parseValue, toMetricUnits } from "./conditions";

describe("parseDuration", () => {
  it.each([
    ["24 hours", 86400],
    ["48h", 172800],
    ["5min", 300],
    ["90 s", 90],
    ["2 weeks", 14 * 86400],
    ["2+ hours", 7200],
    ["1.5 days", 129600],
  ])("%s", (text, seconds) => {
    expect(parseDuration(text)?.seconds).toBe(seconds);
  });

  it("reads a range as its lower bound with the upper bound beside it", () => {
    expect(parseDuration("Decision window: 3-5 days")).toMatchObject({ seconds: 3 * 86400, maxSeconds: 5 * 86400, text: "3-5 days" });
    expect(parseDuration("1 to 2 weeks")).toMatchObject({ seconds: 7 * 86400, maxSeconds: 14 * 86400 });
  });

  it("finds no duration in a percentage or plain words", () => {
    expect(parseDuration("10% traffic")).toBeNull();
    expect(parseDuration("mostly harmless")).toBeNull();
  });
});

describe("parseValue and toMetricUnits", () => {
  it("reads threshold cells", () => {
    expect(parseValue("< 2%")).toEqual({ comparator: "<", value: 2, unit: "%", relative: false });
    expect(parseValue("> 1000ms")).toEqual({ comparator: ">", value: 1000, unit: "ms", relative: false });
    expect(parseValue("+50%")).toEqual({ value: 50, unit: "%", relative: true });
    expect(parseValue("above 5")).toMatchObject({ comparator: ">", value: 5 });
    expect(parseValue("Baseline")).toBeNull();
  });

  it("ignores digits that are part of a name (P95)", () => {
    expect(parseValue("P95 latency < 500ms")).toMatchObject({ comparator: "<", value: 500, unit: "ms" });
  });

  it("converts to the metric's stored unit", () => {
    expect(toMetricUnits("error_rate", parseValue("> 10%")!)).toBe(0.1);
    expect(toMetricUnits("cpu_percent", parseValue("> 80%")!)).toBe(80);
    // A metric named as a rate, ratio or retention is a fraction, known to the plan or not: "> 0.5%" is 0.005.
    expect(toMetricUnits("anr_rate", parseValue("> 0.5%")!)).toBe(0.005);
    expect(toMetricUnits("checkout_abandon_ratio", parseValue("above 12%")!)).toBe(0.12);
    expect(toMetricUnits("week_1_retention", parseValue("< 40%")!)).toBe(0.4);
    // Written without "%", the number is kept as written (the plan check and the questions deal with it).
    expect(toMetricUnits("anr_rate", parseValue("> 0.004")!)).toBe(0.004);
    // Only a whole word: "generate" or "moderate" in a slug is no rate.
    expect(toMetricUnits("queue_moderate", parseValue("> 30%")!)).toBe(30);
    expect(toMetricUnits("cpu_percent", parseValue("+40%")!)).toBe(0.4);
    expect(toMetricUnits("latency_p99_ms", parseValue("> 1.5s")!)).toBe(1500);
  });
});

describe("guessMetric", () => {
  it("maps common names to built-in metrics", () => {
    expect(guessMetric("Error Rate")).toEqual({ kind: "known", key: "error_rate" });
    expect(guessMetric("P99 Latency")).toEqual({ kind: "known", key: "latency_p99_ms" });
    expect(guessMetric("95th percentile response time")).toEqual({ kind: "known", key: "latency_p95_ms" });
    expect(guessMetric("Memory (MB)")).toEqual({ kind: "known", key: "memory_mb" });
    expect(guessMetric("HighErrorRate")).toEqual({ kind: "known", key: "error_rate" });
  });

  it("says when a latency names no percentile, and slugs unknown metrics", () => {
    expect(guessMetric("Response time")).toEqual({ kind: "latency_unspecified" });
    expect(guessMetric("Customer escalations")).toEqual({ kind: "unknown", key: "customer_escalations" });
  });
});

describe("parseCondition", () => {
  it("reads 'metric op value for duration'", () => {
    expect(parseCondition("Error rate > 10% for > 5min")).toMatchObject({
      metric: { kind: "known", key: "error_rate" },
      comparator: ">",
      threshold: 0.1,
      forSeconds: 300,
    });
  });

  it("reads 'op value metric sustained for N+ unit'", () => {
    expect(parseCondition("> 2% error rate sustained for 2+ hours")).toMatchObject({
      metric: { key: "error_rate" },
      comparator: ">",
      threshold: 0.02,
      forSeconds: 7200,
    });
  });

  it("reads comparisons with an earlier level as relative", () => {
    expect(parseCondition("Error rate increases > 5% from Wave 1")).toMatchObject({ relativeTo: "previous_wave", threshold: 0.05 });
    expect(parseCondition("Memory grows > 30% over baseline")).toMatchObject({ relativeTo: "baseline", threshold: 0.3 });
    expect(parseCondition("Response time increases by >20%")).toMatchObject({
      relativeTo: "unspecified",
      metric: { kind: "latency_unspecified" },
    });
  });

  it("reads several rules for one metric with their own duration and action", () => {
    const rules = "0.02 for 3 min: tell me; 0.05 for 10 min: roll back".split(";").map((r) => parseCondition(r, "error_rate"));
    expect(rules).toMatchObject([
      { threshold: 0.02, forSeconds: 180, action: "notify" },
      { threshold: 0.05, forSeconds: 600, action: "rollback" },
    ]);
  });

  it("finds no condition where there is no comparison", () => {
    expect(parseCondition("Memory leak detected")).toBeNull();
    expect(parseCondition("ANY CRITICAL alert")).toBeNull();
  });
});

describe("actionOf", () => {
  it("maps the words teams use", () => {
    expect(actionOf("roll back")).toBe("rollback");
    expect(actionOf("pause the rollout")).toBe("pause");
    expect(actionOf("tell me")).toBe("notify");
    expect(actionOf("step back to the previous wave")).toBe("step_back");
    expect(actionOf("nothing")).toBeUndefined();
  });
});
