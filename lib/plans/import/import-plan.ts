// Markdown rollout document -> draft plan (v2 format), questions, unmapped sections and per-field sources.
// Pure and deterministic: the same text always gives the same answer, and no text makes it throw.
import { PlanSchema } from "../core/plan";
import { classifyHeading, type SectionKind } from "./classify";
import { actionOf, parseCondition, parseDuration, type Condition } from "./conditions";
import {
  cleanInline,
  hasContent,
  labelledBlocks,
  lineAt,
  listItemAt,
  parseMarkdown,
  tablesIn,
  type LabelledBlock,
  type LineRange,
  type MarkdownDoc,
  type Section,
} from "./document";
import { extractAlertRules, looksLikeAlertRules } from "./extract-alert-rules";
import { extractShellSteps, isShellBlock, type ShellStep } from "./extract-bash-steps";
import { extractItems, type ExtractedItem } from "./extract-checkboxes";
import { extractThresholdRows, isThresholdTable, type ThresholdRow } from "./extract-thresholds";
import { parseWaveLine, type WaveLine } from "./extract-waves";
import { normalizeText } from "./normalize";
import type { ImportQuestion, ImportResult, UnmappedSection } from "./types";

/** What a Markdown upload may weigh; past it the API refuses before parsing. */
export const MAX_MARKDOWN_BYTES = 2 * 1024 * 1024;

const DEFAULT_FOR_SECONDS = 60;
const DEFAULT_BAKE_SECONDS = 3600;

type Item = { text: string; ownerRole?: string; required: boolean; group?: string; metric?: { metric: string; comparator: string; threshold: number } };
type Guardrail = {
  metric: string;
  comparator: string;
  target?: number;
  warning?: number;
  critical: number;
  relativeTo?: "baseline";
  forSeconds: number;
  onCritical: "rollback" | "pause" | "notify";
};
type Trigger = { name: string; action: "notify" | "pause" | "step_back" | "rollback"; level?: number };
type DraftWave = {
  name: string;
  trafficPercent: number;
  bakeSeconds: number;
  audience?: string;
  checklist: Item[];
  signoffs: string[];
  guardrails: Guardrail[];
  triggers: Trigger[];
};
type RollbackLevel = { name: string; scope: "release" | "flag" | "data"; steps: { text: string; command?: string }[]; objectiveSeconds?: number };

/** Everything one import run accumulates; the extract* steps below each fill a part of it. */
class Draft {
  readonly mapped: Uint8Array;
  readonly sources: Record<string, LineRange> = {};
  readonly questions: ImportQuestion[] = [];
  name?: string;
  service?: string;
  version?: string;
  description?: string;
  preChecklist: Item[] = [];
  guardrails: Guardrail[] = [];
  waves: DraftWave[] = [];
  rollbackLevels: RollbackLevel[] = [];
  hypercare: { durationSeconds?: number; checklist: Item[]; signoffs: string[] } = { checklist: [], signoffs: [] };
  preSignoffRoles: string[] = [];
  planTriggers: Trigger[] = [];
  /** "ANY CRITICAL alert" under a rollback trigger: critical breaches roll back. */
  criticalRollsBack?: LineRange;
  /** Conditions read from rollback triggers and phrases, matched against guardrails by metric. */
  conditions: { condition: Condition; line: number; toLine?: number; waveIndex: number }[] = [];

  constructor(readonly doc: MarkdownDoc) {
    this.mapped = new Uint8Array(doc.lines.length + 2);
  }

  mark(from: number, to = from) {
    for (let n = Math.max(1, from); n <= Math.min(to, this.doc.lines.length); n++) this.mapped[n] = 1;
  }

  source(field: string, from: number, to = from) {
    this.sources[field] = { fromLine: from, toLine: to };
    this.mark(from, to);
  }

  ask(q: Omit<ImportQuestion, "id" | "targets" | "excerpt"> & { targets?: string[] }) {
    const { fromLine, toLine } = q.source;
    const excerpt = this.doc.lines
      .slice(fromLine - 1, Math.min(toLine, fromLine + 5))
      .join("\n")
      .slice(0, 600);
    this.questions.push({ ...q, id: `q${this.questions.length + 1}`, targets: q.targets ?? [q.field], excerpt });
  }
}

