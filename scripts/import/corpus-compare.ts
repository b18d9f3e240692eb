// Compares what the importer proposed for a corpus document with what a careful person wrote down for it
// (corpus/import/expect/<id>.json). Pure: structures in, counts out. No document is special-cased here.
import { thresholdScale } from "../../lib/plans/core/check-guardrails";

export interface ExpectedGuardrail {
  metric: string;
  comparator: string;
  threshold: number;
  unit: string;
  text?: string;
  forSeconds?: number | null;
}
export interface ExpectedWave {
  name: string | null;
  percent: number | null;
  durationSeconds: number | null;
  checklistItems?: number;
  guardrails?: ExpectedGuardrail[];
}
export interface ExpectedTrack {
  name: string;
  kind: "ramp" | "step";
  after: string | null;
  flag?: string | null;
  waves: ExpectedWave[];
  /**
   * The document's ramp does not fit the plan format (more than 20 waves): `waves` is then the coarser ramp a careful
   * person would propose, and the importer must ask about it (a question on this track's waves).
   */
  asksAboutWaves?: boolean;
}
export interface Expectation {
  id: string;
  tracks: ExpectedTrack[];
  planGuardrails: ExpectedGuardrail[];
  checkboxes: number;
  notes: string;
}

/** One phase as the scorer sees it: a ramp wave, or a whole step track. */
export interface Phase {
  track: string;
  name: string | null;
  percent: number | null;
  durationSeconds: number | null;
  /** A whole step track (one piece of work), not a wave of a ramp. */
  step?: boolean;
}
export interface ActualGuardrail {
  metric: string;
  comparator: string;
  threshold: number;
  unit: string;
}
export interface ActualTrack {
  name: string;
  kind: "ramp" | "step";
  after: string | null;
  flags: string[];
  waves: { name: string | null; percent: number | null; durationSeconds: number | null }[];
}

/** right out of total; totals add numerators and denominators (documents weigh by how much they hold). */
export interface Ratio {
  right: number;
  total: number;
}

// ---------------------------------------------------------------------------------------------- names

/**
 * What two people would call the same name: case, Markdown emphasis and code marks, punctuation, and a leading
 * enumeration ("2)", "Step 3:", "Phase II -", "Stage A:") do not count.
 */
export function normalizeName(name: string | null | undefined): string {
  if (!name) return "";
  let s = name.normalize("NFKC").toLowerCase();
  s = s.replace(/^\s*#+\s*/, "").replace(/[`*_~]/g, "").replace(/\[([^\]]*)\]\([^)]*\)/g, "$1");
  // "Step 1:", "Phase II -", "Stage A:", "Wave 3 —" carry order, not name; keep the rest.
  s = s.replace(/^\s*(?:step|phase|stage|wave|ring|part)\s+(?:\d+|[ivx]+|[a-e])\s*(?:[:.)\-–—]\s*|\s+(?=\S))/u, "");
  s = s.replace(/^\s*\(?\d+[a-z]?[.)]\s*/u, "");
  s = s.replace(/[^\p{L}\p{N}%]+/gu, " ").trim();
  return s;
}

export function sameName(a: string | null | undefined, b: string | null | undefined): boolean {
  const x = normalizeName(a);
  return x !== "" && x === normalizeName(b);
}

// ---------------------------------------------------------------------------------------------- phases

const EPS = 1e-9;
export function sameNumber(a: number | null | undefined, b: number | null | undefined): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return false;
  return Math.abs(a - b) <= EPS * Math.max(1, Math.abs(a), Math.abs(b));
}

/** A plan's phases in start order: a step track is one phase, a ramp track one phase per wave. */
export function expectedPhases(tracks: ExpectedTrack[]): Phase[] {
  return tracks.flatMap((t) =>
    t.kind === "step"
      ? [{ track: t.name, name: t.name, percent: null, durationSeconds: null, step: true }]
      : t.waves.map((w) => ({ track: t.name, name: w.name, percent: w.percent, durationSeconds: w.durationSeconds })),
  );
}

export function actualPhases(tracks: ActualTrack[]): Phase[] {
  return tracks.flatMap((t) =>
    t.kind === "step"
      ? [{ track: t.name, name: t.name, percent: null, durationSeconds: null, step: true }]
      : t.waves.map((w) => ({ track: t.name, name: w.name, percent: w.percent, durationSeconds: w.durationSeconds })),
  );
}

/**
 * How much an actual phase looks like an expected one: its name, else its percentage (names say more). A phase the
 * document gives neither a name nor a share (an analysis on a matched cohort, a preview stack, a dated step) can only
 * be recognised by its place: it pairs weakly with a wave of a ramp, more surely when its duration or its track's
 * name agree, so the order-keeping alignment puts it where the document has it.
 */
function pairScore(e: Phase, a: Phase): number {
  let score = 0;
  if (sameName(e.name, a.name)) score += 2;
  if (sameNumber(e.percent, a.percent)) score += 1;
  if (score === 0 && anonymous(e) && !e.step && !a.step) {
    score = 0.25;
    if (sameNumber(e.durationSeconds, a.durationSeconds)) score += 0.25;
    if (sameName(e.track, a.track)) score += 0.25;
  }
  return score;
}

