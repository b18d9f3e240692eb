// Tests for the rollout plan contract: defaults, every validation rule at its path, guardrail merging, metric keys.
import { describe, it, expect } from "vitest";
import { z } from "zod";
import {
  BUILT_IN_METRICS,
  GuardrailSchema,
  PlanSchema,
  metricsOfPlan,
  type Plan,
} from "./plan";
import { guardrailsForWave } from "./wave-guardrails";

const errorRate = {
  metric: "error_rate",
  comparator: ">",
  target: 0.02,
  warning: 0.05,
  critical: 0.1,
  forSeconds: 300,
  onCritical: "rollback",
} as const;

const memory = {
  metric: "memory_mb",
  comparator: ">",
  relativeTo: "baseline",
  warning: 0.5,
  critical: 1.0,
  forSeconds: 300,
  onCritical: "pause",
} as const;

/** A fresh, valid 4-wave plan input each call, so tests can mutate it freely. */
function validInput(): Record<string, any> {
  return {
    name: "Checkout v2",
    service: "checkout",
    version: "2.0.0",
    guardrails: [{ ...errorRate }, { ...memory }],
    waves: [
      { name: "Canary", trafficPercent: 10 },
      { name: "Early", trafficPercent: 25 },
      { name: "Half", trafficPercent: 50 },
      { name: "Full", trafficPercent: 100 },
    ],
  };
}

function issuesOf(input: unknown): z.core.$ZodIssue[] {
  const r = PlanSchema.safeParse(input);
  expect(r.success).toBe(false);
  return r.success ? [] : r.error.issues;
}

/** The single issue at `path`, asserting there is exactly one there. */
function issueAt(input: unknown, path: (string | number)[]): z.core.$ZodIssue {
  const at = issuesOf(input).filter((i) => JSON.stringify(i.path) === JSON.stringify(path));
  expect(at, `issues at ${JSON.stringify(path)}`).toHaveLength(1);
  return at[0];
}

describe("PlanSchema: a valid plan", () => {
  it("parses a 4-wave plan with plan-level guardrails and fills the defaults", () => {
    const plan = PlanSchema.parse(validInput());
    expect(plan.name).toBe("Checkout v2");
    expect(plan.service).toBe("checkout");
    expect(plan.version).toBe("2.0.0");
    expect(plan.preChecklist).toEqual([]);
    expect(plan.waves.map((w) => w.trafficPercent)).toEqual([10, 25, 50, 100]);
    for (const w of plan.waves) {
      expect(w.bakeSeconds).toBe(0);
      expect(w.checklist).toEqual([]);
      expect(w.signoffs).toEqual([]);
      expect(w.guardrails).toEqual([]);
    }
    expect(plan.guardrails).toEqual([
      { ...errorRate, windowSeconds: 60 },
      { ...memory, windowSeconds: 60 },
    ]);
  });

  it("fills guardrail and checklist defaults (forSeconds 60, windowSeconds 60, onCritical pause, required true)", () => {
    const input = validInput();
    input.guardrails = [{ metric: "cpu_percent", comparator: ">=", critical: 90 }];
    input.waves[0].checklist = [{ text: "  Dashboards open ", ownerRole: "sre" }];
    const plan = PlanSchema.parse(input);
    expect(plan.guardrails[0]).toEqual({
      metric: "cpu_percent",
      comparator: ">=",
      critical: 90,
      forSeconds: 60,
      windowSeconds: 60,
      onCritical: "pause",
    });
    expect(plan.waves[0].checklist[0]).toEqual({ text: "Dashboards open", ownerRole: "sre", required: true });
  });

  it("accepts a single 100% wave and equal warning/critical levels", () => {
    const plan = PlanSchema.parse({
      name: "n",
      service: "s",
      version: "v",
      guardrails: [{ metric: "error_rate", comparator: ">", warning: 0.1, critical: 0.1 }],
      waves: [{ name: "All", trafficPercent: 100 }],
    });
    expect(plan.waves).toHaveLength(1);
  });

  it("accepts correctly ordered '<' levels, including negative relative fractions", () => {
    expect(
      GuardrailSchema.safeParse({ metric: "success_rate", comparator: "<", target: 0.999, warning: 0.99, critical: 0.95 }).success,
    ).toBe(true);
    expect(
      GuardrailSchema.safeParse({ metric: "throughput_rps", comparator: "<", relativeTo: "baseline", warning: -0.1, critical: -0.3 })
        .success,
    ).toBe(true);
  });
});

