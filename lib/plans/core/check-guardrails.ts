// Guardrails that protect nothing: thresholds outside what their metric can measure, comparators pointing the
// wrong way, breach durations longer than the wave lasts. Pure; used by the plan schema (errors refuse the plan)
// and by creation and import (warnings are shown, never refused).
/** Written out rather than imported from plan.ts, which imports this file (no cycle, even of types). */
type Comparator = ">" | ">=" | "<" | "<=";

/** The scale a threshold is written in, which decides what values are possible. */
export type ThresholdScale = "ratio" | "percent" | "ms" | "seconds" | "other";

export interface GuardrailFinding {
  path: (string | number)[];
  severity: "error" | "warning";
  code: "threshold_out_of_range" | "comparator_against_metric" | "breach_outlasts_wave";
  message: string;
}

/**
 * Above this a request latency cannot be observed: proxies and load balancers end requests long before
 * (HAProxy, NGINX and cloud load balancers default to 30-60 s), so a p95 threshold of 2 minutes never fires.
 */
export const MAX_REQUEST_LATENCY_MS = 120_000;

interface GuardrailShape {
  metric: string;
  comparator: Comparator;
  target?: number;
  warning?: number;
  critical: number;
  relativeTo?: string;
  forSeconds?: number;
  levels?: { threshold: number; forSeconds?: number }[];
}
interface WaveShape {
  name: string;
  bakeSeconds?: number;
  maxSeconds?: number;
  guardrails?: GuardrailShape[];
}
export interface PlanShapeForGuardrailCheck {
  guardrails?: GuardrailShape[];
  waves: WaveShape[];
  metrics?: { key: string; unit?: string }[];
  /** A programme (issue 22): each track's waves and guardrails are checked like a plan's. */
  tracks?: { waves?: WaveShape[]; guardrails?: GuardrailShape[] }[];
}

const RATIO_KEY = /(^|_)(error|errors|success|failure|crash|drop|timeout|availability|conversion)_?(rate|ratio)$/;
const HIGHER_IS_WORSE = /(^|_)(error|errors|failure|crash|drop|timeout)_?(rate|ratio|count)?$|latency|duration|cpu|memory|violations|saturation|queue/;
const LOWER_IS_WORSE = /(^|_)(success|availability|throughput|conversion|apdex)(_|$)|_rps$/;

/** How a metric's thresholds are written: a unit the plan declares for it wins over what its name says. */
export function thresholdScale(metric: string, declaredUnit?: string): ThresholdScale {
  const unit = declaredUnit?.trim().toLowerCase();
  if (unit) {
    if (unit === "ratio" || unit === "fraction") return "ratio";
    if (unit === "%" || unit === "percent") return "percent";
    if (unit === "ms" || unit === "milliseconds") return "ms";
    if (unit === "s" || unit === "seconds" || unit === "sec") return "seconds";
    return "other";
  }
  if (RATIO_KEY.test(metric)) return "ratio";
  if (/_percent$|_pct$/.test(metric)) return "percent";
  if (/_ms$/.test(metric)) return "ms";
  if (/_seconds$|_secs?$/.test(metric)) return "seconds";
  return "other";
}

function outOfRange(scale: ThresholdScale, metric: string, value: number, comparator: Comparator): string | null {
  const never = comparator.startsWith(">") ? "can never be crossed" : "is always crossed";
  switch (scale) {
    case "ratio":
      // "> 1" is as impossible as "> 5": nothing exceeds all of it (Flagger-style templates write 1 meaning 1 %).
      if (value === 1 && comparator === ">") return `${metric} is a ratio from 0 to 1, so > 1 (more than 100 %) ${never}; for 1 % write 0.01`;
      if (value > 1) return `${metric} is a ratio from 0 to 1, so ${value} (${+(value * 100).toFixed(4)} %) ${never}; for ${value} % write ${+(value / 100).toFixed(6)}`;
      if (value < 0) return `${metric} is a ratio from 0 to 1, so ${value} ${comparator.startsWith("<") ? "can never be crossed" : "is always crossed"}`;
      return null;
    case "percent":
      if (value === 100 && comparator === ">") return `${metric} is a percentage from 0 to 100, so > 100 ${never}`;
      if (value > 100) return `${metric} is a percentage from 0 to 100, so ${value} ${never}`;
      if (value < 0) return `${metric} is a percentage from 0 to 100, so ${value} ${comparator.startsWith("<") ? "can never be crossed" : "is always crossed"}`;
      return null;
    case "ms":
      if (value > MAX_REQUEST_LATENCY_MS) {
        return `${metric} is in milliseconds: ${value} ms is ${+(value / 1000).toFixed(3)} s, longer than any proxy lets a request run (${MAX_REQUEST_LATENCY_MS / 1000} s at most here), so it ${never}${value >= 1000 * 10 ? `; for ${+(value / 1000).toFixed(3)} ms write ${+(value / 1000).toFixed(3)}` : ""}`;
      }
      if (value < 0) return `${metric} is a duration, so ${value} ms is impossible`;
      return null;
    case "seconds":
      if (value > MAX_REQUEST_LATENCY_MS / 1000) return `${metric} is in seconds: ${value} s is longer than any proxy lets a request run (${MAX_REQUEST_LATENCY_MS / 1000} s at most here), so it ${never}`;
      if (value < 0) return `${metric} is a duration, so ${value} s is impossible`;
      return null;
    default:
      return null;
  }
}