function anonymous(p: Phase): boolean {
  return normalizeName(p.name) === "" && p.percent === null;
}

/**
 * Pairs expected with actual phases keeping both orders (a weighted longest common subsequence), so a phase
 * found in the wrong place or twice counts once. Returns [expectedIndex, actualIndex] pairs.
 */
export function alignPhases(expected: Phase[], actual: Phase[]): [number, number][] {
  const n = expected.length;
  const m = actual.length;
  const best: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const s = pairScore(expected[i], actual[j]);
      best[i][j] = Math.max(best[i + 1][j], best[i][j + 1], s > 0 ? s + best[i + 1][j + 1] : 0);
    }
  }
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    const s = pairScore(expected[i], actual[j]);
    if (s > 0 && best[i][j] === s + best[i + 1][j + 1]) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (best[i][j] === best[i + 1][j]) i++;
    else j++;
  }
  return pairs;
}

export interface PhaseScore {
  expected: number;
  actual: number;
  found: Ratio;
  percentages: Ratio;
  names: Ratio;
  durations: Ratio;
  /** Durations that are right once a unit factor (60, 1000, 3600) is taken out. */
  durationUnitErrors: number;
}

export function scorePhases(expected: Phase[], actual: Phase[]): PhaseScore {
  const pairs = alignPhases(expected, actual);
  const partner = new Map(pairs);
  const score: PhaseScore = {
    expected: expected.length,
    actual: actual.length,
    found: { right: pairs.length, total: expected.length },
    percentages: { right: 0, total: 0 },
    names: { right: 0, total: 0 },
    durations: { right: 0, total: 0 },
    durationUnitErrors: 0,
  };
  expected.forEach((e, i) => {
    const j = partner.get(i);
    const a = j === undefined ? undefined : actual[j];
    if (e.percent !== null) {
      score.percentages.total++;
      if (a && sameNumber(e.percent, a.percent)) score.percentages.right++;
    }
    if (e.name !== null && normalizeName(e.name) !== "") {
      score.names.total++;
      if (a && sameName(e.name, a.name)) score.names.right++;
    }
    if (e.durationSeconds !== null) {
      score.durations.total++;
      if (a && sameNumber(e.durationSeconds, a.durationSeconds)) score.durations.right++;
      else if (a && a.durationSeconds !== null && offByUnit(e.durationSeconds, a.durationSeconds, [60, 1000, 3600])) score.durationUnitErrors++;
    }
  });
  return score;
}

function offByUnit(expected: number, actual: number, factors: number[]): boolean {
  return factors.some((f) => sameNumber(expected * f, actual) || sameNumber(expected / f, actual));
}

// ---------------------------------------------------------------------------------------------- tracks

export interface TrackScore {
  /** Expected tracks with a same-named actual track of the same kind that starts after the same track. */
  right: Ratio;
  flags: Ratio;
}

export function scoreTracks(expected: ExpectedTrack[], actual: ActualTrack[]): TrackScore {
  const used = new Set<number>();
  const right: Ratio = { right: 0, total: expected.length };
  for (const e of expected) {
    const j = actual.findIndex((a, k) => !used.has(k) && sameName(e.name, a.name));
    if (j < 0) continue;
    used.add(j);
    const a = actual[j];
    const sameAfter = e.after === null ? a.after === null : sameName(e.after, a.after);
    if (a.kind === e.kind && sameAfter) right.right++;
  }
  const wanted = expected.map((t) => t.flag).filter((f): f is string => typeof f === "string" && f !== "");
  const have = new Set(actual.flatMap((t) => t.flags.map(normalizeFlag)));
  return { right, flags: { right: wanted.filter((f) => have.has(normalizeFlag(f))).length, total: wanted.length } };
}

function normalizeFlag(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]+/g, "");
}

/**
 * Tracks whose document ramp does not fit the format (`asksAboutWaves`): right when the importer asked a question
 * about that track's waves (`tracks[k].waves...`, or `waves...` for a plan without tracks).
 */
export function scoreAsks(expected: ExpectedTrack[], actual: ActualTrack[], questionFields: string[], plainPlan = actual.length === 1): Ratio {
  const wanted = expected.filter((t) => t.asksAboutWaves);
  let right = 0;
  for (const e of wanted) {
    const k = actual.findIndex((a) => sameName(e.name, a.name));
    const prefixes = k < 0 ? [] : plainPlan ? ["waves", `tracks[${k}].waves`] : [`tracks[${k}].waves`];
    if (questionFields.some((f) => prefixes.some((p) => f === p || f.startsWith(`${p}[`) || f.startsWith(`${p}.`)))) right++;
  }
  return { right, total: wanted.length };
}

// ---------------------------------------------------------------------------------------------- guardrails

