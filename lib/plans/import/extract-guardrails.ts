// Guardrails and triggers: threshold tables, alert rules, rollback-trigger phrases, and how they refine each other.
import { isPlaceholderThreshold } from "./placeholder-thresholds";
import { actionOf, guessMetric, parseCondition, type Condition } from "./conditions";
import { lineAt, tablesIn, type LabelledBlock } from "./document";
import { DEFAULT_FOR_SECONDS, type Draft, type Guardrail } from "./draft";
import { thresholdScale } from "../core/check-guardrails";
import { extractAlertRules, looksLikeAlertRules, type AlertRule } from "./extract-alert-rules";
import { latencyUnitOf, ratioWrittenInPercent } from "./units";
import { extractRangeChecks } from "./code-block-data";
import { extractItems } from "./extract-checkboxes";
import { extractThresholdRows, isThresholdTable, type ThresholdRow } from "./extract-thresholds";

/** Rollback triggers of one wave (waveIndex >= 0) or of the whole plan (-1, a top-level "Rollback Triggers" section). */
export function extractTriggers(d: Draft, b: LabelledBlock, waveIndex: number) {
  if (b.label) d.mark(b.line);
  const list = waveIndex >= 0 ? d.waves[waveIndex].triggers : d.planTriggers;
  const path = waveIndex >= 0 ? `waves[${waveIndex}].triggers` : "triggers";
  for (const it of extractItems(d.doc, b.fromLine, b.toLine)) {
    if (/\bcritical\b.*\balert|\balerts?\b.*\bcritical\b/i.test(it.text) && !/\d/.test(it.text)) {
      d.criticalRollsBack ??= { fromLine: it.line, toLine: it.line };
      d.mark(it.line);
      continue;
    }
    const c = parseCondition(it.text);
    if (c && c.metric?.kind === "known" && !c.relativeTo) {
      d.conditions.push({ condition: { ...c, action: c.action ?? "rollback" }, line: it.line, waveIndex });
      d.mark(it.line);
      continue;
    }
    if (list.length >= 50) continue;
    const t = list.length;
    // "Data corruption detected -> rollback level 3": the words after the arrow say what declaring it does.
    const [name, then = ""] = it.text.split(/\s*(?:->|→|=>)\s*/, 2);
    const level = Number(then.match(/\blevel\s*(\d+)/i)?.[1]);
    list.push({ name: (then ? name : it.text).slice(0, 200), action: actionOf(then) ?? "rollback", ...(level ? { level } : {}) });
    d.source(`${path}[${t}]`, it.line);
    if (c) {
      const why =
        c.metric?.kind === "latency_unspecified"
          ? "names a latency without its percentile"
          : c.relativeTo
            ? `compares with ${c.relativeTo === "previous_wave" ? "an earlier wave" : c.relativeTo === "baseline" ? "the baseline" : "an unstated reference level"}`
            : `measures "${c.metricText}", which is not a metric Tidegate receives yet`;
      d.ask({
        field: `${path}[${t}].action`,
        question: `"${it.text}" ${why}, so it is kept as a trigger a commander declares by hand. What should declaring it do (rollback, step_back, pause or notify)?`,
        proposed: "rollback",
        blocking: false,
        source: { fromLine: it.line, toLine: it.line },
      });
    }
  }
}

export function extractThresholds(d: Draft) {
  const tables = tablesIn(d.doc, 1, d.doc.lines.length).filter(isThresholdTable);
  for (const table of tables) {
    d.mark(table.fromLine, table.fromLine + 1);
    for (const row of extractThresholdRows(table)) addGuardrailRow(d, row);
    askAboutPlaceholderRows(d, table);
  }
}

