// Prometheus-style alert rules in a YAML block (alert / expr / for / labels.severity / action) to guardrail candidates.
import type { Comparator } from "../core/plan";
import { actionOf, guessMetric, parseDuration, type Action } from "./conditions";
import type { CodeBlock } from "./document";
import { latencyUnitOf } from "./units";

export interface AlertRule {
  name: string;
  expr: string;
  fromLine: number;
  toLine: number;
  forSeconds?: number;
  severity?: string;
  action?: Action;
  /** What the expression compares, when it ends in "<op> <number>". */
  comparator?: Comparator;
  threshold?: number;
  metric?: string;
  percentileUnspecified?: boolean;
  /** The annotations' and labels' text (summary, description), which may say the unit ("p95 > 150ms"). */
  annotations: string;
  /** The threshold as written in the expression, before any unit conversion. */
  rawThreshold?: number;
  /** A latency threshold whose unit neither an annotation nor the series name gives (the caller asks). */
  unitUnknown?: boolean;
}

export function looksLikeAlertRules(block: CodeBlock): boolean {
  if (!["yaml", "yml", ""].includes(block.lang)) return false;
  return block.body.some((l) => /^\s*-?\s*alert:\s*\S/.test(l.text)) && block.body.some((l) => /^\s*expr:/.test(l.text));
}

const FIELD = /^(\s*)(-\s+)?([A-Za-z_]+):\s*(.*)$/;

const unquote = (s: string) => s.trim().replace(/^(['"])(.*)\1$/, "$2");

export function extractAlertRules(block: CodeBlock): AlertRule[] {
  const rules: AlertRule[] = [];
  let current: AlertRule | null = null;
  let exprIndent = -1;
  for (const { n, text } of block.body) {
    // A "|" or ">" block scalar for expr continues on more-indented lines.
    if (current && exprIndent >= 0) {
      const indent = text.match(/^\s*/)![0].length;
      if (text.trim() !== "" && indent > exprIndent) {
        current.expr = `${current.expr} ${text.trim()}`.trim();
        current.toLine = n;
        continue;
      }
      exprIndent = -1;
    }
    const m = text.match(FIELD);
    if (!m) continue;
    const [, indent, , key, value] = m;
    if (key === "alert") {
      if (current) rules.push(current);
      current = { name: unquote(value), expr: "", fromLine: n, toLine: n, annotations: "" };
      continue;
    }
    if (!current) continue;
    current.toLine = n;
    if (key === "expr") {
      if (/^[|>][-+]?$/.test(value.trim())) {
        exprIndent = indent.length;
      } else current.expr = unquote(value);
    } else if (key === "for") {
      const d = parseDuration(value);
      if (d) current.forSeconds = d.seconds;
    } else if (key === "severity") current.severity = unquote(value).toLowerCase();
    else if (key === "action") current.action = actionOf(value);
    else if (/^(summary|description|message|title|runbook_url)$/.test(key)) current.annotations = `${current.annotations} ${unquote(value)}`.trim();
  }
  if (current) rules.push(current);
  return rules.map(interpretExpression);
}

/** "... > 0.05" with the metric from the alert's name or the expression (histogram_quantile(0.95 ...) = p95 latency). */
function interpretExpression(rule: AlertRule): AlertRule {
  const cmp = rule.expr.match(/(>=|<=|>|<)\s*(-?\d+(?:\.\d+)?)\s*$/);
  if (!cmp) return rule;
  const quantile = rule.expr.match(/histogram_quantile\(\s*0?\.(\d+)/);
  const words = `${rule.name} ${rule.expr.replace(/\{[^}]*\}|\[[^\]]*\]/g, " ")}`;
  let guess = guessMetric(quantile ? `p${quantile[1].padEnd(2, "0").slice(0, 2)} latency` : words);
  if (!guess || guess.kind === "unknown") guess = guessMetric(rule.name);
  const metric = guess?.kind === "latency_unspecified" ? "latency_p95_ms" : guess?.key;
  const raw = Number(cmp[2]);
  let threshold = raw;
  let unitUnknown = false;
  if (metric?.startsWith("latency_")) {
    // Tidegate's latency metrics are milliseconds; the rule's unit comes from its annotation, else its series name.
    const unit = latencyUnitOf(raw, rule.annotations, rule.expr);
    if (unit === "seconds") threshold = Math.round(raw * 1000 * 1e6) / 1e6;
    else if (unit === undefined) {
      unitUnknown = true;
      // Only a proposal (the caller asks): Prometheus convention is seconds, and a small number is one.
      if (raw < 10) threshold = Math.round(raw * 1000 * 1e6) / 1e6;
    }
  }
  return {
    ...rule,
    rawThreshold: raw,
    ...(unitUnknown ? { unitUnknown } : {}),
    comparator: cmp[1] as Comparator,
    threshold,
    ...(metric ? { metric } : {}),
    ...(guess?.kind === "latency_unspecified" ? { percentileUnspecified: true } : {}),
  };
}