describe("PlanSchema: rejections at the right path", () => {
  it("rejects a plan with no waves", () => {
    expect(issueAt({ ...validInput(), waves: [] }, ["waves"]).message).toBe("a plan needs waves or tracks");
  });

  it("rejects traffic that does not rise strictly (equal and falling)", () => {
    const equal = validInput();
    equal.waves[2].trafficPercent = 25;
    expect(issueAt(equal, ["waves", 2, "trafficPercent"]).message).toBe(
      "traffic must rise strictly from wave to wave (25% then 25%)",
    );

    const falling = validInput();
    falling.waves[1].trafficPercent = 5;
    expect(issueAt(falling, ["waves", 1, "trafficPercent"]).message).toBe(
      "traffic must rise strictly from wave to wave (10% then 5%)",
    );
  });

  it("rejects a last wave below 100%", () => {
    const input = validInput();
    input.waves[3].trafficPercent = 90;
    expect(issueAt(input, ["waves", 3, "trafficPercent"]).message).toBe("the last wave must reach 100% traffic (it has 90%)");
  });

  it("rejects traffic of 0 and above 100", () => {
    const zero = validInput();
    zero.waves[0].trafficPercent = 0;
    expect(issueAt(zero, ["waves", 0, "trafficPercent"]).code).toBe("too_small");

    const over = validInput();
    over.waves[3].trafficPercent = 101;
    const issues = issuesOf(over).filter((i) => JSON.stringify(i.path) === JSON.stringify(["waves", 3, "trafficPercent"]));
    expect(issues.map((i) => i.code)).toContain("too_big");
  });

  it("rejects warning beyond critical for '>'", () => {
    const input = validInput();
    input.guardrails[0] = { ...errorRate, target: undefined, warning: 0.2, critical: 0.1 };
    expect(issueAt(input, ["guardrails", 0, "warning"]).message).toBe(
      'warning (0.2) must be reached before critical (0.1) for comparator ">"',
    );
  });

  it("rejects warning beyond critical for '<'", () => {
    const input = validInput();
    input.guardrails = [{ metric: "success_rate", comparator: "<", warning: 0.9, critical: 0.95 }];
    expect(issueAt(input, ["guardrails", 0, "warning"]).message).toBe(
      'warning (0.9) must be reached before critical (0.95) for comparator "<"',
    );
  });

  it("rejects a target on the wrong side of warning, for '>' and '<'", () => {
    const gt = validInput();
    gt.guardrails[0] = { ...errorRate, target: 0.06 };
    expect(issueAt(gt, ["guardrails", 0, "target"]).message).toBe("target (0.06) must be on the healthy side of warning (0.05)");

    const lt = validInput();
    lt.guardrails = [{ metric: "success_rate", comparator: "<", target: 0.98, warning: 0.99, critical: 0.95 }];
    expect(issueAt(lt, ["guardrails", 0, "target"]).message).toBe("target (0.98) must be on the healthy side of warning (0.99)");
  });

  it("rejects a target on the wrong side of critical when there is no warning level", () => {
    const r = GuardrailSchema.safeParse({ metric: "error_rate", comparator: ">", target: 0.5, critical: 0.1 });
    expect(r.success).toBe(false);
    expect(r.error?.issues).toHaveLength(1);
    expect(r.error?.issues[0].path).toEqual(["target"]);
    expect(r.error?.issues[0].message).toBe("target (0.5) must be on the healthy side of critical (0.1)");
    expect(GuardrailSchema.safeParse({ metric: "error_rate", comparator: ">", target: 0.01, critical: 0.1 }).success).toBe(true);
  });

  it("rejects a duplicate guardrail metric, plan-level and wave-level", () => {
    const plan = validInput();
    plan.guardrails.push({ metric: "error_rate", comparator: ">", critical: 0.2 });
    expect(issueAt(plan, ["guardrails", 2, "metric"]).message).toBe('guardrail for "error_rate" is listed twice');

    const wave = validInput();
    wave.waves[1].guardrails = [
      { metric: "latency_p95_ms", comparator: ">", critical: 500 },
      { metric: "latency_p95_ms", comparator: ">", critical: 800 },
    ];
    expect(issueAt(wave, ["waves", 1, "guardrails", 1, "metric"]).message).toBe('guardrail for "latency_p95_ms" is listed twice');
  });

  it("does not treat a wave guardrail for a plan-level metric as a duplicate", () => {
    const input = validInput();
    input.waves[1].guardrails = [{ metric: "error_rate", comparator: ">", critical: 0.2 }];
    expect(PlanSchema.safeParse(input).success).toBe(true);
  });

  it("rejects a sign-off role listed twice (after trimming)", () => {
    const input = validInput();
    input.waves[2].signoffs = ["sre", "qa", " sre "];
    expect(issueAt(input, ["waves", 2, "signoffs"]).message).toBe("a sign-off role is listed twice");
  });

  it("rejects unknown fields at the plan, wave and guardrail level (strict)", () => {
    const top = validInput();
    top.owner = "me";
    const issue = issueAt(top, []);
    expect(issue.code).toBe("unrecognized_keys");
    expect(issue.message).toContain("owner");

    const wave = validInput();
    wave.waves[0].percent = 10;
    expect(issueAt(wave, ["waves", 0]).code).toBe("unrecognized_keys");

    const g = validInput();
    g.guardrails[0] = { ...errorRate, threshold: 1 };
    expect(issueAt(g, ["guardrails", 0]).code).toBe("unrecognized_keys");
  });

  it("rejects bad metric keys with the lower_snake_case message", () => {
    for (const metric of ["Error_Rate", "1st_metric", "error-rate", "", "a".repeat(64)]) {
      const input = validInput();
      input.guardrails = [{ metric, comparator: ">", critical: 1 }];
      expect(issueAt(input, ["guardrails", 0, "metric"]).message).toBe(
        "metric keys are lower_snake_case, starting with a letter",
      );
    }
    const ok = validInput();
    ok.guardrails = [{ metric: "a".repeat(63), comparator: ">", critical: 1 }];
    expect(PlanSchema.safeParse(ok).success).toBe(true);
  });

  it("rejects a bad metric key in a checklist item's metric binding", () => {
    const input = validInput();
    input.preChecklist = [{ text: "t", ownerRole: "r", metric: { metric: "Bad", comparator: "<", threshold: 1 } }];
    expect(issueAt(input, ["preChecklist", 0, "metric", "metric"]).message).toBe(
      "metric keys are lower_snake_case, starting with a letter",
    );
  });

  it("rejects negative and fractional bakeSeconds", () => {
    const neg = validInput();
    neg.waves[0].bakeSeconds = -1;
    expect(issueAt(neg, ["waves", 0, "bakeSeconds"]).code).toBe("too_small");

    const frac = validInput();
    frac.waves[0].bakeSeconds = 1.5;
    expect(issueAt(frac, ["waves", 0, "bakeSeconds"]).code).toBe("invalid_type");
  });

  it("rejects missing or blank name, service and version, each at its own path", () => {
    const missing = validInput();
    delete missing.name;
    delete missing.service;
    delete missing.version;
    const issues = issuesOf(missing);
    expect(issues.map((i) => i.path)).toEqual([["name"], ["service"], ["version"]]);
    expect(issues.every((i) => i.code === "invalid_type")).toBe(true);

    const blank = validInput();
    blank.name = "   ";
    expect(issueAt(blank, ["name"]).code).toBe("too_small");
  });

  it("rejects non-finite thresholds and an unknown comparator or onCritical", () => {
    expect(GuardrailSchema.safeParse({ metric: "m", comparator: ">", critical: Infinity }).success).toBe(false);
    expect(GuardrailSchema.safeParse({ metric: "m", comparator: "==", critical: 1 }).success).toBe(false);
    expect(GuardrailSchema.safeParse({ metric: "m", comparator: ">", critical: 1, onCritical: "explode" }).success).toBe(false);
  });
});