/** Rows whose limit scales a placeholder baseline gave no guardrail: say which, and ask for real numbers. */
function askAboutPlaceholderRows(d: Draft, table: ReturnType<typeof tablesIn>[number]) {
  const rows = table.rows.filter((r) => r.cells.slice(1).some((c) => isPlaceholderThreshold(c) && /[<>≤≥]/.test(c)));
  if (rows.length === 0 || d.questions.length >= 200) return;
  d.ask({
    field: "guardrails",
    question: `Some thresholds are written against a placeholder baseline (${rows
      .slice(0, 4)
      .map((r) => `"${r.cells[0]}: ${r.cells.slice(1).filter((c) => isPlaceholderThreshold(c) && /[<>≤≥]/.test(c)).join(", ")}"`)
      .join("; ")
      .slice(0, 300)}); no guardrail was made of them. Which limits, in numbers, should these metrics have?`,
    proposed: null,
    blocking: false,
    source: { fromLine: rows[0].n, toLine: rows[rows.length - 1].n },
  });
}

export function addGuardrailRow(d: Draft, row: ThresholdRow) {
  const existing = d.guardrails.findIndex((g) => g.metric === row.metric);
  const critical = row.critical ?? row.warning!;
  if (existing >= 0) {
    const g = d.guardrails[existing];
    d.mark(row.line);
    if (g.critical !== critical) {
      d.ask({
        field: `guardrails[${existing}].critical`,
        question: `Two tables give "${row.metricText}" different critical thresholds (${g.critical} and ${critical}). Which one holds?`,
        proposed: g.critical,
        blocking: true,
        source: { fromLine: row.line, toLine: row.line },
      });
    }
    return;
  }
  if (d.guardrails.length >= 50) return;
  const j = d.guardrails.length;
  const g: Guardrail = {
    metric: row.metric,
    comparator: row.comparator,
    ...(row.target !== undefined ? { target: row.target } : {}),
    ...(row.critical !== undefined && row.warning !== undefined ? { warning: row.warning } : {}),
    critical,
    ...(row.relativeTo ? { relativeTo: row.relativeTo } : {}),
    forSeconds: DEFAULT_FOR_SECONDS,
    // A warning-only row notifies and never acts: that is all the team asked of it.
    onCritical: row.critical === undefined ? "notify" : "pause",
  };
  d.guardrails.push(g);
  d.source(`guardrails[${j}]`, row.line);
  if (row.percentileUnspecified) {
    d.ask({
      field: `guardrails[${j}].metric`,
      question: `"${row.metricText}" does not say which percentile. Which latency metric is meant?`,
      proposed: "latency_p95_ms",
      blocking: true,
      source: { fromLine: row.line, toLine: row.line },
    });
  }
}

export function extractAlertRuleBlocks(d: Draft) {
  for (const block of d.doc.codeBlocks) {
    if (!looksLikeAlertRules(block)) continue;
    d.mark(block.fromLine, block.fromLine);
    for (const rule of extractAlertRules(block)) {
      if (!rule.metric || rule.comparator === undefined || rule.threshold === undefined) continue;
      d.mark(rule.fromLine, rule.toLine);
      const unit = thresholdUnit(d, block.fromLine, rule);
      if (unit.threshold === null) continue;
      rule.threshold = unit.threshold;
      const critical = rule.severity !== "warning" && rule.severity !== "info";
      const existing = d.guardrails.find((g) => g.metric === rule.metric);
      const condition: Condition = {
        metricText: rule.name,
        metric: { kind: "known", key: rule.metric },
        comparator: rule.comparator,
        threshold: rule.threshold,
        thresholdText: `${rule.comparator} ${rule.threshold}`,
        ...(rule.forSeconds !== undefined ? { forSeconds: rule.forSeconds } : {}),
        ...(rule.action ? { action: rule.action } : critical ? {} : { action: "notify" }),
      };
      if (existing || critical) {
        d.conditions.push({ condition, line: rule.fromLine, toLine: rule.toLine, waveIndex: -1, ...(unit.ask ? { ask: unit.ask } : {}) });
      } else if (d.guardrails.length < 50) {
        const j = d.guardrails.length;
        d.guardrails.push({
          metric: rule.metric,
          comparator: rule.comparator,
          critical: rule.threshold,
          forSeconds: rule.forSeconds ?? DEFAULT_FOR_SECONDS,
          onCritical: "notify",
        });
        d.source(`guardrails[${j}]`, rule.fromLine, rule.toLine);
        if (unit.ask) d.ask({ field: `guardrails[${j}].critical`, question: unit.ask, proposed: rule.threshold, blocking: true, source: { fromLine: rule.fromLine, toLine: rule.toLine } });
      }
    }
  }
}

