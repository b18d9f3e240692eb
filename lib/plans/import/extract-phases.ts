// Stages of the rollout: wave sections (headings) and stage lines ("Day 1: 25%") to draft waves.
import type { SectionKind } from "./classify";
import { parseDuration } from "./conditions";
import { cleanInline, labelledBlocks, lineAt, type LabelledBlock, type LineRange, type Section } from "./document";
import { DEFAULT_BAKE_SECONDS, descendants, topSections, type Draft, type DraftWave } from "./draft";
import { addItems, addShellSteps } from "./extract-checklists";
import { extractItems } from "./extract-checkboxes";
import { extractTriggers } from "./extract-guardrails";
import { parseWaveLine, type WaveLine } from "./extract-waves";

/** A wave's labelled blocks: its own body's, plus each subsection as a block named by its heading. */
export function waveBlocks(d: Draft, s: Section): LabelledBlock[] {
  const blocks = labelledBlocks(d.doc, s.bodyFrom, s.bodyTo);
  for (const child of s.children) {
    for (const sub of descendants(child)) {
      const inner = labelledBlocks(d.doc, sub.bodyFrom, sub.bodyTo);
      for (const b of inner) blocks.push(b.label ? b : { ...b, label: sub.heading, line: sub.line });
    }
  }
  return blocks;
}

export function extractWaves(d: Draft, kinds: Map<Section, SectionKind>) {
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

export function newWave(line: WaveLine): DraftWave {
  return { name: line.name, trafficPercent: line.percent ?? 0, bakeSeconds: line.durationSeconds ?? 0, checklist: [], signoffs: [], guardrails: [], triggers: [] };
}

export function extractWaveSection(d: Draft, s: Section, count: number) {
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
export function extractWaveLines(d: Draft, kinds: Map<Section, SectionKind>) {
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

