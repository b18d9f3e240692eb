// Threshold tables (Metric | Target | Warning | Critical) to guardrail candidates, one per metric row.
import { isPlaceholderThreshold } from "./placeholder-thresholds";
import type { Comparator } from "../core/plan";
import { guessMetric, metricSlug, parseValue, toMetricUnits, type ParsedValue } from "./conditions";
import type { Table } from "./document";

export interface ThresholdRow {
  line: number;
  metricText: string;
  /** The metric key; for a latency with no percentile, the p95 key and `percentileUnspecified`. */
  metric: string;
  knownMetric: boolean;
  percentileUnspecified: boolean;
  comparator: Comparator;
  target?: number;
  warning?: number;
  critical?: number;
  relativeTo?: "baseline";
  /** Cells as written, for questions. */
  cells: { target?: string; warning?: string; critical?: string };
}

type Column = "metric" | "target" | "warning" | "critical";

const COLUMN_NAMES: [RegExp, Column][] = [
  [/^(metric|signal|indicator|kpi|measure|name)s?\b/i, "metric"],
  [/\b(target|healthy|expected|normal|goal|baseline)\b/i, "target"],
  [/\b(warn\w*|alert|yellow|degraded)\b/i, "warning"],
  [/\b(critical|rollback|roll back|abort|red|page|threshold|limit)\b/i, "critical"],
];

function columnsOf(header: string[]): Partial<Record<Column, number>> | null {
  const cols: Partial<Record<Column, number>> = {};
  header.forEach((h, i) => {
    for (const [re, col] of COLUMN_NAMES) {
      if (re.test(h) && cols[col] === undefined) {
        cols[col] = i;
        break;
      }
    }
  });
  if (cols.metric === undefined) cols.metric = 0;
  return cols.critical !== undefined || cols.warning !== undefined ? cols : null;
}

/** Is this a table of thresholds at all (a metric column and at least a warning or critical column)? */
export function isThresholdTable(table: Table): boolean {
  return columnsOf(table.header) !== null;
}

const flip = (c: Comparator): Comparator => (c.startsWith(">") ? (c === ">" ? "<" : "<=") : c === "<" ? ">" : ">=");

export function extractThresholdRows(table: Table): ThresholdRow[] {
  const cols = columnsOf(table.header);
  if (!cols) return [];
  const rows: ThresholdRow[] = [];
  // Long tables repeat metric names; their guesses are computed once.
  const guesses = new Map<string, ReturnType<typeof guessMetric>>();
  // Identical rows read the same: a long table that repeats itself is parsed once per distinct row.
  const seen = new Map<string, Omit<ThresholdRow, "line"> | null>();
  for (const row of table.rows) {
    const key = row.cells.join("\u0000");
    const known = seen.get(key);
    if (known !== undefined) {
      if (known) rows.push({ ...known, line: row.n });
      continue;
    }
    const parsed = readRow(row, cols, guesses);
    seen.set(key, parsed);
    if (parsed) rows.push({ ...parsed, line: row.n });
  }
  return rows;
}

function readRow(
  row: Table["rows"][number],
  cols: Partial<Record<Column, number>>,
  guesses: Map<string, ReturnType<typeof guessMetric>>,
): Omit<ThresholdRow, "line"> | null {
  {
    const metricText = (row.cells[cols.metric!] ?? "").trim();
    if (!metricText) return null;
    const cell = (c: Column) => (cols[c] !== undefined ? (row.cells[cols[c]!] ?? "").trim() : "");
    const raw = { target: cell("target"), warning: cell("warning"), critical: cell("critical") };
    // A limit that scales a placeholder baseline ("<0.8Z rps") is no number to watch (placeholder-thresholds.ts).
    if ([raw.warning, raw.critical].some((c) => c && isPlaceholderThreshold(c))) return null;
    const parsed: Record<"target" | "warning" | "critical", ParsedValue | null> = {
      target: raw.target ? parseValue(raw.target) : null,
      warning: raw.warning ? parseValue(raw.warning) : null,
      critical: raw.critical ? parseValue(raw.critical) : null,
    };
    if (!parsed.warning && !parsed.critical) return null;
    if (!guesses.has(metricText)) guesses.set(metricText, guessMetric(metricText));
    const guess = guesses.get(metricText)!;
    const metric =
      guess?.kind === "known" || guess?.kind === "unknown" ? guess.key : guess?.kind === "latency_unspecified" ? "latency_p95_ms" : metricSlug(metricText);
    if (!metric) return null;
    const relative =
      /^baseline$/i.test(raw.target) || !!parsed.critical?.relative || !!parsed.warning?.relative;
    // The comparator is the direction of "worse": stated on the critical or warning cell, or the opposite of the target's.
    const comparator: Comparator =
      parsed.critical?.comparator ??
      parsed.warning?.comparator ??
      (parsed.target?.comparator ? flip(parsed.target.comparator) : undefined) ??
      ((parsed.critical?.value ?? 0) < 0 ? "<" : ">");
    const inUnits = (v: ParsedValue | null) => (v ? toMetricUnits(metric, relative ? { ...v, relative: true } : v) : undefined);
    const target = relative && /^baseline$/i.test(raw.target) ? 0 : inUnits(parsed.target);
    return {
      metricText,
      metric,
      knownMetric: guess?.kind === "known",
      percentileUnspecified: guess?.kind === "latency_unspecified",
      comparator,
      ...(target !== undefined ? { target } : {}),
      ...(parsed.warning ? { warning: inUnits(parsed.warning) } : {}),
      ...(parsed.critical ? { critical: inUnits(parsed.critical) } : {}),
      ...(relative ? { relativeTo: "baseline" as const } : {}),
      cells: raw,
    };
  }
}