/** Analysis metrics with threshold ranges (Flagger) become conditions like critical alert rules. */
export function extractRangeCheckBlocks(d: Draft) {
  for (const block of d.doc.codeBlocks) {
    for (const check of extractRangeChecks(block)) {
      // The name says which metric ("request-success-rate"); the comments may add the percentile ("P99").
      const byName = guessMetric(check.name.replace(/[-_]/g, " "));
      let guess = byName?.kind === "latency_unspecified" ? guessMetric(check.words) : byName;
      // "templateRef: latency": the metric template of that name in the document says the percentile it queries.
      const template = guess?.kind === "latency_unspecified" ? templateQuantile(d, check.name) : undefined;
      if (template) guess = guessMetric(`p${template.percentile} latency`);
      if (guess?.kind !== "known") continue;
      const rule: AlertRule = {
        name: check.name,
        expr: "",
        fromLine: check.fromLine,
        toLine: check.toLine,
        annotations: check.words,
        metric: guess.key,
        comparator: check.bound === "max" ? ">" : "<",
        threshold: check.value,
        rawThreshold: check.value,
      };
      if (guess.key.startsWith("latency_")) {
        const unit =
          latencyUnitOf(check.value, check.words, check.name) ??
          (/\bmilli ?seconds?\b|\bms\b/i.test(check.words) ? "ms" : /\bseconds?\b/i.test(check.words) ? "seconds" : template?.unit);
        if (unit === "seconds") rule.threshold = Math.round(check.value * 1000 * 1e6) / 1e6;
        else if (unit === undefined) rule.unitUnknown = true;
      }
      const unit = thresholdUnit(d, block.fromLine, rule);
      if (unit.threshold === null) continue;
      d.mark(check.fromLine, check.toLine);
      const condition: Condition = {
        metricText: check.name,
        metric: { kind: "known", key: guess.key },
        comparator: rule.comparator!,
        threshold: unit.threshold,
        thresholdText: `${check.bound} ${check.value}`,
      };
      d.conditions.push({ condition, line: check.fromLine, toLine: check.toLine, waveIndex: -1, ...(unit.ask ? { ask: unit.ask } : {}) });
    }
  }
}

/**
 * The percentile a metric template named `name` queries: a code block that declares `kind: MetricTemplate` and
 * `name: <name>` and computes `histogram_quantile(0.99, ...)` -> "99".
 */
export function templateQuantile(d: Draft, name: string): { percentile: string; unit?: "ms" | "seconds" } | undefined {
  const named = new RegExp(`^\\s*name:\\s*["']?${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}["']?\\s*$`);
  for (const block of d.doc.codeBlocks) {
    if (!block.body.some((l) => /^\s*kind:\s*MetricTemplate\b/.test(l.text)) || !block.body.some((l) => named.test(l.text))) continue;
    const text = block.body.map((l) => l.text).join(" ");
    const m = text.match(/histogram_quantile\(\s*0?\.(\d{1,3})\s*,/);
    if (!m || !["5", "50", "75", "9", "90", "95", "99", "999"].includes(m[1])) continue;
    // The series' unit, and a division by 1000 that turns milliseconds into seconds.
    const ms = /milliseconds_bucket/.test(text);
    const unit = ms ? (/\)\s*\/\s*1000\b/.test(text) ? "seconds" : "ms") : /seconds_bucket/.test(text) ? "seconds" : undefined;
    return { percentile: m[1].length === 1 ? `${m[1]}0` : m[1], ...(unit ? { unit } : {}) };
  }
  return undefined;
}

