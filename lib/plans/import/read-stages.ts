// Stages written as lines, table rows or lines inside fenced code: "Day 1: 25%", "Week 4.2: Increase to 25%",
// "- Step 2: 25% of operations for 1 day", "then 50% for 3 days", "# Day 3: 75%" in a bash block, a table with a
// share column. Consecutive stages of one kind of source form a group (one table, one code block, one list).
import { extractCodeSchedule } from "./code-block-data";
import { parseDuration } from "./conditions";
import { cleanInline, lineAt, tablesIn, type MarkdownDoc } from "./document";
import { isThresholdTable } from "./extract-thresholds";
import { inlineRamp } from "./inline-shares";
import { parseWaveLine, type WaveLine } from "./extract-waves";
import { parsePercent } from "./units";
import { cohortStepOfItem, flowStepOfOrderedItem, fullStageOfOrderedItem, keptWithFlowSteps, stageOfOrderedItem } from "./ordered-shares";

export interface Stage {
  line: number;
  /** The stage's own label ("Day 1", "Canary"), or undefined when the line names none. */
  label?: string;
  percent: number;
  /** Upper end of a share written as a range ("5-10%"). */
  maxPercent?: number;
  unit?: WaveLine["unit"];
  durationSeconds?: number;
  maxSeconds?: number;
  durationText?: string;
  /** The day or week the stage starts on ("Day 3" -> 3), for schedules whose stages last until the next one. */
  day?: number;
  /** A stage whose share the source does not give (an A/B analysis on a cohort); the share is asked. */
  shareUnknown?: boolean;
  /** The source's ramp had this many steps, more than a plan holds; this stage stands for several of them. */
  coarsenedFrom?: number;
  /** Read from a numbered item only by its one share (ordered-shares.ts): kept only in a rising run. */
  loose?: boolean;
  /** A numbered flow's step that moves exposure without a share ("Shadow new flow"): kept only beside shares. */
  flow?: boolean;
  /** Read from a bullet's one share ("* then a PR for a 12.5% rollout"): kept only as a whole ramp (see close). */
  bullet?: boolean;
  /** A flow step named by the audience it releases to ("Internal team"), with no share. */
  cohort?: boolean;
  /** Weights counted out of a whole the source does not state (the smallest power of ten holding them): asked. */
  wholeInferred?: number;
}

export interface StageGroup {
  fromLine: number;
  toLine: number;
  stages: Stage[];
  /** Read from one line of running text ("1% → 5% → 25%"): a summary that may restate another group. */
  inline?: boolean;
}

const LABELLED = /^(wave|stage|ring|phase|step|day|week|canary|batch|cohort|milestone)\s*-?\d+(?:\.\d+)?\b/i;
/** Keys and words that size a batch of updates (how many at a time), not a share of traffic or users. */
export const BATCH_SIZE = /\bmax[_ -]?(?:update|surge|unavailable|parallel\w*|batch\w*|concurren\w*|in[_ -]?flight)\b|\bbatch[_ -]?(?:size|percent\w*)\b|\bparallelism\b|\bconcurrency\b|\b(?:rolling|update)[_ -]?(?:batch|step)[_ -]?size\b|\d\s*%[^.;]{0,60}\bat a time\b/i;
/** "Milestone 1: ...", "Stage 2 - ...": a list item that names a stage by a stage word and its number. */
const LABELLED_ITEM = /^(wave|stage|ring|phase|milestone)\s*\d+\s*(?::|–|—|-)\s*/i;
/** A line that is about a share: starts with one, or with "then", "increase to", "ramp to" before one. */
const LEADING_SHARE = /^(?:(?:and\s+)?then\s+|(?:increase|ramp(?:\s+up)?|go|move|expand|widen)\s+(?:it\s+)?to\s+)?~?\d+(?:\.\d+)?\s*%/i;

/** "Canary: 1% of requests", "Target: 5-10% of users": a short name, then the share; not a metric's name. */
const NAMED_SHARE = /^(?!.*\b(error|latency|cpu|memory|success|failure|budget|rate|availability|uptime|coverage|conversion|p\d\d)\b)[A-Za-z][\w ./&-]{0,38}?\s*(?::|–|—| - )\s*~?\d+(?:\.\d+)?\s*%?\s*(?:(?:-|–|to)\s*\d+(?:\.\d+)?\s*)?%/i;

