// Evaluates one boolean flag for one context, the way OFREP reports it. Pure: the flag's runtime state comes in.
import { inRollout } from "./bucketing";
import type { Constraint, FlagSpec } from "./flag-spec";

export interface FlagState {
  spec: FlagSpec;
  releaseId: string;
  /** The release's status: draft, running, paused, completed, rolled_back. */
  status: string;
  waveIndex: number;
  waveName: string | null;
  /** Percent of users the flag is on for right now (0..100, thousandths allowed). */
  share: number;
  /** The release version the state was derived from. */
  version: number;
}

export type EvaluationContext = Record<string, unknown>;

export type Reason = "STATIC" | "TARGETING_MATCH" | "SPLIT" | "DISABLED";

export type Evaluation =
  | { ok: true; value: boolean; variant: "on" | "off"; reason: Reason }
  | { ok: false; errorCode: "TARGETING_KEY_MISSING" | "INVALID_CONTEXT"; errorDetails: string };

const result = (value: boolean, reason: Reason): Evaluation => ({ ok: true, value, variant: value ? "on" : "off", reason });

/** Keys are compared as strings: a numeric user id and its decimal text are the same user. */
function asKey(v: unknown): string | undefined {
  if (typeof v === "string") return v.length > 0 ? v : undefined;
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return undefined;
}

function numeric(v: unknown): number | undefined {
  if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
  if (typeof v === "string" && v.trim() !== "") {
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** A constraint on a missing attribute does not hold: targeting never guesses. */
export function constraintHolds(c: Constraint, context: EvaluationContext): boolean {
  const actual = context[c.attribute];
  if (actual === undefined || actual === null || typeof actual === "object") return c.operator === "not_in" && actual == null;
  switch (c.operator) {
    case "in":
      return c.values!.some((v) => String(v) === String(actual));
    case "not_in":
      return !c.values!.some((v) => String(v) === String(actual));
    case "eq": {
      if (typeof c.value === "number") return numeric(actual) === c.value;
      return String(actual) === String(c.value);
    }
    case "gte": {
      const n = numeric(actual);
      return n !== undefined && n >= (c.value as number);
    }
    case "lte": {
      const n = numeric(actual);
      return n !== undefined && n <= (c.value as number);
    }
  }
}

export function evaluateFlag(flag: FlagState, context: EvaluationContext): Evaluation {
  if (flag.share <= 0) return result(false, "DISABLED");
  const targetingKey = asKey(context.targetingKey);
  if (context.targetingKey !== undefined && targetingKey === undefined) {
    return { ok: false, errorCode: "INVALID_CONTEXT", errorDetails: "targetingKey must be a non-empty string" };
  }
  if (targetingKey !== undefined && flag.spec.allow?.includes(targetingKey)) return result(true, "TARGETING_MATCH");
  const constraints = flag.spec.constraints ?? [];
  if (constraints.length > 0 && !constraints.every((c) => constraintHolds(c, context))) return result(false, "TARGETING_MATCH");
  if (flag.share >= 100) return result(true, constraints.length > 0 ? "TARGETING_MATCH" : "STATIC");
  const attribute = flag.spec.stickiness ?? "targetingKey";
  const key = asKey(context[attribute]);
  if (key === undefined) {
    return {
      ok: false,
      errorCode: "TARGETING_KEY_MISSING",
      errorDetails:
        attribute === "targetingKey"
          ? `flag "${flag.spec.key}" is on for ${flag.share}% of users: send a targetingKey to be placed in or out`
          : `flag "${flag.spec.key}" is sticky on "${attribute}": send it in the context`,
    };
  }
  return result(inRollout(key, flag.spec.key, flag.share), "SPLIT");
}