/** What a metric measures, whatever it is called: "latency_p99", "p99_latency_ms", "request_duration_p99" agree. */
export function metricKind(metric: string): string {
  const m = metric.toLowerCase();
  const pct = m.match(/p(50|75|90|95|99|999)\b|p(50|75|90|95|99|999)(?=_|$)/);
  const percentile = pct ? `_p${pct[1] ?? pct[2]}` : "";
  if (/latency|duration|response_?time/.test(m)) return `latency${percentile}`;
  if (/error|5xx|fail/.test(m)) return "error_rate";
  if (/success|availability|non_?5xx/.test(m)) return "success_rate";
  return m.replace(/_(ms|milliseconds|seconds|secs?|s|percent|pct|ratio)$/, "");
}

/** A threshold in one scale per kind: ratios and percentages as ratios, durations in milliseconds. */
export function canonicalThreshold(value: number, unit: string): number {
  switch (unit.toLowerCase()) {
    case "percent":
    case "%":
      return value / 100;
    case "seconds":
    case "s":
      return value * 1000;
    default:
      return value;
  }
}

function direction(comparator: string): "up" | "down" | "other" {
  if (comparator.startsWith(">")) return "up";
  if (comparator.startsWith("<")) return "down";
  return "other";
}

/** The unit the plan's guardrail is written in: a unit the plan's metrics catalogue declares, else its name. */
export function actualUnit(metric: string, declaredUnit?: string): string {
  return thresholdScale(metric, declaredUnit);
}

export interface GuardrailScore {
  right: Ratio;
  /** Same metric and direction, threshold off by exactly a unit factor (100, 1000, 60). */
  unitErrors: number;
  extra: number;
}

export function scoreGuardrails(expected: ExpectedGuardrail[], actual: ActualGuardrail[]): GuardrailScore {
  const used = new Set<number>();
  let right = 0;
  let unitErrors = 0;
  const candidates = (e: ExpectedGuardrail) =>
    actual.map((a, k) => ({ a, k })).filter(({ a, k }) => !used.has(k) && metricKind(a.metric) === metricKind(e.metric) && direction(a.comparator) === direction(e.comparator));
  // Exact matches first, so a near miss never takes the rule another expectation matches exactly.
  const misses: ExpectedGuardrail[] = [];
  for (const e of expected) {
    const want = canonicalThreshold(e.threshold, e.unit);
    const hit = candidates(e).find(({ a }) => sameNumber(canonicalThreshold(a.threshold, a.unit), want));
    if (hit) {
      used.add(hit.k);
      right++;
    } else misses.push(e);
  }
  for (const e of misses) {
    const want = canonicalThreshold(e.threshold, e.unit);
    const near = candidates(e).find(({ a }) => offByUnit(want, canonicalThreshold(a.threshold, a.unit), [100, 1000, 60]));
    if (near) {
      used.add(near.k);
      unitErrors++;
    }
  }
  return { right: { right, total: expected.length }, unitErrors, extra: actual.length - used.size };
}

// ---------------------------------------------------------------------------------------------- checkboxes

const CHECKBOX = /^\s*(?:[-*+]|\d+[.)])\s+\[[ xX]\]\s*(.*)$/;

/** The task-list items of a Markdown document: line number (1-based) and text. */
export function checkboxLines(markdown: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  markdown.split(/\r?\n/).forEach((l, i) => {
    const m = l.match(CHECKBOX);
    if (m) out.push({ line: i + 1, text: m[1] });
  });
  return out;
}

function looseText(s: string): string {
  return s
    .toLowerCase()
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/**
 * A checkbox is kept when a checklist item of the plan says the same (one text holds the other), or when the
 * importer lists the lines around it as unmapped, so a person sees it. Counted against the expected number.
 */
export function scoreCheckboxes(
  boxes: { line: number; text: string }[],
  itemTexts: string[],
  unmapped: { fromLine: number; toLine: number }[],
  expected: number,
): Ratio {
  const items = itemTexts.map(looseText).filter((t) => t.length >= 3);
  let kept = 0;
  for (const b of boxes) {
    const text = looseText(b.text);
    const inPlan = text.length > 0 && items.some((t) => t === text || t.includes(text) || (t.length >= 12 && text.includes(t)));
    const listed = unmapped.some((u) => b.line >= u.fromLine && b.line <= u.toLine);
    if (inPlan || listed) kept++;
  }
  return { right: Math.min(kept, expected), total: expected };
}

// ---------------------------------------------------------------------------------------------- totals

export function add(a: Ratio, b: Ratio): Ratio {
  return { right: a.right + b.right, total: a.total + b.total };
}

export function percent(r: Ratio): string {
  return r.total === 0 ? "  -  " : `${((100 * r.right) / r.total).toFixed(0).padStart(3)}%`;
}

/**
 * The first document of the held-out set. Documents 001-049 are the development set (until the second round the
 * multiples of 3 were held out, until the third 040-049; their scores were printed and looked at, so they moved into
 * development); 050 onwards were added with their expectations before the importer was run on them and stay held out.
 */
export const FIRST_HELD_OUT = 112;

/** Held out from development: every document numbered FIRST_HELD_OUT or above. */
export function isHeldOut(id: string): boolean {
  const n = Number.parseInt(id.slice(0, 3), 10);
  return Number.isFinite(n) && n >= FIRST_HELD_OUT;
}