export function importMarkdownPlan(markdown: string): ImportResult {
  const normalized = normalizeText(markdown);
  const doc = parseMarkdown(normalized.lines);
  const d = new Draft(doc);
  const kinds = sectionKinds(doc);

  extractTitle(d);
  extractSummary(d, kinds);
  for (const s of topSections(doc, kinds, "pre_deployment")) extractChecklistSection(d, s, d.preChecklist, "preChecklist");
  extractWaves(d, kinds);
  for (const s of topSections(doc, kinds, "rollback_triggers")) {
    for (const sub of descendants(s)) for (const b of labelledBlocks(doc, sub.bodyFrom, sub.bodyTo)) extractTriggers(d, b, -1);
  }
  extractThresholds(d);
  extractAlertRuleBlocks(d);
  applyConditions(d);
  extractRollbackLevels(d, kinds);
  extractSignoffs(d, kinds);
  for (const s of topSections(doc, kinds, "post_deployment")) {
    // "Post-Launch Monitoring, first 72 hours": the heading says how long the observation lasts.
    const lasts = parseDuration(s.heading);
    if (lasts && d.hypercare.durationSeconds === undefined) {
      d.hypercare.durationSeconds = lasts.seconds;
      d.source("hypercare.durationSeconds", s.line);
    }
    extractChecklistSection(d, s, d.hypercare.checklist, "hypercare.checklist");
  }
  for (const s of topSections(doc, kinds, "success_criteria")) extractChecklistSection(d, s, d.hypercare.checklist, "hypercare.checklist", false);
  askForOwners(d);
  const plan = buildPlan(d);
  askForInvalidFields(d, plan);
  return {
    plan,
    questions: d.questions,
    unmapped: unmappedSections(d, kinds),
    sources: d.sources,
    repairedCharacters: normalized.repaired,
    normalized: normalized.text,
  };
}

/** A section's kind: its own heading's, else its parent's (a "Week 1" under "Post-Deployment" is post-deployment). */
function sectionKinds(doc: MarkdownDoc): Map<Section, SectionKind> {
  const kinds = new Map<Section, SectionKind>();
  for (const s of doc.sections) {
    const own = classifyHeading(s.heading);
    const inherited = s.parent && s.parent.level > 0 ? kinds.get(s.parent) : undefined;
    // Inside a section that is about one thing, "Week 1" or "Product Manager (2 weeks post-rollout)" keep the
    // parent's meaning; only the broad containers (phases, monitoring, summary) let children speak for themselves.
    if (inherited && !["other", "phases", "monitoring", "summary"].includes(inherited)) kinds.set(s, inherited);
    else kinds.set(s, own === "other" && inherited ? inherited : own);
  }
  return kinds;
}

/** Sections of a kind whose parent is not of that kind (so a subtree is visited once). */
function topSections(doc: MarkdownDoc, kinds: Map<Section, SectionKind>, kind: SectionKind): Section[] {
  return doc.sections.filter((s) => kinds.get(s) === kind && !(s.parent && kinds.get(s.parent) === kind));
}

function descendants(s: Section): Section[] {
  return [s, ...s.children.flatMap(descendants)];
}

function extractTitle(d: Draft) {
  const title = d.doc.sections.find((s) => s.level === 1) ?? d.doc.sections[0];
  if (title) {
    d.name = title.heading.slice(0, 120);
    d.source("name", title.line);
  } else {
    d.name = "Imported plan";
    d.ask({
      field: "name",
      question: "The document has no title heading. What is this release called?",
      proposed: "Imported plan",
      blocking: true,
      source: { fromLine: 1, toLine: 1 },
    });
  }
}

const VERSION = /\bv(\d+\.\d+(?:\.\d+)?(?:-[0-9A-Za-z.]+)?)\b|\bversion\s*[:=]?\s*v?(\d+(?:\.\d+){1,2}(?:-[0-9A-Za-z.]+)?)\b/i;