function checkOne(g: GuardrailShape, path: (string | number)[], scale: ThresholdScale, stay: number | null, out: GuardrailFinding[]) {
  // Relative thresholds are fractions of a reference level (0.5 = +50 %), not values of the metric.
  if (g.relativeTo === undefined) {
    const thresholds: [(string | number)[], number][] = [
      [["critical"], g.critical],
      ...(g.warning !== undefined ? ([[["warning"], g.warning]] as [(string | number)[], number][]) : []),
      ...(g.levels ?? []).map((l, k): [(string | number)[], number] => [["levels", k, "threshold"], l.threshold]),
    ];
    for (const [field, value] of thresholds) {
      const why = outOfRange(scale, g.metric, value, g.comparator);
      if (why) out.push({ path: [...path, ...field], severity: "error", code: "threshold_out_of_range", message: why });
    }
  }
  // Without a target the metric's name says which way is bad; a rule watching the other way is likely a typo.
  if (g.target === undefined) {
    const fires = g.comparator.startsWith(">") ? "rises above" : "falls below";
    if (g.comparator.startsWith("<") && HIGHER_IS_WORSE.test(g.metric) && !LOWER_IS_WORSE.test(g.metric)) {
      out.push({ path: [...path, "comparator"], severity: "warning", code: "comparator_against_metric", message: `fires when ${g.metric} ${fires} ${g.critical}, but a higher ${g.metric} is the worse one; did you mean ">"?` });
    } else if (g.comparator.startsWith(">") && LOWER_IS_WORSE.test(g.metric)) {
      out.push({ path: [...path, "comparator"], severity: "warning", code: "comparator_against_metric", message: `fires when ${g.metric} ${fires} ${g.critical}, but a lower ${g.metric} is the worse one; did you mean "<"?` });
    }
  }
  if (stay !== null) {
    const rules = [{ field: ["forSeconds"] as (string | number)[], seconds: g.forSeconds ?? 60 }, ...(g.levels ?? []).map((l, k) => ({ field: ["levels", k, "forSeconds"] as (string | number)[], seconds: l.forSeconds ?? 60 }))];
    for (const r of rules) {
      if (r.seconds > stay) {
        out.push({
          path: [...path, ...r.field],
          severity: "warning",
          code: "breach_outlasts_wave",
          message: `a breach must hold ${r.seconds} s before it counts, longer than the wave is planned to last (${stay} s of bake and deadline), so it fires only if the wave overstays`,
        });
      }
    }
  }
}

/** How long a wave is planned to last, or null when nothing bounds it (no bake, no deadline). */
function plannedStay(w: WaveShape): number | null {
  const stay = (w.bakeSeconds ?? 0) + (w.maxSeconds ?? 0);
  return stay > 0 ? stay : null;
}

export function findIneffectiveGuardrails(plan: PlanShapeForGuardrailCheck): GuardrailFinding[] {
  const declared = new Map((plan.metrics ?? []).map((m) => [m.key, m.unit]));
  const out: GuardrailFinding[] = [];
  const scale = (g: GuardrailShape) => thresholdScale(g.metric, declared.get(g.metric));
  // A plan-wide rule outlasts the plan only when it outlasts every bounded wave (of every track, in a programme).
  const allWaves = [...plan.waves, ...(plan.tracks ?? []).flatMap((t) => t.waves ?? [])];
  for (const [j, g] of (plan.guardrails ?? []).entries()) checkOne(g, ["guardrails", j], scale(g), longestStay(allWaves), out);
  checkWaves(plan.waves, [], scale, out);
  for (const [k, t] of (plan.tracks ?? []).entries()) {
    for (const [j, g] of (t.guardrails ?? []).entries()) checkOne(g, ["tracks", k, "guardrails", j], scale(g), longestStay(t.waves ?? []), out);
    checkWaves(t.waves ?? [], ["tracks", k], scale, out);
  }
  return out;
}

function longestStay(waves: WaveShape[]): number | null {
  const stays = waves.map(plannedStay);
  return stays.every((s) => s !== null) && stays.length > 0 ? Math.max(...(stays as number[])) : null;
}

function checkWaves(waves: WaveShape[], prefix: (string | number)[], scale: (g: GuardrailShape) => ThresholdScale, out: GuardrailFinding[]) {
  for (const [i, w] of waves.entries()) {
    for (const [j, g] of (w.guardrails ?? []).entries()) checkOne(g, [...prefix, "waves", i, "guardrails", j], scale(g), plannedStay(w), out);
  }
}