/**
 * An alert rule's threshold in the metric's unit, and the question to ask when the document does not settle it:
 * "error_rate > 2" is 2 % where the document talks of percent, and asked otherwise; a latency with no unit in its
 * annotation or series name is asked. A threshold no unit makes plausible is left out (null) and asked.
 */
function thresholdUnit(d: Draft, blockLine: number, rule: AlertRule): { threshold: number | null; ask?: string } {
  const raw = rule.rawThreshold ?? rule.threshold!;
  const scale = thresholdScale(rule.metric!);
  // "max: 1" under "# percentage (0-100)": the rule's own words say percent, so even 1 is 1 %, not 100 %.
  if (scale === "ratio" && raw > 0 && raw <= 1 && ratioWrittenInPercent(raw, rule.annotations, rule.annotations) && !/(?<![\d.])0?\.\d+/.test(rule.annotations.replace(String(raw), ""))) {
    return { threshold: Math.round((raw / 100) * 1e9) / 1e9 };
  }
  if (scale === "ratio" && raw > 1) {
    const section = [...d.doc.sections].reverse().find((s) => s.line <= blockLine);
    const context = section ? d.doc.lines.slice(section.bodyFrom - 1, section.toLine).filter((_, k) => !d.doc.inCode[section.bodyFrom + k]).join(" ") : "";
    const asPercent = Math.round((raw / 100) * 1e9) / 1e9;
    if (raw > 100) {
      d.ask({
        field: "guardrails",
        // Nothing is proposed, so nothing is written: the rule stays out of the draft until someone adds it.
        targets: [],
        question: `Alert "${rule.name}" fires when ${rule.metric} exceeds ${raw}, which is more than 100 % whether read as a ratio or a percentage, so it can never fire. Which threshold is meant (a ratio from 0 to 1)?`,
        proposed: null,
        blocking: true,
        source: { fromLine: rule.fromLine, toLine: rule.toLine },
      });
      return { threshold: null };
    }
    if (ratioWrittenInPercent(raw, rule.annotations, context)) return { threshold: asPercent };
    return {
      threshold: asPercent,
      ask: `Alert "${rule.name}" compares ${rule.metric}, a ratio from 0 to 1, with ${raw}, and the document does not say the number is a percentage. The draft reads it as ${raw} % (${asPercent}); which threshold is meant?`,
    };
  }
  if (rule.unitUnknown) {
    return {
      threshold: rule.threshold!,
      ask: `Alert "${rule.name}" compares ${rule.metric} with ${raw}, but neither its annotations nor its series name say whether that is seconds or milliseconds. The draft reads ${rule.threshold} ms; which is meant?`,
    };
  }
  return { threshold: rule.threshold! };
}

/**
 * Phrases ("Error rate > 10% for > 5min") and critical alert rules refine the table's guardrails (duration,
 * action) or, for a metric the table lacks, become guardrails of their own.
 */