/** A line's stage, or null. `text` is the line without list markers, comment markers or emphasis. */
export function stageOfLine(text: string, n: number): Stage | null {
  if (text.length > 160) return null;
  const labelled = text.match(LABELLED);
  const leading = LEADING_SHARE.test(text) || NAMED_SHARE.test(text);
  if (!labelled && !leading) return null;
  // The label's own number ("Wave 1 – 10%") is no part of the share.
  const offset = labelled ? labelled[0].length : 0;
  const found = parsePercent(text.slice(offset));
  const pct = found ? { ...found, index: found.index + offset } : null;
  if (!pct || pct.value <= 0 || pct.value > 100) return null;
  // "Week 2: 10% error budget burn" is not a stage: what follows the share must be about who or what gets it.
  const after = text.slice(pct.index + pct.text.length);
  if (/^\s*(error|latency|fail|cpu|memory|budget|burn|increase|decrease|drop|of (the )?errors)/i.test(after)) return null;
  const parsed = parseWaveLine(text.replace(pct.text, `${pct.value}%`));
  // "Stage 0: Internal (0.1%, 1-2 days)", "Stage 1 — Canary: 5%": the words after the number name the stage.
  const named = labelled ? text.slice(labelled[0].length).match(/^\s*(?::|–|—|-)\s*([A-Za-z][A-Za-z /&-]{1,30}?)\s*(?:\(|:|,|–|—)\s*~?\d/) : null;
  const label = named && !/^(then|and|increase|ramp|go|move|expand|widen|to|at|for|traffic|users)\b/i.test(named[1]) ? named[1].trim() : labelled ? labelled[0].replace(/\s+/g, " ") : labelBefore(text);
  const day = labelled && /^(day|week)/i.test(labelled[0]) ? Number(labelled[0].match(/-?\d+(?:\.\d+)?/)![0]) * (/^week/i.test(labelled[0]) ? 7 : 1) : undefined;
  return {
    line: n,
    ...(label ? { label } : {}),
    percent: pct.value,
    ...(pct.max !== undefined ? { maxPercent: pct.max } : {}),
    ...(parsed.unit ? { unit: parsed.unit } : {}),
    ...(parsed.durationSeconds !== undefined ? { durationSeconds: parsed.durationSeconds, durationText: parsed.durationText } : {}),
    ...(parsed.maxSeconds !== undefined ? { maxSeconds: parsed.maxSeconds } : {}),
    ...(day !== undefined && Number.isFinite(day) ? { day } : {}),
  };
}

/** "Canary: 5% for 1h" -> "Canary"; nothing for "then 25%". */
function labelBefore(text: string): string | undefined {
  const m = text.match(/^([A-Za-z][\w ./&-]{0,38}?)\s*(?::|–|—| - )\s*~?\d/);
  return m && !/^(then|and|increase|ramp|go|move|expand|widen)\b/i.test(m[1]) ? m[1].trim() : undefined;
}

/** The text a line says, without list, quote, comment or heading markers and inline Markdown. */
function plainLine(doc: MarkdownDoc, n: number): string | null {
  const raw = lineAt(doc, n);
  if (!doc.inCode[n] && /^\s{0,3}#{1,6}\s/.test(raw)) return null;
  let t = raw.replace(/^\s*(?:>\s*)*/, "");
  if (doc.inCode[n]) {
    // Inside code only comments and bare "Day 1: 25%" lines are schedule; commands are not.
    const comment = t.match(/^(?:#|\/\/|--|;)\s*(.*)$/);
    t = comment ? comment[1] : t;
  }
  t = t.replace(/^([-*+]|\d{1,3}[.)])\s+(\[[ xX]\]\s+)?/, "");
  return cleanInline(t);
}

/** Stage groups between two lines: runs of stage lines (a blank line or prose ends nothing; a heading does) and tables. */
export function readStageGroups(doc: MarkdownDoc, from: number, to: number, skip?: (n: number) => boolean): StageGroup[] {
  const groups: StageGroup[] = [];
  const tables = tablesIn(doc, from, to);
  const inTable = new Set<number>();
  for (const t of tables) for (let n = t.fromLine; n <= t.toLine; n++) inTable.add(n);
  let current: StageGroup | null = null;
  let currentBlock = -1;
  const close = () => {
    // Bullets are looser than numbered steps (a list of facts, each with a number): their shares stand only as a
    // whole ramp, three or more rising to 100 %.
    if (current && current.stages.some((s) => s.bullet)) {
      const kept = new Set(bulletRamps(doc, current.stages.filter((s) => s.bullet)).flat());
      current.stages = current.stages.filter((s) => !s.bullet || kept.has(s));
    }
    if (current) current.stages = keptWithFlowSteps(current.stages);
    if (current?.stages.length) groups.push(current);
    current = null;
  };
  for (let n = from; n <= to; n++) {
    if (skip?.(n)) continue;
    if (inTable.has(n)) {
      close();
      const table = tables.find((t) => t.fromLine === n);
      if (table) {
        const g = stagesOfTable(table);
        if (g) groups.push(g);
      }
      continue;
    }
    const raw = lineAt(doc, n);
    if (/^\s{0,3}#{1,6}\s/.test(raw) && !doc.inCode[n]) {
      close();
      continue;
    }
    const block = doc.inCode[n] ? doc.codeBlocks.findIndex((b) => b.fromLine <= n && b.toLine >= n) : -1;
    if (block !== currentBlock) {
      close();
      currentBlock = block;
      const weights = block >= 0 ? extractCodeSchedule(doc.codeBlocks[block]) : null;
      if (weights) {
        // A manifest's weights are the schedule; its other lines are not stage lines.
        // "### Update the service with the canary model" over `canaryTrafficPercent: 10`: the section names the stage.
        const section = [...doc.sections].reverse().find((s) => s.line < doc.codeBlocks[block].fromLine);
        groups.push({ fromLine: doc.codeBlocks[block].fromLine, toLine: doc.codeBlocks[block].toLine, stages: weights.map(({ namedBySection, ...w }) => (namedBySection && section && !w.label ? { ...w, label: section.heading } : { ...w })) });
        n = Math.min(to, doc.codeBlocks[block].toLine);
        continue;
      }
    }
    const text = plainLine(doc, n);
    // "maxUpdate: 10%", "maxSurge: 25%", "a batch size of 20%": how many move at once, never who gets the change.
    if (text && BATCH_SIZE.test(text)) continue;
    const ramp = text ? inlineRamp(text) : null;
    if (ramp) {
      // "1% → 5% → 25%": one line, several stages; a group of its own.
      close();
      groups.push({ fromLine: n, toLine: n, inline: true, stages: ramp.map((r) => ({ line: n, percent: r.percent })) });
      continue;
    }
    const ordered = !doc.inCode[n] && /^\s{0,3}\d{1,2}[.)]\s/.test(raw);
    const bullet = !ordered && !doc.inCode[n] && /^\s{0,3}[-*+]\s/.test(raw);
    // A bullet reads as a numbered item does: a share, everyone in words, or a flow step ("Enable on staging"); only
    // a whole ramp of them counts (bulletRamps).
    const bulletStage: Stage | null = bullet && text ? (stageOfOrderedItem(text, n) ?? (LABELLED_ITEM.test(text) ? null : (fullStageOfOrderedItem(text, n) ?? cohortStepOfItem(text, n) ?? flowStepOfOrderedItem(text, n)))) : null;
    const stage: Stage | null = text
      ? (stageOfLine(text, n) ?? (ordered ? (stageOfOrderedItem(text, n) ?? fullStageOfOrderedItem(text, n) ?? cohortStepOfItem(text, n) ?? flowStepOfOrderedItem(text, n)) : bulletStage && bulletStage.maxPercent === undefined ? { ...bulletStage, bullet: true } : null))
      : null;
    const labelledItem = !stage && (ordered || bullet) && text ? labelledItemStage(text, n) : null;
    if (!stage && !labelledItem) continue;
    current ??= { fromLine: n, toLine: n, stages: [] };
    // "5% of operations, then 25%, then 50%": a stage that names no unit counts what the one before it counted.
    const before = current.stages[current.stages.length - 1];
    const got = (stage ?? labelledItem)!;
    if (!got.unit && before?.unit) got.unit = before.unit;
    current.stages.push(got);
    current.toLine = n;
  }
  close();
  return groups;
}

/**
 * "- **Milestone 1**: Enable it for internal teams", "- **Milestone 3**: Release it to all users": a list item named
 * as a stage whose share is not a number. Reaching everyone in words is the 100 % stage; otherwise the stage keeps
 * its place with its share asked. Like a numbered flow's step, it stands only beside a stage with a share.
 */
function labelledItemStage(text: string, n: number): Stage | null {
  const m = text.match(LABELLED_ITEM);
  // "Wave 2: 25 instances total": a count, a size of its own, not a share left unsaid.
  if (!m || text.length > 200 || /\d/.test(text.slice(m[0].length))) return null;
  const label = text.slice(0, m[0].length).replace(/\s*(?::|–|—|-)\s*$/, "").trim();
  const full = fullStageOfOrderedItem(text.slice(m[0].length), n);
  if (full) return { ...full, label };
  return { line: n, label, percent: 0, shareUnknown: true, flow: true };
}

/** Runs of bullet stages from one list (only list items or blank lines between them) that are whole ramps: three or more, rising, to 100 %. */
function bulletRamps(doc: MarkdownDoc, bullets: Stage[]): Stage[][] {
  const runs: Stage[][] = [];
  for (const st of bullets) {
    const run = runs[runs.length - 1];
    const prev = run?.[run.length - 1];
    const sameList = prev && doc.lines.slice(prev.line, st.line - 1).every((l) => l.trim() === "" || /^\s*([-*+]|\d{1,3}[.)])\s/.test(l) || /^\s{2,}\S/.test(l));
    if (sameList) run.push(st);
    else runs.push([st]);
  }
  return runs.filter((r) => {
    // Three or more items, the last to everyone, the shares written as numbers rising; items with no share (a flow
    // step such as "Enable on staging") keep their places, but at least two items must give a number or everyone
    // in words, and one a number.
    const known = r.filter((s) => !s.shareUnknown);
    // Cohorts named by their audience, then everyone ("- Staff: ...", "- Beta testers: ...", "- Everyone: 100%").
    if (r.length >= 3 && known.length === 1 && r[r.length - 1] === known[0] && known[0].percent === 100 && r.filter((s) => s.cohort).length >= 2) return true;
    return r.length >= 3 && r[r.length - 1].percent === 100 && known.length >= 2 && known.some((s) => s.percent < 100) && known.every((s, k) => k === 0 || s.percent > known[k - 1].percent);
  });
}

const SHARE_COLUMN = /share|traffic|percent|%|rollout|exposure|weight|users|audience|cohort|target|reach/i;
const NAME_COLUMN = /^(wave|stage|step|phase|ring|day|week|name|cohort|batch)s?$/i;
const AUDIENCE_COLUMN = /audience|cohort|who|users|target|reach/i;
const DURATION_COLUMN = /duration|bake|soak|length|how long|time|wait|hold/i;

function stagesOfTable(table: ReturnType<typeof tablesIn>[number]): StageGroup | null {
  if (isThresholdTable(table)) return null;
  const share = table.header.findIndex((h) => SHARE_COLUMN.test(h));
  const name = table.header.findIndex((h) => NAME_COLUMN.test(h.trim()));
  const duration = table.header.findIndex((h, i) => i !== share && DURATION_COLUMN.test(h));
  const stages: Stage[] = [];
  // An "Audience" column names who each row reaches: "All staff", "50% of all users". Without a name column its
  // cells are the stages' names, and a row that gives no share is a stage whose share is asked.
  const audience = share >= 0 && name < 0 && AUDIENCE_COLUMN.test(table.header[share]);
  let known = 0;
  for (const row of table.rows) {
    const cell = share >= 0 ? row.cells[share] ?? "" : row.cells.find((c) => /\d\s*%/.test(c)) ?? "";
    const pct = parsePercent(cell);
    const cohort = cleanInline(cell).trim();
    if ((!pct || pct.value <= 0 || pct.value > 100) && !(audience && !pct && /[A-Za-z]{2}/.test(cohort))) continue;
    const rawName = name >= 0 ? (row.cells[name] ?? "").trim() : audience ? cohort : "";
    // "1" under "Day" is "Day 1"; "Canary" under "Wave" is "Canary".
    const label = rawName ? (/^\d+(\.\d+)?$/.test(rawName) ? `${table.header[name].trim().replace(/s$/i, "")} ${rawName}` : rawName.slice(0, 80)) : undefined;
    if (!pct) {
      stages.push({ line: row.n, ...(label ? { label } : {}), percent: 0, shareUnknown: true });
      continue;
    }
    known++;
    const dur = duration >= 0 ? parseDuration(row.cells[duration] ?? "") : null;
    const unit = parseWaveLine(cell).unit ?? stages[stages.length - 1]?.unit;
    const day = label && /^day\s*\d/i.test(label) ? Number(label.match(/\d+/)![0]) : undefined;
    stages.push({
      line: row.n,
      ...(label ? { label } : {}),
      percent: pct.value,
      ...(pct.max !== undefined ? { maxPercent: pct.max } : {}),
      ...(unit ? { unit } : {}),
      ...(dur ? { durationSeconds: dur.seconds, durationText: dur.text, ...(dur.maxSeconds ? { maxSeconds: dur.maxSeconds } : {}) } : {}),
      ...(day !== undefined ? { day } : {}),
    });
  }
  // One share in a table is a fact about something else, not a schedule.
  return known >= 2 ? { fromLine: table.fromLine, toLine: table.toLine, stages } : null;
}