function extractSummary(d: Draft, kinds: Map<Section, SectionKind>) {
  const { doc } = d;
  // The version: the first "v1.2.3" or "version 1.2" outside code, wherever it is written.
  for (let n = 1; n <= doc.lines.length && !d.version; n++) {
    if (doc.inCode[n]) continue;
    const m = lineAt(doc, n).match(VERSION);
    if (m) {
      d.version = (m[1] ?? m[2]).slice(0, 60);
      d.source("version", n);
    }
  }
  // The summary section, else the lines under the title, else what comes before the first heading.
  const title = doc.sections.find((s) => s.level === 1);
  const summary = topSections(doc, kinds, "summary")[0] ?? (title && title.bodyTo >= title.bodyFrom ? title : undefined);
  const scope: LineRange = summary
    ? { fromLine: summary.bodyFrom, toLine: summary.bodyTo }
    : { fromLine: doc.root.bodyFrom, toLine: doc.root.bodyTo };
  const blocks = labelledBlocks(doc, scope.fromLine, scope.toLine);
  const serviceBlock = blocks.find((b) => /^(service|system|component|application|app)$/i.test(b.label)) ?? blocks.find((b) => /^(target|scope)$/i.test(b.label));
  if (serviceBlock?.rest) {
    const service = serviceBlock.rest
      .replace(VERSION, "")
      .replace(/^(deploy|release|roll ?out|ship|launch)\s+(the\s+)?/i, "")
      .replace(/\s+(to|into|in|on)\s+(production|prod|staging).*$/i, "")
      .replace(/\(\s*\)|\s+using\s+.*$/gi, "")
      .replace(/\s+/g, " ")
      .trim()
      .slice(0, 120);
    if (service) {
      d.service = service;
      d.source("service", serviceBlock.line);
    }
  }
  const description = blocks
    .filter((b) => b !== serviceBlock)
    .map((b) => (b.label ? `${b.label}: ${b.rest}` : cleanInline(doc.lines.slice(b.fromLine - 1, b.toLine).join(" "))))
    .filter((t) => t.trim())
    .join(" ")
    .slice(0, 2000);
  if (description) {
    d.description = description;
    d.source("description", scope.fromLine, scope.toLine);
  }
  if (!d.version) {
    d.version = "0.0.0";
    d.ask({
      field: "version",
      question: "The document names no version (such as v1.2.0). Which version does this release roll out?",
      proposed: "0.0.0",
      blocking: true,
      source: { fromLine: 1, toLine: Math.min(doc.lines.length, 5) },
    });
  }
  if (!d.service) {
    const proposed = (d.name ?? "service").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60) || "service";
    d.service = proposed;
    d.ask({
      field: "service",
      question: "Which service does this plan roll out? The document does not say (no Service: or Target: line).",
      proposed,
      blocking: true,
      source: { fromLine: scope.fromLine, toLine: Math.max(scope.fromLine, Math.min(scope.toLine, scope.fromLine + 4)) },
    });
  }
}

/** Checkbox items of a section and its subsections, each grouped under the heading it sits under. */
function extractChecklistSection(d: Draft, top: Section, into: Item[], path: string, checkboxesOnly?: boolean) {
  for (const s of descendants(top)) {
    if (into.length >= 200) return;
    const hasCheckboxes = rangeHasCheckbox(d.doc, s.bodyFrom, s.bodyTo);
    const items = extractItems(d.doc, s.bodyFrom, s.bodyTo, {
      group: s.heading,
      checkboxesOnly: checkboxesOnly ?? hasCheckboxes,
    });
    for (const it of items) {
      if (into.length >= 200) return;
      d.source(`${path}[${into.length}]`, it.line);
      into.push(toItem(it));
    }
  }
}

function rangeHasCheckbox(doc: MarkdownDoc, from: number, to: number) {
  for (let n = from; n <= to; n++) if (listItemAt(doc, n)?.checkbox) return true;
  return false;
}

function toItem(it: ExtractedItem, extra: Partial<Item> = {}): Item {
  return {
    text: it.text,
    ...(it.ownerRole ? { ownerRole: it.ownerRole } : {}),
    required: it.required,
    ...(it.group ? { group: it.group } : {}),
    ...extra,
  };
}

/** A wave's labelled blocks: its own body's, plus each subsection as a block named by its heading. */
function waveBlocks(d: Draft, s: Section): LabelledBlock[] {
  const blocks = labelledBlocks(d.doc, s.bodyFrom, s.bodyTo);
  for (const child of s.children) {
    for (const sub of descendants(child)) {
      const inner = labelledBlocks(d.doc, sub.bodyFrom, sub.bodyTo);
      for (const b of inner) blocks.push(b.label ? b : { ...b, label: sub.heading, line: sub.line });
    }
  }
  return blocks;
}

