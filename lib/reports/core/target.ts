// Whether a scorecard value meets its target. A target is the healthy side of a guardrail (or a fixed goal such as
// "0 rollbacks"); the guardrail's warning/critical level says nothing about the target, which is stricter.
import type { Comparator } from "../../plans/core/plan";

export type TargetOp = "<" | "<=" | ">" | ">=" | "=";

export interface Target {
  op: TargetOp;
  value: number;
}

/** The healthy side of a guardrail's comparator: a ">" guardrail (bad above) aims for "<=", and so on. */
export function healthySide(comparator: Comparator): TargetOp {
  switch (comparator) {
    case ">":
      return "<=";
    case ">=":
      return "<";
    case "<":
      return ">=";
    case "<=":
      return ">";
  }
}

export const TARGET_SYMBOL: Record<TargetOp, string> = { "<": "<", "<=": "≤", ">": ">", ">=": "≥", "=": "=" };

/** null when there is nothing to judge (no data, NaN): never a silent pass. */
export function meetsTarget(target: Target, actual: number | null): boolean | null {
  if (actual === null || Number.isNaN(actual) || Number.isNaN(target.value)) return null;
  switch (target.op) {
    case "<":
      return actual < target.value;
    case "<=":
      return actual <= target.value;
    case ">":
      return actual > target.value;
    case ">=":
      return actual >= target.value;
    case "=":
      return actual === target.value;
  }
}

const UNIT_SCALE: Record<string, number> = { "%": 0.01, ms: 1, s: 1000, m: 60_000, h: 3_600_000, "": 1 };

/**
 * Reads a rendered quantity back ("+1.14 %", "-2%", "250 ms", "1.5 s", "3") into the unit the guardrails store:
 * percentages as fractions, durations in milliseconds, counts as they are. null when it is not a quantity.
 */
export function parseQuantity(text: string): number | null {
  const m = /^\s*([-+−]?\d+(?:\.\d+)?)\s*(%|ms|s|m|h)?\s*$/.exec(text.replace(/,/g, ""));
  if (!m) return null;
  const n = Number(m[1].replace("−", "-"));
  // toPrecision drops the binary noise of scaling ("0.1 %" is 0.001, not 0.0010000000000000002).
  return Number((n * UNIT_SCALE[m[2] ?? ""]).toPrecision(12));
}

const OPS: [string, TargetOp][] = [
  ["<=", "<="],
  ["≤", "<="],
  [">=", ">="],
  ["≥", ">="],
  ["==", "="],
  ["=", "="],
  ["<", "<"],
  [">", ">"],
];

/** Reads a target written by hand ("<= 0 %", "≥ 99.9%", "= 0", "< 250 ms"); a bare number means "=". */
export function parseTarget(text: string): Target | null {
  const t = text.trim().replace(/^target\s+/i, "");
  for (const [token, op] of OPS) {
    if (t.startsWith(token)) {
      const value = parseQuantity(t.slice(token.length));
      return value === null ? null : { op, value };
    }
  }
  const value = parseQuantity(t);
  return value === null ? null : { op: "=", value };
}