export function applyConditions(d: Draft) {
  const refined = new Set<number>();
  // Plan-wide conditions first, so a phase's failure criteria know whether a plan guardrail already watches the metric.
  const ordered = [...d.conditions.filter((c) => c.waveIndex < 0), ...d.conditions.filter((c) => c.waveIndex >= 0)];
  const fromTables = new Set(d.guardrails.map((g) => g.metric));
  for (const { condition: c, line, toLine = line, waveIndex, ask } of ordered) {
    if (c.metric?.kind !== "known") continue;
    const key = c.metric.key;
    const wave = waveIndex >= 0 ? d.waves[waveIndex] : undefined;
    if (wave && !fromTables.has(key) && !d.guardrails.some((g) => g.metric === key)) {
      // A phase's own failure criterion ("Error rate above 2% for 2 hours" in Phase 2) guards that wave only.
      if (wave.guardrails.some((g) => g.metric === key) || wave.guardrails.length >= 50) continue;
      const j = wave.guardrails.length;
      wave.guardrails.push({
        metric: key,
        comparator: c.comparator,
        critical: c.threshold,
        forSeconds: c.forSeconds ?? DEFAULT_FOR_SECONDS,
        onCritical: c.action === "step_back" ? "pause" : (c.action ?? "rollback"),
      });
      const path = `waves[${waveIndex}].guardrails[${j}]`;
      d.source(path, line, toLine);
      if (c.forSeconds !== undefined) d.source(`${path}.forSeconds`, line, toLine);
      else {
        d.ask({
          field: `${path}.forSeconds`,
          question: `How long must ${key} stay past ${c.threshold} in "${wave.name}" before it counts? The document gives no duration (the format's default is ${DEFAULT_FOR_SECONDS} s).`,
          proposed: DEFAULT_FOR_SECONDS,
          blocking: false,
          source: { fromLine: line, toLine },
        });
      }
      continue;
    }
    let j = d.guardrails.findIndex((g) => g.metric === key);
    if (j < 0) {
      if (d.guardrails.length >= 50) continue;
      j = d.guardrails.length;
      d.guardrails.push({
        metric: key,
        comparator: c.comparator,
        critical: c.threshold,
        forSeconds: c.forSeconds ?? DEFAULT_FOR_SECONDS,
        onCritical: c.action === "step_back" ? "pause" : (c.action ?? "rollback"),
      });
      d.source(`guardrails[${j}]`, line, toLine);
      if (ask) d.ask({ field: `guardrails[${j}].critical`, question: ask, proposed: c.threshold, blocking: true, source: { fromLine: line, toLine } });
      if (c.forSeconds !== undefined) {
        d.source(`guardrails[${j}].forSeconds`, line, toLine);
        refined.add(j);
      }
      if (c.action) d.source(`guardrails[${j}].onCritical`, line, toLine);
      continue;
    }
    const g = d.guardrails[j];
    if (g.critical === c.threshold && g.comparator === c.comparator) {
      if (c.forSeconds !== undefined && !refined.has(j)) {
        g.forSeconds = c.forSeconds;
        d.source(`guardrails[${j}].forSeconds`, line, toLine);
        refined.add(j);
      }
      if (c.action && c.action !== "step_back") {
        g.onCritical = c.action;
        d.source(`guardrails[${j}].onCritical`, line, toLine);
      }
      d.mark(line, toLine);
    } else if (g.comparator === c.comparator) {
      d.ask({
        field: `guardrails[${j}].critical`,
        question: `"${lineAt(d.doc, line).trim().replace(/^[-*+]\s+/, "")}" disagrees with the critical threshold ${g.critical} for ${key}${waveIndex >= 0 ? ` (wave ${waveIndex + 1})` : ""}. Which threshold rolls back?`,
        proposed: g.critical,
        blocking: true,
        source: { fromLine: line, toLine: line },
      });
    }
  }
  d.guardrails.forEach((g, j) => {
    const where = d.sources[`guardrails[${j}]`] ?? { fromLine: 1, toLine: 1 };
    if (!d.sources[`guardrails[${j}].onCritical`]) {
      if (g.onCritical === "notify") {
        // A warning-only rule: nothing to decide.
      } else if (d.criticalRollsBack) {
        g.onCritical = "rollback";
        d.sources[`guardrails[${j}].onCritical`] = d.criticalRollsBack;
      } else {
        d.ask({
          field: `guardrails[${j}].onCritical`,
          question: `What happens when ${g.metric} crosses its critical threshold? The document does not say.`,
          proposed: g.onCritical,
          blocking: false,
          source: where,
        });
      }
    }
    if (!refined.has(j)) {
      d.ask({
        field: `guardrails[${j}].forSeconds`,
        question: `How long must ${g.metric} stay past ${g.critical} before it counts? The document gives no duration (the format's default is ${DEFAULT_FOR_SECONDS} s).`,
        proposed: g.forSeconds,
        blocking: false,
        source: where,
      });
    }
  });
}

