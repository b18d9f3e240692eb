// The rollout plan: the public contract a team writes and Tidegate enforces. Pure zod, no I/O.
import { z } from "zod";
import { freeText, nameText } from "./text";

export const BUILT_IN_METRICS = [
  "error_rate",
  "success_rate",
  "latency_p95_ms",
  "latency_p99_ms",
  "memory_mb",
  "cpu_percent",
  "throughput_rps",
  "invariant_violations",
] as const;

/** Ratios live in 0..1; the ingestion boundary rejects anything else. */
export const RATIO_METRICS: readonly string[] = ["error_rate", "success_rate"];

const metricKey = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,62}$/, "metric keys are lower_snake_case, starting with a letter");

export const COMPARATORS = [">", ">=", "<", "<="] as const;
export type Comparator = (typeof COMPARATORS)[number];

export const GuardrailSchema = z
  .object({
    metric: metricKey,
    comparator: z.enum(COMPARATORS),
    /** The healthy level; informational, drawn on charts. */
    target: z.number().finite().optional(),
    warning: z.number().finite().optional(),
    critical: z.number().finite(),
    /** When set, thresholds are fractions above (or below) the baseline cohort: 0.5 = +50%. */
    relativeTo: z.literal("baseline").optional(),
    /** How long the breach must hold before it counts (0 = immediately). */
    forSeconds: z.number().int().min(0).max(7 * 86400).default(60),
    /** The window each evaluation aggregates over; defaults to 60 s. */
    windowSeconds: z.number().int().min(10).max(86400).default(60),
    onCritical: z.enum(["rollback", "pause", "notify"]).default("pause"),
  })
  .strict()
  .superRefine((g, ctx) => {
    // Thresholds must get worse in the direction of the comparator, or the levels mean nothing.
    const worse = g.comparator.startsWith(">") ? (a: number, b: number) => a <= b : (a: number, b: number) => a >= b;
    if (g.warning !== undefined && !worse(g.warning, g.critical)) {
      ctx.addIssue({
        code: "custom",
        path: ["warning"],
        message: `warning (${g.warning}) must be reached before critical (${g.critical}) for comparator "${g.comparator}"`,
      });
    }
    // Without a warning level the target is still checked, against critical.
    const [level, bound] = g.warning !== undefined ? ["warning", g.warning] : ["critical", g.critical];
    if (g.target !== undefined && !worse(g.target, bound)) {
      ctx.addIssue({
        code: "custom",
        path: ["target"],
        message: `target (${g.target}) must be on the healthy side of ${level} (${bound})`,
      });
    }
  });

export const ChecklistItemSchema = z
  .object({
    text: nameText(500),
    ownerRole: nameText(80),
    /** Optional items are shown but never block the gate. */
    required: z.boolean().default(true),
    /** Binds the item to live data: it evaluates itself instead of being ticked by hand. */
    metric: z
      .object({ metric: metricKey, comparator: z.enum(COMPARATORS), threshold: z.number().finite() })
      .strict()
      .optional(),
  })
  .strict();

export const WaveSchema = z
  .object({
    name: nameText(80),
    trafficPercent: z.number().gt(0).max(100),
    bakeSeconds: z.number().int().min(0).max(90 * 86400).default(0),
    checklist: z.array(ChecklistItemSchema).max(100).default([]),
    signoffs: z.array(nameText(80)).max(20).default([]),
    guardrails: z.array(GuardrailSchema).max(50).default([]),
  })
  .strict();

export const PlanSchema = z
  .object({
    name: nameText(120),
    service: nameText(120),
    version: nameText(60),
    description: freeText(2000).optional(),
    /** The pre-deployment checklist (code, infrastructure, team, stakeholders): gates the first wave's start. */
    preChecklist: z.array(ChecklistItemSchema).max(200).default([]),
    guardrails: z.array(GuardrailSchema).max(50).default([]),
    waves: z.array(WaveSchema).min(1, "a plan needs at least one wave").max(20),
  })
  .strict()
  .superRefine((plan, ctx) => {
    plan.waves.forEach((wave, i) => {
      if (i > 0 && wave.trafficPercent <= plan.waves[i - 1].trafficPercent) {
        ctx.addIssue({
          code: "custom",
          path: ["waves", i, "trafficPercent"],
          message: `traffic must rise strictly from wave to wave (${plan.waves[i - 1].trafficPercent}% then ${wave.trafficPercent}%)`,
        });
      }
      if (new Set(wave.signoffs).size !== wave.signoffs.length) {
        ctx.addIssue({ code: "custom", path: ["waves", i, "signoffs"], message: "a sign-off role is listed twice" });
      }
      reportDuplicateMetrics(wave.guardrails, ["waves", i, "guardrails"], ctx);
    });
    const last = plan.waves[plan.waves.length - 1];
    if (last && last.trafficPercent !== 100) {
      ctx.addIssue({
        code: "custom",
        path: ["waves", plan.waves.length - 1, "trafficPercent"],
        message: `the last wave must reach 100% traffic (it has ${last.trafficPercent}%)`,
      });
    }
    reportDuplicateMetrics(plan.guardrails, ["guardrails"], ctx);
  });

function reportDuplicateMetrics(guardrails: Guardrail[], path: (string | number)[], ctx: z.RefinementCtx) {
  const seen = new Set<string>();
  guardrails.forEach((g, j) => {
    if (seen.has(g.metric)) {
      ctx.addIssue({ code: "custom", path: [...path, j, "metric"], message: `guardrail for "${g.metric}" is listed twice` });
    }
    seen.add(g.metric);
  });
}

export type Guardrail = z.infer<typeof GuardrailSchema>;
export type Wave = z.infer<typeof WaveSchema>;
export type Plan = z.infer<typeof PlanSchema>;
export type PlanInput = z.input<typeof PlanSchema>;

/** Plan-level guardrails apply to every wave; a wave's own guardrail for the same metric replaces it. */
export function guardrailsForWave(plan: Plan, waveIndex: number): Guardrail[] {
  const wave = plan.waves[waveIndex];
  const own = wave?.guardrails ?? [];
  const overridden = new Set(own.map((g) => g.metric));
  return [...plan.guardrails.filter((g) => !overridden.has(g.metric)), ...own];
}

/** Every metric key the plan watches, so ingestion can accept custom keys the plan declares. */
export function metricsOfPlan(plan: Plan): Set<string> {
  const keys = new Set<string>(BUILT_IN_METRICS);
  for (const g of plan.guardrails) keys.add(g.metric);
  for (const w of plan.waves) {
    for (const g of w.guardrails) keys.add(g.metric);
    for (const c of w.checklist) if (c.metric) keys.add(c.metric.metric);
  }
  for (const c of plan.preChecklist) if (c.metric) keys.add(c.metric.metric);
  return keys;
}