function extractWaves(d: Draft, kinds: Map<Section, SectionKind>) {
  const waveSections = topSections(d.doc, kinds, "wave");
  if (waveSections.length > 0) {
    // The format holds 20 waves; further stage sections stay unmapped (and so are listed), not silently merged.
    const kept = waveSections.slice(0, 20);
    for (const s of kept) extractWaveSection(d, s, kept.length);
  } else {
    extractWaveLines(d, kinds);
  }
  if (d.waves.length === 0) {
    d.waves.push({ name: "Full rollout", trafficPercent: 100, bakeSeconds: 0, checklist: [], signoffs: [], guardrails: [], triggers: [] });
    d.ask({
      field: "waves",
      question: "No stage with a percentage was found (a heading such as \"Wave 1 (10%)\" or a line such as \"Day 1: 25%\"). Which waves should the rollout have?",
      proposed: [{ name: "Full rollout", trafficPercent: 100 }],
      blocking: true,
      source: { fromLine: 1, toLine: 1 },
    });
  }
}

function newWave(line: WaveLine): DraftWave {
  return { name: line.name, trafficPercent: line.percent ?? 0, bakeSeconds: line.durationSeconds ?? 0, checklist: [], signoffs: [], guardrails: [], triggers: [] };
}

function extractWaveSection(d: Draft, s: Section, count: number) {
  const i = d.waves.length;
  const head = parseWaveLine(s.heading);
  const wave = newWave(head);
  d.waves.push(wave);
  d.source(`waves[${i}]`, s.line);
  d.source(`waves[${i}].name`, s.line);
  let percentLine = head.percent !== undefined ? s.line : undefined;
  let durationLine = head.durationSeconds !== undefined ? s.line : undefined;
  let range: { line: number; text: string; max: number } | undefined =
    head.maxSeconds !== undefined ? { line: s.line, text: head.durationText ?? "", max: head.maxSeconds } : undefined;
  const isLast = i === count - 1;

  for (const b of waveBlocks(d, s)) {
    const label = b.label.toLowerCase();
    if (/^(duration|bake|soak|how long|length|time in wave|observation|decision window|window|time ?box|wait)/.test(label)) {
      const dur = parseDuration(b.rest);
      if (dur) {
        wave.bakeSeconds = dur.seconds;
        durationLine = b.line;
        d.mark(b.line);
        if (dur.maxSeconds) range = { line: b.line, text: dur.text, max: dur.maxSeconds };
        // "48 hours (continue monitoring for 2 weeks)": the observation after the last wave.
        const later = parseDuration(b.rest.slice(dur.index + dur.text.length));
        if (isLast && later && /monitor|observ|hypercare|stable/i.test(b.rest) && d.hypercare.durationSeconds === undefined) {
          d.hypercare.durationSeconds = later.seconds;
          d.source("hypercare.durationSeconds", b.line);
        }
      }
    } else if (/^(target|audience|who|cohort|scope|exposure|reach)/.test(label)) {
      if (b.rest) {
        wave.audience = b.rest.slice(0, 300);
        d.source(`waves[${i}].audience`, b.line);
        const pct = parseWaveLine(b.rest).percent;
        if (percentLine === undefined && pct !== undefined) {
          wave.trafficPercent = pct;
          percentLine = b.line;
        }
      }
    } else if (/rollback|abort|trigger|kill|failure criteria/.test(label)) {
      extractTriggers(d, b, i);
    } else if (/success|exit|done when|proceed/.test(label)) {
      d.mark(b.line);
      const dur = parseDuration(b.rest);
      if (isLast && dur && /stable|production|monitor|hypercare|days|weeks/i.test(b.rest) && dur.seconds > wave.bakeSeconds) {
        d.hypercare.durationSeconds ??= dur.seconds;
        d.source("hypercare.durationSeconds", b.line);
      }
      addItems(d, b, `waves[${i}].checklist`, wave.checklist, { group: b.label });
    } else if (/post[- ]?(wave|rollout)|after/.test(label) && isLast) {
      addItems(d, b, "hypercare.checklist", d.hypercare.checklist, { group: b.label });
    } else if (/action|step|task|runbook|procedure|plan/.test(label)) {
      // Steps the team carries out in the wave: shown as optional items so they never block the gate.
      addItems(d, b, `waves[${i}].checklist`, wave.checklist, { group: b.label, required: false });
      addShellSteps(d, b, i, wave);
    } else if (/go|criteria|gate|check|entry|exit|readiness|requirement/.test(label)) {
      addItems(d, b, `waves[${i}].checklist`, wave.checklist, { group: b.label, bindMetrics: true });
    } else if (/sign[- ]?off|approv/.test(label)) {
      for (const it of extractItems(d.doc, b.fromLine, b.toLine)) {
        wave.signoffs.push(it.text.replace(/\s*\(.*\)\s*$/, "").slice(0, 80));
        d.source(`waves[${i}].signoffs[${wave.signoffs.length - 1}]`, it.line);
      }
    }
  }
  if (durationLine) d.source(`waves[${i}].bakeSeconds`, durationLine);
  if (percentLine) d.source(`waves[${i}].trafficPercent`, percentLine);
  else {
    const proposed = isLast ? 100 : Math.min(100, Math.max(1, (d.waves[i - 1]?.trafficPercent ?? 0) * 2 || 10));
    wave.trafficPercent = proposed;
    d.ask({
      field: `waves[${i}].trafficPercent`,
      question: `Stage "${wave.name}" gives no percentage. How much traffic does it reach?`,
      proposed,
      blocking: true,
      source: { fromLine: s.line, toLine: s.line },
    });
  }
  if (durationLine === undefined) {
    wave.bakeSeconds = DEFAULT_BAKE_SECONDS;
    d.ask({
      field: `waves[${i}].bakeSeconds`,
      question: `Stage "${wave.name}" gives no duration. How long must it bake before it may continue (seconds)?`,
      proposed: DEFAULT_BAKE_SECONDS,
      blocking: false,
      source: { fromLine: s.line, toLine: s.line },
    });
  } else if (range) {
    d.ask({
      field: `waves[${i}].bakeSeconds`,
      question: `Stage "${wave.name}" lasts "${range.text}", a range. The bake time is the shortest stay; confirm it or pick another (seconds).`,
      proposed: wave.bakeSeconds,
      blocking: false,
      source: { fromLine: range.line, toLine: range.line },
    });
  }
}