describe("guardrailsForWave", () => {
  function planWithWaveOverride(): Plan {
    const input = validInput();
    input.waves[1].guardrails = [
      { metric: "error_rate", comparator: ">", warning: 0.08, critical: 0.2, forSeconds: 0 },
      { metric: "checkout_failures", comparator: ">", critical: 5 },
    ];
    return PlanSchema.parse(input);
  }

  it("returns the plan-level guardrails for a wave without its own", () => {
    const plan = planWithWaveOverride();
    expect(guardrailsForWave(plan, 0)).toEqual(plan.guardrails);
  });

  it("lets a wave's guardrail replace the plan-level one for the same metric and adds new ones", () => {
    const plan = planWithWaveOverride();
    const merged = guardrailsForWave(plan, 1);
    expect(merged.map((g) => g.metric)).toEqual(["memory_mb", "error_rate", "checkout_failures"]);
    const er = merged.find((g) => g.metric === "error_rate")!;
    expect(er.critical).toBe(0.2);
    expect(er.forSeconds).toBe(0);
    expect(merged.filter((g) => g.metric === "error_rate")).toHaveLength(1);
  });

  it("falls back to the plan-level guardrails for an index past the last wave", () => {
    const plan = planWithWaveOverride();
    expect(guardrailsForWave(plan, 9)).toEqual(plan.guardrails);
  });
});

