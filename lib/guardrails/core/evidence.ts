// What a guardrail verdict rests on, kept with every evaluation and carried by the audit events of breaches and
// actions: the query as it ran, the values it returned, the window, the condition, the level and one sentence.
import type { Guardrail } from "../../plans/core/plan";

export type DataState = "ok" | "no_data" | "query_error";

/** The latest pull of a Prometheus-sourced guardrail, as the watch sees it. */
export interface PullStatus {
  state: DataState;
  /** When the current run of failed pulls began (null while pulls succeed). */
  failingSince: number | null;
  /** Why there is no value (for no_data / query_error). */
  reason: string | null;
  scheduledAt: number;
  canaryQuery: string;
  baselineQuery: string | null;
  canaryValue: number | null;
  baselineValue: number | null;
  /** The raw series Prometheus returned, per cohort (labels and value strings as sent). */
  raw: { canary: unknown[]; baseline: unknown[] };
}

export interface Evidence {
  source: "prometheus" | "push";
  dataState: DataState;
  query?: string;
  baselineQuery?: string | null;
  values?: { canary: number | null; baseline: number | null };
  raw?: { canary: unknown[]; baseline: unknown[] };
  windowSeconds: number;
  condition: string;
  level: string;
  sentence: string;
  /** When the values were measured (the pull's scheduled time), ISO 8601. */
  measuredAt?: string;
}

/** "> 0.1 critical, > 0.05 warning, for 5m (window 60s)". */
export function conditionOf(g: Guardrail): string {
  const warn = g.warning !== undefined ? `, ${g.comparator} ${g.warning} warning` : "";
  const rel = g.relativeTo === "baseline" ? " relative to baseline" : "";
  return `${g.comparator} ${g.critical} critical${warn}${rel}, for ${g.forSeconds}s, window ${g.windowSeconds}s${g.judge ? `, judged by ${g.judge}` : ""}`;
}

export function evidenceOf(g: Guardrail, level: string, sentence: string, pull: PullStatus | undefined): Evidence {
  const base = { windowSeconds: g.windowSeconds, condition: conditionOf(g), level, sentence };
  if (!pull) return { source: "push", dataState: level === "inconclusive" ? "no_data" : "ok", ...base };
  return {
    source: "prometheus",
    dataState: pull.state,
    query: pull.canaryQuery,
    baselineQuery: pull.baselineQuery,
    values: { canary: pull.canaryValue, baseline: pull.baselineValue },
    raw: pull.raw,
    measuredAt: new Date(pull.scheduledAt).toISOString(),
    ...base,
  };
}