/** "Day 1: 25%", "- Stage 2: 5% of servers for 2 days" lines in a phases/schedule section. */
function extractWaveLines(d: Draft, kinds: Map<Section, SectionKind>) {
  const ranges: LineRange[] = topSections(d.doc, kinds, "phases").map((s) => ({ fromLine: s.bodyFrom, toLine: s.toLine }));
  if (ranges.length === 0) ranges.push({ fromLine: 1, toLine: d.doc.lines.length });
  for (const r of ranges) {
    for (let n = r.fromLine; n <= r.toLine; n++) {
      if (d.doc.inCode[n]) continue;
      const raw = cleanInline(lineAt(d.doc, n).replace(/^\s*([-*+]|\d{1,3}[.)])\s+/, ""));
      if (!/^(wave|stage|ring|phase|step|day|week)\s*\d+/i.test(raw) || !/\d\s*%/.test(raw)) continue;
      const line = parseWaveLine(raw);
      const i = d.waves.length;
      if (i >= 20) return;
      d.waves.push(newWave(line));
      d.source(`waves[${i}]`, n);
      d.source(`waves[${i}].trafficPercent`, n);
      if (line.durationSeconds !== undefined) d.source(`waves[${i}].bakeSeconds`, n);
      else if (i > 0 && /^day\s*\d+/i.test(raw)) {
        // "Day 1: 25% ... Day 4: 100%": each day-stage lasts until the next one.
        const prevDay = Number(lineAt(d.doc, d.sources[`waves[${i - 1}]`].fromLine).match(/day\s*(\d+)/i)?.[1]);
        const thisDay = Number(raw.match(/^day\s*(\d+)/i)?.[1]);
        if (prevDay && thisDay > prevDay) {
          d.waves[i - 1].bakeSeconds = (thisDay - prevDay) * 86400;
          d.source(`waves[${i - 1}].bakeSeconds`, d.sources[`waves[${i - 1}]`].fromLine, n);
        }
      }
      if (line.maxSeconds) {
        d.ask({
          field: `waves[${i}].bakeSeconds`,
          question: `Stage "${line.name}" lasts "${line.durationText}", a range. The bake time is the shortest stay; confirm it or pick another (seconds).`,
          proposed: line.durationSeconds,
          blocking: false,
          source: { fromLine: n, toLine: n },
        });
      }
    }
  }
}

