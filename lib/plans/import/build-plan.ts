// The draft to a plan input, the schema's remaining complaints as questions, and the sections nothing used.
import { schemaIssues } from "./repair-plan";
import type { SectionKind } from "./classify";
import { hasContent, labelledBlocks, lineAt, type MarkdownDoc, type Section } from "./document";
import type { Draft, DraftFlag, DraftTrack, DraftWave } from "./draft";
import type { UnmappedSection } from "./types";

function waveOf(w: DraftWave) {
  return {
    name: w.name,
    trafficPercent: w.trafficPercent,
    bakeSeconds: w.bakeSeconds,
    ...(w.unit ? { unit: w.unit } : {}),
    ...(w.maxSeconds !== undefined && w.maxSeconds > w.bakeSeconds ? { maxSeconds: w.maxSeconds } : {}),
    ...(w.audience ? { audience: w.audience } : {}),
    checklist: w.checklist,
    signoffs: w.signoffs,
    guardrails: w.guardrails,
    ...(w.triggers.length ? { triggers: w.triggers } : {}),
  };
}

const flagOf = (f: DraftFlag) => ({ key: f.key, ...(f.constraints.length ? { constraints: f.constraints } : {}) });

/** A track in the programme shape (see TRACKS.md): a step has a checklist and no waves, a ramp has waves and flags. */
function trackOf(t: DraftTrack) {
  return {
    key: t.key,
    name: t.name,
    kind: t.kind,
    ...(t.after ? { after: t.after } : {}),
    ...(t.kind === "ramp" ? { waves: t.waves.slice(0, 20).map(waveOf), ...(t.flags.length ? { flags: t.flags.map(flagOf) } : {}) } : {}),
    ...(t.checklist.length ? { checklist: t.checklist } : {}),
    ...(t.kind === "step" && t.bakeSeconds ? { bakeSeconds: t.bakeSeconds } : {}),
  };
}

export function buildPlan(d: Draft): Record<string, unknown> {
  const plan: Record<string, unknown> = {
    name: d.name,
    service: d.service,
    version: d.version,
    ...(d.description ? { description: d.description } : {}),
    preChecklist: d.preChecklist.slice(0, 200),
    guardrails: d.guardrails,
  };
  if (d.tracks) plan.tracks = d.tracks.map(trackOf);
  else {
    plan.waves = d.waves.slice(0, 20).map(waveOf);
    if (d.flags.length) plan.flags = d.flags.map(flagOf);
  }
  if (d.metrics.length) plan.metrics = d.metrics.slice(0, 100).map((m) => ({ ...m, watchOnly: false }));
  if (d.planTriggers.length) plan.triggers = d.planTriggers;
  if (d.rollbackLevels.length) plan.rollback = { levels: d.rollbackLevels };
  if (d.hypercare.durationSeconds !== undefined || d.hypercare.checklist.length) {
    if (d.hypercare.durationSeconds === undefined) {
      d.hypercare.durationSeconds = 7 * 86400;
      const first = d.sources["hypercare.checklist[0]"] ?? { fromLine: 1, toLine: 1 };
      d.ask({
        field: "hypercare.durationSeconds",
        question: "The document lists tasks after the last wave but not how long the observation lasts. How long is hypercare (a duration: 2h, 30m, 1 d)?",
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
  for (const issue of schemaIssues(plan).slice(0, 50)) {
    const field = pathString(issue.path);
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
