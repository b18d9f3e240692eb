// An enhancement proposal's "Graduation Criteria" (Alpha, Beta, GA; or "Stage 1 (1.35)", "Stage 2 (1.37)"): the
// stages a change goes through over several releases. The stage that changes the default (a gate or setting
// flipped, "enabled by default") reaches everyone who keeps defaults: it is the 100 % wave; the stages before it
// reach only those who opt in (their shares asked); the stages after it (locking, removing code) are steps.
import { cleanInline, type Section } from "./document";
import { keyOf, stepTrack } from "./assemble-tracks";
import { toItem, type Draft, type DraftTrack, type DraftWave } from "./draft";
import { extractItems } from "./extract-checkboxes";
import { MAX_TRACKS } from "../core/plan";

const GRADUATION = /^(?:\d+(?:\.\d+)*\.?\s+)?graduation\b/i;
/** A sentence that changes what everyone gets without opting in. */
const DEFAULT_CHANGES = [
  /\bdefault\w*\b[^.\n]{0,80}?\b(?:chang\w*|flip\w*|switch\w*|set|turn\w*|mov\w*)\b[^.\n]{0,20}?\bto\b\s*`?(?:true|false|on|off|enabled|disabled)\b/i,
  /\b(?:flip\w*|chang\w*|switch\w*|set)\b[^.\n]{0,40}?\bto\s+`?default:\s*(?:true|false)\b/i,
  /\b(?:enabled|on|disabled|off|turned on)\s+by\s+default\b/i,
];
/** A stage that is generally available by its name. */
const GA_NAME = /^(?:ga|stable|general availability|graduat\w+ to (?:ga|stable))\b/i;

function bodyOf(d: Draft, s: Section): string {
  const out: string[] = [];
  for (let n = s.bodyFrom; n <= Math.min(s.toLine, s.bodyFrom + 300); n++) if (!d.doc.inCode[n]) out.push(d.doc.lines[n - 1] ?? "");
  // Line breaks inside a list item do not end its sentence.
  return out.join(" ").replace(/\s+/g, " ");
}

/** Whether a stage reaches everyone: it changes a default, or (no stage does) it is the GA one. */
function everyoneAt(d: Draft, stages: Section[]): number {
  const flips = stages.findIndex((s) => DEFAULT_CHANGES.some((re) => re.test(bodyOf(d, s))));
  if (flips >= 0) return flips;
  const ga = stages.findIndex((s) => GA_NAME.test(cleanInline(s.heading)));
  return ga >= 0 ? ga : stages.length - 1;
}

/**
 * Makes the plan of a proposal whose stages are its graduation criteria, when it has such a section with two
 * stages or more and no ramp with stated shares elsewhere. Returns whether it did.
 */
export function assembleGraduation(d: Draft): boolean {
  const section = d.doc.sections.find((s) => GRADUATION.test(cleanInline(s.heading)) && s.children.length >= 2);
  if (!section) return false;
  const inside = (line: number) => line >= section.fromLine && line <= section.toLine;
  if (d.waves.some((w) => w.percentKnown && !inside(w.line))) return false;
  const stages = section.children.filter((c) => /[A-Za-z]{3}/.test(bodyOf(d, c))).slice(0, 20);
  if (stages.length < 2) return false;
  const full = everyoneAt(d, stages);
  const name = (d.name ?? cleanInline(section.heading)).slice(0, 80);
  const taken = new Set<string>();
  const waves: DraftWave[] = stages.slice(0, full + 1).map((st, m) => {
    const share = m === full ? 100 : Math.round(((m + 1) * 100) / (full + 1));
    const items = extractItems(d.doc, st.bodyFrom, st.toLine).slice(0, 100);
    for (const it of items) d.mark(it.line);
    d.mark(st.line);
    const path = `tracks[0].waves[${m}]`;
    d.source(path, st.line);
    const stage = cleanInline(st.heading);
    if (m < full) {
      d.ask({ field: `${path}.trafficPercent`, question: `Stage "${stage}" reaches those who opt in; the document gives no share. How much traffic does it reach?`, proposed: share, blocking: true, source: { fromLine: st.line, toLine: st.line } });
    } else d.source(`${path}.trafficPercent`, st.line);
    return { name: stage.slice(0, 80), trafficPercent: share, bakeSeconds: 0, checklist: items.map((it) => toItem(it, { required: false })), signoffs: [], guardrails: [], triggers: [], line: st.line, percentKnown: m === full };
  });
  d.source("tracks[0]", section.line);
  const tracks: DraftTrack[] = [{ key: keyOf(name, taken), name, kind: "ramp", waves, flags: d.flags, checklist: [], line: section.line }];
  for (const st of stages.slice(full + 1, full + MAX_TRACKS)) tracks.push(stepTrack(d, { name: cleanInline(st.heading), line: st.line, from: st.bodyFrom, to: st.toLine }, taken, tracks.length));
  tracks.forEach((t, k) => {
    if (k > 0) t.after = { track: tracks[k - 1].key, when: "completed" };
  });
  for (let q = d.questions.length - 1; q >= 0; q--) if (/^(waves|flags)\b/.test(d.questions[q].field)) d.questions.splice(q, 1);
  for (const key of Object.keys(d.sources)) if (/^(waves|flags)\[/.test(key)) delete d.sources[key];
  d.waves = [];
  d.noStages = false;
  d.tracks = tracks;
  return true;
}