function addItems(
  d: Draft,
  b: LabelledBlock,
  path: string,
  into: Item[],
  opts: { group: string; required?: boolean; bindMetrics?: boolean },
) {
  for (const it of extractItems(d.doc, b.fromLine, b.toLine, { group: opts.group.replace(/:$/, "") })) {
    if (into.length >= 100) break;
    const extra: Partial<Item> = opts.required === false ? { required: false } : {};
    if (opts.bindMetrics) {
      // "Error rate < 5%" checks itself against live data; only plain absolute conditions on a known metric bind.
      const c = parseCondition(it.text);
      if (c && c.metric?.kind === "known" && !c.relativeTo && c.forSeconds === undefined && /^[<>]/.test(c.thresholdText)) {
        extra.metric = { metric: c.metric.key, comparator: c.comparator, threshold: c.threshold };
      }
    }
    d.source(`${path}[${into.length}]`, it.line);
    into.push(toItem(it, extra));
  }
  if (b.label) d.mark(b.line);
}

function addShellSteps(d: Draft, b: LabelledBlock, i: number, wave: DraftWave) {
  for (const block of d.doc.codeBlocks) {
    if (block.fromLine < b.fromLine || block.toLine > b.toLine || !isShellBlock(block)) continue;
    for (const step of extractShellSteps(block)) {
      if (wave.checklist.length >= 100) return;
      d.source(`waves[${i}].checklist[${wave.checklist.length}]`, step.fromLine, step.toLine);
      const text = step.command ? `${step.text}: ${step.command.split("\n")[0]}` : step.text;
      wave.checklist.push({ text: text.slice(0, 500), required: false, group: b.label || "Steps" });
    }
    d.mark(block.fromLine, block.toLine);
  }
}

/** Rollback triggers of one wave (waveIndex >= 0) or of the whole plan (-1, a top-level "Rollback Triggers" section). */
function extractTriggers(d: Draft, b: LabelledBlock, waveIndex: number) {
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

function extractThresholds(d: Draft) {
  const tables = tablesIn(d.doc, 1, d.doc.lines.length).filter(isThresholdTable);
  for (const table of tables) {
    d.mark(table.fromLine, table.fromLine + 1);
    for (const row of extractThresholdRows(table)) addGuardrailRow(d, row);
  }
}

function addGuardrailRow(d: Draft, row: ThresholdRow) {
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

function extractAlertRuleBlocks(d: Draft) {
  for (const block of d.doc.codeBlocks) {
    if (!looksLikeAlertRules(block)) continue;
    d.mark(block.fromLine, block.fromLine);
    for (const rule of extractAlertRules(block)) {
      if (!rule.metric || rule.comparator === undefined || rule.threshold === undefined) continue;
      d.mark(rule.fromLine, rule.toLine);
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
        d.conditions.push({ condition, line: rule.fromLine, toLine: rule.toLine, waveIndex: -1 });
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
      }
    }
  }
}

/**
 * Phrases ("Error rate > 10% for > 5min") and critical alert rules refine the table's guardrails (duration,
 * action) or, for a metric the table lacks, become guardrails of their own.
 */
function applyConditions(d: Draft) {
  const refined = new Set<number>();
  for (const { condition: c, line, toLine = line, waveIndex } of d.conditions) {
    if (c.metric?.kind !== "known") continue;
    const key = c.metric.key;
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

function extractRollbackLevels(d: Draft, kinds: Map<Section, SectionKind>) {
  for (const top of topSections(d.doc, kinds, "rollback_procedure")) {
    // Each rollback subsection is a level; a "Communication" subsection is not one (it stays unmapped).
    const candidates = top.children.length
      ? top.children.filter((c) => classifyHeading(c.heading) === "rollback_procedure" || /rollback|revert|restore|undo|\blevel\s*\d/i.test(c.heading))
      : [top];
    for (const s of candidates) {
      if (d.rollbackLevels.length >= 10) return;
      const steps: ShellStep[] = [];
      for (const block of d.doc.codeBlocks) {
        if (block.fromLine < s.bodyFrom || block.toLine > s.toLine) continue;
        if (isShellBlock(block)) {
          steps.push(...extractShellSteps(block));
          d.mark(block.fromLine, block.toLine);
        }
      }
      for (const it of extractItems(d.doc, s.bodyFrom, s.toLine)) {
        steps.push({ text: it.text, fromLine: it.line, toLine: it.line });
      }
      if (steps.length === 0 || d.rollbackLevels.length >= 10) continue;
      steps.sort((a, b) => a.fromLine - b.fromLine);
      const k = d.rollbackLevels.length;
      const name = s.heading.replace(/\([^)]*\)/g, "").replace(/\s+/g, " ").trim() || `Level ${k + 1}`;
      const words = `${name} ${steps.map((st) => `${st.text} ${st.command ?? ""}`).join(" ")}`.toLowerCase();
      const scope = /\bflag\b|feature[- ]flag/.test(words) ? "flag" : /\b(data|database|migration|restore)\b/.test(name.toLowerCase()) ? "data" : "release";
      const objective = s.heading.match(/\(\s*(?:<|under|within|less than)?\s*([^)]*)\)/i);
      const objectiveSeconds = objective ? parseDuration(objective[1])?.seconds : undefined;
      d.rollbackLevels.push({
        name: name.slice(0, 120),
        scope,
        steps: steps.slice(0, 50).map((st) => ({ text: st.text, ...(st.command ? { command: st.command } : {}) })),
        ...(objectiveSeconds ? { objectiveSeconds } : {}),
      });
      d.source(`rollback.levels[${k}]`, s.line);
      steps.slice(0, 50).forEach((st, m) => {
        d.source(`rollback.levels[${k}].steps[${m}]`, st.fromLine, st.toLine);
      });
      if (!objectiveSeconds) {
        d.ask({
          field: `rollback.levels[${k}].objectiveSeconds`,
          question: `How long may "${name}" take? The document gives no time objective for it.`,
          proposed: null,
          blocking: false,
          source: { fromLine: s.line, toLine: s.line },
        });
      }
    }
  }
}

function extractSignoffs(d: Draft, kinds: Map<Section, SectionKind>) {
  for (const top of topSections(d.doc, kinds, "signoff")) {
    const roleSections = top.children.length ? top.children : [];
    for (const s of roleSections) {
      const role = s.heading.replace(/\([^)]*\)/g, "").replace(/\s+/g, " ").trim().slice(0, 80);
      if (!role || d.preSignoffRoles.includes(role) || d.preSignoffRoles.length >= 20) continue;
      d.preSignoffRoles.push(role);
      d.source(`preSignoffs.roles[${d.preSignoffRoles.length - 1}]`, s.line);
      // What the role confirms by signing: items on the pre-deployment checklist that the role owns.
      for (const it of extractItems(d.doc, s.bodyFrom, s.toLine)) {
        if (d.preChecklist.length >= 200) break;
        d.source(`preChecklist[${d.preChecklist.length}]`, it.line);
        d.preChecklist.push({ text: it.text, ownerRole: role, required: it.required, group: `Sign-off: ${role}` });
      }
    }
    if (roleSections.length === 0) {
      for (const it of extractItems(d.doc, top.bodyFrom, top.bodyTo)) {
        const role = (it.ownerRole ?? it.text).replace(/\([^)]*\)/g, "").trim().slice(0, 80);
        if (!role || d.preSignoffRoles.includes(role) || d.preSignoffRoles.length >= 20) continue;
        d.preSignoffRoles.push(role);
        d.source(`preSignoffs.roles[${d.preSignoffRoles.length - 1}]`, it.line);
      }
    }
  }
}

