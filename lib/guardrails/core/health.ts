// The single place where values are judged against guardrail thresholds, and the roll-up of many judgements.
import type { Comparator, Guardrail } from "../../plans/core/plan";

export type ValueLevel = "ok" | "warning" | "critical" | "inconclusive";
export type OverallHealth = "HEALTHY" | "WARNING" | "CRITICAL";

/** True when `a` is beyond `b` in the comparator's direction, i.e. the guardrail condition holds. */
export function compare(comparator: Comparator, a: number, b: number): boolean {
  switch (comparator) {
    case ">":
      return a > b;
    case ">=":
      return a >= b;
    case "<":
      return a < b;
    case "<=":
      return a <= b;
    default: {
      // Plans are validated upstream, but a bad comparator must fail loudly rather than read as "healthy".
      const never: never = comparator;
      throw new Error(`unknown comparator ${JSON.stringify(never)}`);
    }
  }
}

/**
 * Thresholds are absolute values, or fractions over the baseline for relative guardrails; the caller
 * passes the matching kind of value. A missing or NaN value is inconclusive, never a silent pass.
 */
export function levelOfValue(g: Pick<Guardrail, "comparator" | "warning" | "critical">, value: number | null): ValueLevel {
  if (value === null || Number.isNaN(value)) return "inconclusive";
  if (compare(g.comparator, value, g.critical)) return "critical";
  if (g.warning !== undefined && compare(g.comparator, value, g.warning)) return "warning";
  return "ok";
}

/** No guardrails at all counts as HEALTHY: there is nothing being breached. */
export function overallHealth(evaluations: readonly { level: ValueLevel }[]): OverallHealth {
  let warning = false;
  for (const e of evaluations) {
    if (e.level === "critical") return "CRITICAL";
    if (e.level === "warning" || e.level === "inconclusive") warning = true;
  }
  return warning ? "WARNING" : "HEALTHY";
}
