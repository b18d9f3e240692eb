// The vocabulary of rollout documents: durations ("48 hours", "5min", "3-5 days"), metric names ("P95 latency"),
// thresholds ("< 2%", "+50%", "Baseline") and conditions ("Error rate > 10% for > 5min").
import { RATIO_METRICS, type Comparator } from "../core/plan";

const UNIT_SECONDS: [RegExp, number][] = [
  [/^(s|sec|secs|second|seconds)$/, 1],
  [/^(m|min|mins|minute|minutes)$/, 60],
  [/^(h|hr|hrs|hour|hours)$/, 3600],
  [/^(d|day|days)$/, 86400],
  [/^(w|wk|wks|week|weeks)$/, 7 * 86400],
];

function unitSeconds(unit: string): number | null {
  const u = unit.toLowerCase();
  for (const [re, s] of UNIT_SECONDS) if (re.test(u)) return s;
  return null;
}

export interface ParsedDuration {
  seconds: number;
  /** Set for a range ("3-5 days"): the upper bound; `seconds` holds the lower one. */
  maxSeconds?: number;
  /** The text matched, for the question's excerpt. */
  text: string;
  /** Where the match starts in the input. */
  index: number;
}

const DURATION =
  /(\d+(?:\.\d+)?)\s*(\+)?\s*(?:(?:-|–|to)\s*(\d+(?:\.\d+)?)\s*)?(seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|wks?|w)(?![a-z])/i;

/** The first duration in a text, or null. "24h", "48 hours", "5min", "2+ hours", "3-5 days", "1 to 2 weeks". */
export function parseDuration(text: string): ParsedDuration | null {
  const m = DURATION.exec(text);
  if (!m) return null;
  const unit = unitSeconds(m[4]);
  if (unit === null) return null;
  const lo = Math.round(Number(m[1]) * unit);
  const hi = m[3] !== undefined ? Math.round(Number(m[3]) * unit) : undefined;
  return { seconds: lo, ...(hi !== undefined && hi > lo ? { maxSeconds: hi } : {}), text: m[0], index: m.index };
}

export type MetricGuess =
  | { kind: "known"; key: string }
  /** A latency with no percentile named: which one is a question. */
  | { kind: "latency_unspecified" }
  | { kind: "unknown"; key: string };

const ALIASES: [RegExp, string][] = [
  [/\berror(s)?\b|\b5xx\b|\bfailure rate\b|\bfail(ed|ure)s?\b/, "error_rate"],
  [/\bsuccess\b/, "success_rate"],
  [/\bmemory\b|\bheap\b|\brss\b/, "memory_mb"],
  [/\bcpu\b/, "cpu_percent"],
  [/\bthroughput\b|\brps\b|\brequests? per second\b|\breq\/s\b/, "throughput_rps"],
  [/\binvariant/, "invariant_violations"],
];

/** Which metric a phrase names. */
export function guessMetric(text: string): MetricGuess | null {
  const t = text
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .replace(/[_-]/g, " ");
  if (/latenc|response time|duration\b/.test(t)) {
    const p = t.match(/\bp ?(95|99)\b|\b(95|99)(th)? percentile/);
    if (p) return { kind: "known", key: `latency_p${p[1] ?? p[2]}_ms` };
    return { kind: "latency_unspecified" };
  }
  for (const [re, key] of ALIASES) if (re.test(t)) return { kind: "known", key };
  const slug = metricSlug(t);
  return slug ? { kind: "unknown", key: slug } : null;
}

/** A custom metric key from free text, within the plan's key rules (lower_snake_case, starts with a letter). */
export function metricSlug(text: string): string {
  const s = text
    .toLowerCase()
    .replace(/\([^)]*\)/g, " ")
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^[^a-z]+/, "")
    .replace(/_+$/, "")
    .slice(0, 60)
    .replace(/_+$/, "");
  return s;
}

export interface ParsedValue {
  comparator?: Comparator;
  /** As written: 2 for "2%". */
  value: number;
  unit: string;
  /** "+50%": a change relative to a reference level. */
  relative: boolean;
}