/** One question per scope for the items that name no owner; the proposal is the commander, who answers for them. */
function askForOwners(d: Draft) {
  const commander = d.preSignoffRoles.find((r) => /commander/i.test(r)) ?? "Incident Commander";
  const scopes: { label: string; path: string; items: Item[] }[] = [
    { label: "pre-deployment checklist", path: "preChecklist", items: d.preChecklist },
    ...d.waves.map((w, i) => ({ label: `wave ${i + 1} (${w.name}) checklist`, path: `waves[${i}].checklist`, items: w.checklist })),
    { label: "hypercare checklist", path: "hypercare.checklist", items: d.hypercare.checklist },
  ];
  for (const scope of scopes) {
    const unowned = scope.items.map((it, k) => ({ it, k })).filter(({ it }) => !it.ownerRole);
    if (unowned.length === 0) continue;
    for (const { it } of unowned) it.ownerRole = commander;
    const first = d.sources[`${scope.path}[${unowned[0].k}]`] ?? { fromLine: 1, toLine: 1 };
    const last = d.sources[`${scope.path}[${unowned[unowned.length - 1].k}]`] ?? first;
    d.ask({
      field: `${scope.path}[*].ownerRole`,
      targets: unowned.map(({ k }) => `${scope.path}[${k}].ownerRole`),
      question: `${unowned.length} item(s) of the ${scope.label} name no owner. Who ticks them?`,
      proposed: commander,
      blocking: true,
      source: { fromLine: first.fromLine, toLine: last.toLine },
    });
  }
}