describe("metricsOfPlan", () => {
  it("holds every built-in metric for a plan declaring none", () => {
    const plan = PlanSchema.parse({ name: "n", service: "s", version: "v", waves: [{ name: "All", trafficPercent: 100 }] });
    expect([...metricsOfPlan(plan)].sort()).toEqual([...BUILT_IN_METRICS].sort());
  });

  it("adds custom keys from plan guardrails, wave guardrails, wave checklists and the pre-checklist", () => {
    const input = validInput();
    input.guardrails.push({ metric: "plan_custom", comparator: ">", critical: 1 });
    input.waves[2].guardrails = [{ metric: "wave_custom", comparator: ">", critical: 1 }];
    input.waves[0].checklist = [
      { text: "queue drained", ownerRole: "sre", metric: { metric: "queue_depth", comparator: "<", threshold: 10 } },
      { text: "manual", ownerRole: "sre" },
    ];
    input.preChecklist = [{ text: "smoke", ownerRole: "qa", metric: { metric: "smoke_failures", comparator: "<=", threshold: 0 } }];
    const keys = metricsOfPlan(PlanSchema.parse(input));
    for (const k of BUILT_IN_METRICS) expect(keys.has(k)).toBe(true);
    for (const k of ["plan_custom", "wave_custom", "queue_depth", "smoke_failures"]) expect(keys.has(k)).toBe(true);
    expect(keys.size).toBe(BUILT_IN_METRICS.length + 4);
    expect(keys.has("not_declared")).toBe(false);
  });
});

describe("sequential judge settings", () => {
  const base = { name: "P", service: "s", version: "1", waves: [{ name: "All", trafficPercent: 100 }] };
  it("accepts judge, alpha, minRelativeEffect, minCount, judgeAlpha and calibration", () => {
    const plan = PlanSchema.parse({
      ...base,
      judgeAlpha: 0.02,
      calibration: true,
      guardrails: [{ metric: "error_rate", comparator: ">", critical: 0.05, judge: "sequential", alpha: 0.01, minRelativeEffect: 0.3, minCount: 500 }],
    });
    expect(plan.guardrails[0]).toMatchObject({ judge: "sequential", alpha: 0.01, minRelativeEffect: 0.3, minCount: 500 });
    expect(plan).toMatchObject({ judgeAlpha: 0.02, calibration: true });
  });
  it("refuses the sequential settings on a guardrail the sequential judge does not judge", () => {
    const r = PlanSchema.safeParse({ ...base, guardrails: [{ metric: "error_rate", comparator: ">", critical: 0.05, judge: "mann-whitney", minCount: 500 }] });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["guardrails.0.minCount", 'minCount applies only to judge "sequential"']]);
  });
});
