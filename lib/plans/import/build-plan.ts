// The draft to a plan input, the schema's remaining complaints as questions, and the sections nothing used.
import { PlanSchema } from "../core/plan";
import type { SectionKind } from "./classify";
import { hasContent, labelledBlocks, lineAt, type MarkdownDoc, type Section } from "./document";
import type { Draft } from "./draft";
import type { UnmappedSection } from "./types";

export function buildPlan(d: Draft): Record<string, unknown> {
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
export function askForInvalidFields(d: Draft, plan: Record<string, unknown>) {
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
export function unmappedSections(d: Draft, kinds: Map<Section, SectionKind>): UnmappedSection[] {
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
export function onlyRules(doc: MarkdownDoc, from: number, to: number) {
  for (let n = from; n <= to; n++) {
    const t = lineAt(doc, n).trim();
    if (t && !/^([-*_])(\s*\1){2,}$/.test(t)) return false;
  }
  return true;
}