function buildPlan(d: Draft): Record<string, unknown> {
  const plan: Record<string, unknown> = {
    name: d.name,
    service: d.service,
    version: d.version,
    ...(d.description ? { description: d.description } : {}),
    preChecklist: d.preChecklist.slice(0, 200),
    guardrails: d.guardrails,
    waves: d.waves.slice(0, 20).map((w) => ({
      name: w.name,
      trafficPercent: w.trafficPercent,
      bakeSeconds: w.bakeSeconds,
      ...(w.audience ? { audience: w.audience } : {}),
      checklist: w.checklist,
      signoffs: w.signoffs,
      guardrails: w.guardrails,
      ...(w.triggers.length ? { triggers: w.triggers } : {}),
    })),
  };
  if (d.planTriggers.length) plan.triggers = d.planTriggers;
  if (d.rollbackLevels.length) plan.rollback = { levels: d.rollbackLevels };
  if (d.hypercare.durationSeconds !== undefined || d.hypercare.checklist.length) {
    if (d.hypercare.durationSeconds === undefined) {
      d.hypercare.durationSeconds = 7 * 86400;
      const first = d.sources["hypercare.checklist[0]"] ?? { fromLine: 1, toLine: 1 };
      d.ask({
        field: "hypercare.durationSeconds",
        question: "The document lists tasks after the last wave but not how long the observation lasts. How long is hypercare (seconds)?",
        proposed: 7 * 86400,
        blocking: false,
        source: first,
      });
    }
    plan.hypercare = { durationSeconds: d.hypercare.durationSeconds, checklist: d.hypercare.checklist.slice(0, 200), signoffs: d.hypercare.signoffs };
  }
  if (d.preSignoffRoles.length) plan.preSignoffs = { roles: d.preSignoffRoles };
  return plan;
}

/** Whatever still fails the schema (say, percentages that do not rise) is a blocking question at its field. */
function askForInvalidFields(d: Draft, plan: Record<string, unknown>) {
  const parsed = PlanSchema.safeParse(plan);
  if (parsed.success) return;
  for (const issue of parsed.error.issues.slice(0, 50)) {
    const field = pathString(issue.path as (string | number)[]);
    const source = d.sources[field] ?? d.sources[field.replace(/\.[^.[]+$/, "")] ?? d.sources[field.replace(/\[\d+\][^[]*$/, "")] ?? { fromLine: 1, toLine: 1 };
    d.ask({ field, question: `The draft is not a valid plan here: ${issue.message}. What should it be?`, proposed: null, blocking: true, source });
  }
}

export function pathString(path: (string | number)[]): string {
  return path.reduce<string>((acc, p) => (typeof p === "number" ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), "");
}

/** Sections (or labelled parts of them) with content of which no line went into the plan. */
function unmappedSections(d: Draft, kinds: Map<Section, SectionKind>): UnmappedSection[] {
  const out: UnmappedSection[] = [];
  const { doc } = d;
  const isMapped = (from: number, to: number) => {
    for (let n = from; n <= to; n++) if (d.mapped[n]) return true;
    return false;
  };
  const all = [doc.root, ...doc.sections];
  for (const s of all) {
    if (s.bodyTo < s.bodyFrom || !hasContent(doc, s.bodyFrom, s.bodyTo)) continue;
    const heading = s.level === 0 ? "(before the first heading)" : s.heading;
    if (!isMapped(s.bodyFrom, s.bodyTo)) {
      if (onlyRules(doc, s.bodyFrom, s.bodyTo)) continue;
      out.push({ heading, fromLine: s.level === 0 ? s.bodyFrom : s.line, toLine: s.bodyTo });
      continue;
    }
    // A partly mapped section: report its labelled parts that gave nothing ("**Actions:**" with no home).
    for (const b of labelledBlocks(doc, s.bodyFrom, s.bodyTo)) {
      if (!hasContent(doc, b.fromLine, b.toLine) || isMapped(b.fromLine, b.toLine) || onlyRules(doc, b.fromLine, b.toLine)) continue;
      out.push({ heading: b.label ? `${heading} › ${b.label}` : heading, fromLine: b.fromLine, toLine: b.toLine });
    }
  }
  void kinds;
  return out;
}

/** Horizontal rules and blank lines are layout, not content. */
function onlyRules(doc: MarkdownDoc, from: number, to: number) {
  for (let n = from; n <= to; n++) {
    const t = lineAt(doc, n).trim();
    if (t && !/^([-*_])(\s*\1){2,}$/.test(t)) return false;
  }
  return true;
}
