// Guardrails written as plain list items: "- Error rate > 1% for 5 minutes" under an "Alert Thresholds" heading or a
// bold "**Alert Thresholds:**" / "**Halt if:**" label outside the stages. Only absolute comparisons of a metric the
// importer knows become guardrails; an item relative to a baseline or naming an unknown metric stays what it was
// (a trigger where the block is a trigger list, nothing where it is a list of thresholds).
import { parseCondition } from "./conditions";
import { labelledBlocks, type Section } from "./document";
import { descendants, rangeHasCheckbox, topSections, type Draft } from "./draft";
import type { SectionKind } from "./classify";
import { extractItems } from "./extract-checkboxes";
import { extractTriggers } from "./extract-guardrails";

/** A bold label that introduces rules which stop or roll back the rollout. */
const TRIGGER_LABEL = /\b(halt|abort|stop|kill)\b|\broll ?back (if|when|triggers?|criteria|conditions)\b|\btriggers?\b/i;
/** A bold label that introduces thresholds an alert fires on. */
const THRESHOLD_LABEL = /\b(alert(ing)? )?thresholds?\b|\bguardrails?\b|\balert (rules|conditions)\b/i;

/** Sections whose labels the stage reader or the rollback-trigger pass already reads. */
const READ_ELSEWHERE: SectionKind[] = ["wave", "rollback_triggers"];

function inside(s: Section, kinds: Map<Section, SectionKind>, wanted: SectionKind[]): boolean {
  for (let p: Section | null = s; p; p = p.parent) if (wanted.includes(kinds.get(p) ?? "other")) return true;
  return false;
}

/** The comparisons with a number in lines from..to that name a known metric absolutely, as plan-wide conditions. */
export function addListConditions(d: Draft, from: number, to: number) {
  for (const it of extractItems(d.doc, from, to)) {
    if (it.checkbox) continue;
    const c = parseCondition(it.text);
    if (!c || c.metric?.kind !== "known" || c.relativeTo) continue;
    d.conditions.push({ condition: { ...c, action: c.action ?? "rollback" }, line: it.line, waveIndex: -1 });
    d.mark(it.line);
  }
}

export function extractListGuardrails(d: Draft, kinds: Map<Section, SectionKind>) {
  // "## Alert Thresholds" with a plain list (tables are read by extractThresholds).
  for (const s of topSections(d.doc, kinds, "thresholds")) {
    if (inside(s, kinds, READ_ELSEWHERE)) continue;
    for (const sub of descendants(s)) addListConditions(d, sub.bodyFrom, sub.bodyTo);
  }
  // "**Alert Thresholds:**" or "**Halt if:**" in any other section.
  for (const s of d.doc.sections) {
    const kind = kinds.get(s) ?? "other";
    if (kind === "thresholds" || inside(s, kinds, READ_ELSEWHERE)) continue;
    for (const b of labelledBlocks(d.doc, s.bodyFrom, s.bodyTo)) {
      if (!b.label || rangeHasCheckbox(d.doc, b.fromLine, b.toLine)) continue;
      if (TRIGGER_LABEL.test(b.label) && !/\bcriteria\b/i.test(b.label.replace(/roll ?back criteria/i, ""))) extractTriggers(d, b, -1);
      else if (THRESHOLD_LABEL.test(b.label)) {
        d.mark(b.line);
        addListConditions(d, b.fromLine + 1, b.toLine);
      }
    }
  }
}