const WORD_COMPARATORS: [RegExp, Comparator][] = [
  [/^(>=|≥|at least|no less than)$/i, ">="],
  [/^(<=|≤|at most|no more than)$/i, "<="],
  [/^(>|above|over|exceeds?|more than|greater than|higher than)$/i, ">"],
  [/^(<|below|under|less than|lower than)$/i, "<"],
];

function comparatorOf(word: string | undefined): Comparator | undefined {
  if (!word) return undefined;
  for (const [re, c] of WORD_COMPARATORS) if (re.test(word.trim())) return c;
  return undefined;
}

const VALUE =
  /(>=|<=|≥|≤|>|<|at least|at most|no less than|no more than|above|over|exceeds?|more than|greater than|higher than|below|under|less than|lower than)?\s*([+-])?\s*(?<![A-Za-z0-9._])(\d+(?:\.\d+)?)\s*(%|ms|milliseconds?|s|sec|seconds?|mb|gb|rps)?(?![a-z0-9])/i;

/** The first number with a comparator in front ("P95 latency < 500ms" -> "< 500ms"), else the first number. */
const VALUE_ALL = new RegExp(VALUE.source, "gi");

function findValue(text: string): RegExpExecArray | null {
  // One shared global regex (a new RegExp per call showed up in profiles of 1 MB documents).
  const re = VALUE_ALL;
  re.lastIndex = 0;
  let first: RegExpExecArray | null = null;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    if (m[1] || m[2]) return m;
    first ??= m;
  }
  return first;
}

/** A table cell or phrase fragment: "< 2%", "> 1000ms", "+50%", "0", "Baseline" (null: not a value). */
export function parseValue(text: string): ParsedValue | null {
  const m = findValue(text);
  if (!m) return null;
  const sign = m[2];
  const value = Number(m[3]) * (sign === "-" ? -1 : 1);
  return {
    comparator: comparatorOf(m[1]),
    value,
    unit: (m[4] ?? "").toLowerCase(),
    relative: !!sign,
  };
}

/**
 * A value in the metric's stored unit: ratios in 0..1 ("2%" -> 0.02), latency in ms ("1.5s" -> 1500), relative
 * changes as fractions ("+50%" -> 0.5).
 */
export function toMetricUnits(metric: string, v: ParsedValue): number {
  if (v.relative) return v.unit === "%" ? round(v.value / 100) : v.value;
  if (v.unit === "%" && readsAsFraction(metric)) return round(v.value / 100);
  if (metric.startsWith("latency_") && /^s|^sec/.test(v.unit)) return v.value * 1000;
  if (metric === "memory_mb" && v.unit === "gb") return v.value * 1024;
  return v.value;
}

const round = (x: number) => Math.round(x * 1e9) / 1e9;

/**
 * Metrics whose samples are fractions (0.005 = 0.5 %): the known ratios, and any metric named as a rate, ratio or
 * retention ("ANR rate", "crash_rate", "7-day retention"). A threshold written with "%" on such a metric is divided by
 * 100; kept as written, "ANR rate > 0.5%" became a rule at 50 %, which never fires on fractions.
 */
function readsAsFraction(metric: string): boolean {
  return RATIO_METRICS.includes(metric) || /(?:^|_)(?:rate|ratio|retention)$/.test(metric);
}

export type Action = "notify" | "pause" | "step_back" | "rollback";

export function actionOf(text: string): Action | undefined {
  const t = text.toLowerCase();
  if (/roll ?back|revert|abort/.test(t)) return "rollback";
  if (/step back|previous wave|scale (it )?back/.test(t)) return "step_back";
  if (/\bpause|\bhalt|\bstop|\bfreeze/.test(t)) return "pause";
  if (/notify|tell me|\balert\b|\bpage\b|\bwarn/.test(t)) return "notify";
  return undefined;
}

export type Relative = "baseline" | "pre_rollout" | "previous_wave" | "unspecified";

