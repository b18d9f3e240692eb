// Where a guardrail's values come from when nobody pushes them: a Prometheus query the server runs on a timer.
// Plan-level `source` sets the connection (URL, auth, headers, interval) for every guardrail; a guardrail's own
// `source` adds or overrides its queries. A guardrail with a canary query is pulled; one without is pushed.
import { z } from "zod";

const promql = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `${what} must be a PromQL expression`)
    .max(8000, `${what} is longer than 8,000 characters`);

export const PrometheusAuthSchema = z.union([
  z.object({ bearer: z.string().min(1).max(4096) }).strict(),
  z.object({ basic: z.object({ username: z.string().min(1).max(200), password: z.string().max(4096) }).strict() }).strict(),
]);

export const PrometheusSourceSchema = z
  .object({
    /** Prometheus base URL (http or https); defaults to the server's PROMETHEUS_URL. */
    url: z
      .string()
      .url()
      .refine((u) => /^https?:\/\//i.test(u), "url must be http:// or https://")
      .optional(),
    /** Query for the canary cohort; may use {{service}}, {{version}}, {{window}}, {{flag}}, {{metric}}. */
    canary: promql("canary").optional(),
    /** Query for the baseline cohort (relative guardrails and the statistical judge compare against it). */
    baseline: promql("baseline").optional(),
    intervalSeconds: z.number().int().min(1).max(3600).optional(),
    timeoutSeconds: z.number().min(0.1).max(60).optional(),
    auth: PrometheusAuthSchema.optional(),
    headers: z.record(z.string().regex(/^[A-Za-z0-9-]{1,64}$/, "header names are letters, digits and dashes"), z.string().max(4096)).optional(),
  })
  .strict();

export const MetricSourceSchema = z.object({ prometheus: PrometheusSourceSchema }).strict();
export type PrometheusSource = z.infer<typeof PrometheusSourceSchema>;
export type MetricSource = z.infer<typeof MetricSourceSchema>;

/** For the statistical judge: which shift of canary against baseline is a failure. */
export const JUDGE_DIRECTIONS = ["increase", "decrease", "either"] as const;

export const NO_DATA_POLICIES = ["hold", "pause", "ignore"] as const;
export type NoDataPolicy = (typeof NO_DATA_POLICIES)[number];

/** A PromQL duration for a number of seconds: 300 -> "5m", 90 -> "90s", 3600 -> "1h". */
export function promDuration(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}

export interface TemplateValues {
  service: string;
  version: string;
  windowSeconds: number;
  flag: string;
  metric: string;
}

export const TEMPLATE_NAMES = ["service", "version", "window", "flag", "metric"] as const;
const PLACEHOLDER = /\{\{\s*([a-zA-Z_]+)\s*\}\}/g;

/** Placeholders the template names that Tidegate does not know (reported at plan validation). */
export function unknownPlaceholders(template: string): string[] {
  const names = [...template.matchAll(PLACEHOLDER)].map((m) => m[1]);
  return [...new Set(names.filter((n) => !(TEMPLATE_NAMES as readonly string[]).includes(n)))];
}

/**
 * Fills {{service}}, {{version}}, {{window}}, {{flag}} and {{metric}}. Values go inside PromQL string literals
 * (label matchers) in the usual case, so quotes and backslashes are escaped to keep a value from ending the literal.
 */
export function renderQuery(template: string, v: TemplateValues): string {
  const quoteSafe = (s: string) => s.replace(/\\/g, "\\\\").replace(/"/g, '\\"');
  const values: Record<string, string> = {
    service: quoteSafe(v.service),
    version: quoteSafe(v.version),
    window: promDuration(v.windowSeconds),
    flag: quoteSafe(v.flag),
    metric: v.metric,
  };
  return template.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole);
}
