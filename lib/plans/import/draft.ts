// One import run's accumulating state (the draft plan, its sources and questions) and the section helpers every extractor uses.
import { classifyHeading, type SectionKind } from "./classify";
import type { LineRange, MarkdownDoc, Section } from "./document";
import { listItemAt } from "./document";
import type { Constraint } from "../../flags/core/flag-spec";
import type { Condition } from "./conditions";
import type { ExtractedItem } from "./extract-checkboxes";
import type { ImportQuestion } from "./types";

export const DEFAULT_FOR_SECONDS = 60;
export const DEFAULT_BAKE_SECONDS = 3600;

export type Item = { text: string; ownerRole?: string; required: boolean; group?: string; metric?: { metric: string; comparator: string; threshold: number } };
export type Guardrail = {
  metric: string;
  comparator: string;
  target?: number;
  warning?: number;
  critical: number;
  relativeTo?: "baseline";
  forSeconds: number;
  onCritical: "rollback" | "pause" | "notify";
};
export type Trigger = { name: string; action: "notify" | "pause" | "step_back" | "rollback"; level?: number };
export type DraftWave = {
  name: string;
  trafficPercent: number;
  bakeSeconds: number;
  audience?: string;
  checklist: Item[];
  signoffs: string[];
  guardrails: Guardrail[];
  triggers: Trigger[];
  unit?: "users" | "requests" | "servers" | "operations";
  /** Decision deadline: the upper end of a duration range ("7-10 days"). */
  maxSeconds?: number;
  /** Import bookkeeping, not plan fields: where the stage is written, and whether the document gave its share. */
  line: number;
  percentKnown: boolean;
};
/** A flag configuration found in the document, with the line it sits on (its section decides its track). */
export type DraftFlag = { key: string; constraints: Constraint[]; line: number; percent?: number };
export type DraftTrack = {
  key: string;
  name: string;
  kind: "ramp" | "step";
  after?: { track: string; when: "completed" };
  waves: DraftWave[];
  flags: DraftFlag[];
  checklist: Item[];
  bakeSeconds?: number;
  line: number;
};
export type RollbackLevel = { name: string; scope: "release" | "flag" | "data"; steps: { text: string; command?: string }[]; objectiveSeconds?: number };

/** Everything one import run accumulates; the extract* steps below each fill a part of it. */
export class Draft {
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
  conditions: { condition: Condition; line: number; toLine?: number; waveIndex: number; ask?: string }[] = [];
  flags: DraftFlag[] = [];
  /** No stage was found: the one wave is a placeholder the "waves" question asks about. */
  noStages = false;
  /** Metrics the plan declares so a threshold's scale is written down ("acceptance_rate" in ratio). */
  metrics: { key: string; label: string; unit: string }[] = [];
  /** Stages after the one that releases to everyone: work done once, made steps after the ramp. */
  followUps: { name: string; line: number; fromLine: number; toLine: number }[] = [];
  private asked = 0;
  /** Set when the document is a programme: the plan's tracks replace its waves and flags. */
  tracks?: DraftTrack[];

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
    // A counter, not the list's length: a question withdrawn later must not free its id for the next one.
    this.questions.push({ ...q, id: `q${++this.asked}`, targets: q.targets ?? [q.field], excerpt });
  }
}


/** A section's kind: its own heading's, else its parent's (a "Week 1" under "Post-Deployment" is post-deployment). */
export function sectionKinds(doc: MarkdownDoc): Map<Section, SectionKind> {
  const kinds = new Map<Section, SectionKind>();
  // The document's title ("# Phase 05.4: Production Deployment Plan") names the whole plan, never one stage.
  const titles = doc.sections.filter((s) => s.level === 1);
  const title = titles.length === 1 ? titles[0] : undefined;
  for (const s of doc.sections) {
    const own = s === title ? classifyHeading(s.heading, { title: true }) : classifyHeading(s.heading);
    const inherited = s.parent && s.parent.level > 0 ? kinds.get(s.parent) : undefined;
    // Inside a section that is about one thing, "Week 1" or "Product Manager (2 weeks post-rollout)" keep the
    // parent's meaning; only the broad containers (phases, monitoring, summary) let children speak for themselves.
    if (inherited && !["other", "phases", "monitoring", "summary"].includes(inherited)) kinds.set(s, inherited);
    else kinds.set(s, own === "other" && inherited ? inherited : own);
  }
  return kinds;
}

/** Sections of a kind whose parent is not of that kind (so a subtree is visited once). */
export function topSections(doc: MarkdownDoc, kinds: Map<Section, SectionKind>, kind: SectionKind): Section[] {
  return doc.sections.filter((s) => kinds.get(s) === kind && !(s.parent && kinds.get(s.parent) === kind));
}

export function descendants(s: Section): Section[] {
  return [s, ...s.children.flatMap(descendants)];
}


export function rangeHasCheckbox(doc: MarkdownDoc, from: number, to: number) {
  for (let n = from; n <= to; n++) if (listItemAt(doc, n)?.checkbox) return true;
  return false;
}

export function toItem(it: ExtractedItem, extra: Partial<Item> = {}): Item {
  return {
    text: it.text,
    ...(it.ownerRole ? { ownerRole: it.ownerRole } : {}),
    required: it.required,
    ...(it.group ? { group: it.group } : {}),
    ...extra,
  };
}