export interface Condition {
  /** The metric words as written ("Error rate"). */
  metricText: string;
  metric: MetricGuess | null;
  comparator: Comparator;
  /** In the metric's units (see toMetricUnits); for a relative condition, the fraction of change. */
  threshold: number;
  /** As written, for questions ("10%"). */
  thresholdText: string;
  forSeconds?: number;
  forText?: string;
  /** Set when the condition compares with an earlier level ("increases > 5% from Wave 1"). */
  relativeTo?: Relative;
  action?: Action;
}

const FOR_CLAUSE =
  /\b(?:sustained\s+)?(?:for|over|during|lasting)\s+(?:>=?|more than|at least|over)?\s*(\d+(?:\.\d+)?\s*\+?\s*(?:(?:-|–|to)\s*\d+(?:\.\d+)?\s*)?(?:seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?)(?![a-z]))/i;

/**
 * "Error rate > 10% for > 5min", "> 2% error rate sustained for 2+ hours", "P95 latency < 500ms",
 * "Error rate increases > 5% from Wave 1", "0.05 for 10 min: roll back" (metric taken from `contextMetric`).
 * Null when the text holds no comparison with a number.
 */
export function parseCondition(text: string, contextMetric?: string): Condition | null {
  if (text.length > 500) text = text.slice(0, 500);
  let rest = text;
  let forSeconds: number | undefined;
  let forText: string | undefined;
  const forMatch = FOR_CLAUSE.exec(rest);
  if (forMatch) {
    const d = parseDuration(forMatch[1]);
    if (d) {
      forSeconds = d.seconds;
      forText = forMatch[0].trim();
      rest = rest.slice(0, forMatch.index) + " " + rest.slice(forMatch.index + forMatch[0].length);
    }
  }
  const [head, ...tail] = rest.split(/:(?=\s)|->|→|=>/);
  const actionText = tail.join(" ");
  const valueMatch = findValue(head);
  // A bare number is not a condition unless a context metric and a "for" clause say it is one.
  if (!valueMatch) return null;
  const parsed = parseValue(valueMatch[0])!;
  const words = head.slice(0, valueMatch.index) + " " + head.slice(valueMatch.index + valueMatch[0].length);
  const increases = /\b(increase[sd]?|rises?|grows?|degrad\w*|jumps?|drops?|decrease[sd]?|worse)\b/i.test(words);
  let comparator = parsed.comparator;
  if (!comparator && increases) comparator = /drop|decrease/i.test(words) ? "<" : ">";
  if (!comparator && !(contextMetric && forSeconds !== undefined)) return null;
  comparator ??= ">";
  let relativeTo: Relative | undefined;
  if (increases && parsed.unit === "%") {
    if (/\b(from|than|vs\.?|versus|over) (the )?(wave|previous|prior|last wave)/i.test(words)) relativeTo = "previous_wave";
    else if (/\bbaseline\b|control/i.test(words)) relativeTo = "baseline";
    else if (/before (the )?(rollout|deploy)|pre-?rollout/i.test(words)) relativeTo = "pre_rollout";
    else relativeTo = "unspecified";
  }
  const metricText = words
    .replace(/\b(increase[sd]?|rises?|grows?|by|from|than|vs\.?|wave \d+|is|are|sustained|the|exceeds?)\b/gi, " ")
    .replace(/[^\p{L}\p{N}%/ -]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  const metric = metricText ? guessMetric(metricText) : contextMetric ? ({ kind: "known", key: contextMetric } as const) : null;
  const key = metric && metric.kind !== "latency_unspecified" ? metric.key : "latency_p95_ms";
  const value = relativeTo ? { ...parsed, relative: true } : parsed;
  return {
    metricText,
    metric,
    comparator,
    threshold: toMetricUnits(key, value),
    thresholdText: valueMatch[0].trim(),
    ...(forSeconds !== undefined ? { forSeconds, forText } : {}),
    ...(relativeTo ? { relativeTo } : {}),
    ...(actionOf(actionText) ? { action: actionOf(actionText) } : {}),
  };
}
