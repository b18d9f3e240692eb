// A programme of sections done once with one section that ramps: "Data migration", "Dual-write period", then
// "Traffic cutover" (10 -> 50 -> 100 %), then "Post-cutover" cleanup. Folded into one ramp, the preparation sections
// got invented fractional shares and the work after 100 % was lost; read as a programme, each section is a step
// in document order and the ramp is a track of its own between them.
import type { SectionKind } from "./classify";
import { parseDuration } from "./conditions";
import { cleanInline, type Section } from "./document";
import type { Draft, DraftTrack } from "./draft";
import { extractItems } from "./extract-checkboxes";
import { parseWaveLine } from "./extract-waves";
import { ASIDE_HEADING, CONTEXT_HEADING, keyOf, NOT_A_STEP, opensWithRollback, remapPaths, STEP_WORDS, stepTrack } from "./assemble-tracks";
import { MAX_TRACKS } from "../core/plan";

/** Sections that state, check or frame the work rather than do it: objectives, preconditions, a verification checklist. */
const NOT_WORK_HEADING = /\b(objectives?|goals?|scope|purpose|pre-?conditions?|prerequisites?|requirements?|assumptions?|checklists?|checks|verification|validation|criteria|risks?|contacts?|owners?|timeline|schedule|metrics|monitoring|dashboards?|tools?|scripts?|references?|recommendations?)\b/i;

const contains = (s: Section, line: number) => s.fromLine <= line && line <= s.toLine;

/** The deepest section holding every line, or null. */
function commonSection(d: Draft, lines: number[]): Section | null {
  let best: Section | null = null;
  for (const s of d.doc.sections) if (lines.every((n) => contains(s, n)) && (!best || s.level > best.level)) best = s;
  return best;
}

/** The stage name a heading gives without its numbering, status symbol and parenthesised numbers ("Phase 3.1: Planning ⏳"). */
const sectionName = (heading: string) => parseWaveLine(cleanInline(heading).replace(/^[^\p{L}\p{N}]+/u, "").replace(/^(?:wave|stage|ring|phase|step|part)\s+[A-Z]\s*[:.)–—-]\s*/i, "")).name || cleanInline(heading);

/**
 * Reads the draft as such a programme when: the stages that give a share rise to 100 % inside one section that is
 * not the title; no stage outside it gives a share; and that section's siblings hold work (lists or commands), one
 * of them a piece of work done once by its name (a migration, a backfill, a schema change). Returns whether it did.
 */
export function assembleRampAmongSteps(d: Draft, kinds: Map<Section, SectionKind>): boolean {
  if (d.noStages || d.tracks) return false;
  const known = d.waves.map((w, i) => ({ w, i })).filter(({ w }) => w.percentKnown);
  if (known.length < 2 || known[known.length - 1].w.trafficPercent !== 100) return false;
  if (known.some(({ w }, k) => k > 0 && !(w.trafficPercent > known[k - 1].w.trafficPercent))) return false;
  const ramp = commonSection(d, known.map(({ w }) => w.line));
  if (!ramp?.parent || ramp.level < 2) return false;
  const inRamp = d.waves.map((w, i) => ({ w, i })).filter(({ w }) => contains(ramp, w.line));
  // The ramp's stages must be one run of the draft's waves, so their sources and questions can move with them.
  if (inRamp.some(({ i }, k) => k > 0 && i !== inRamp[k - 1].i + 1)) return false;
  const hasWork = (s: Section) => extractItems(d.doc, s.bodyFrom, s.toLine).length > 0 || d.doc.codeBlocks.some((b) => b.fromLine >= s.bodyFrom && b.toLine <= s.toLine);
  const steps = ramp.parent.children.filter((s) => {
    if (s === ramp) return false;
    const heading = cleanInline(s.heading).replace(/^[^\p{L}\p{N}]+/u, "");
    if (NOT_A_STEP.includes(kinds.get(s) ?? "other") || CONTEXT_HEADING.test(heading) || ASIDE_HEADING.test(heading) || NOT_WORK_HEADING.test(heading)) return false;
    if (/\?\s*$/.test(heading) || /\d\s*%/.test(heading) || opensWithRollback(d, s)) return false;
    return hasWork(s);
  });
  if (!steps.some((s) => STEP_WORDS.test(s.heading))) return false;
  // A stage outside the ramp section that was read as a wave is one of these steps (its share was invented), or
  // else the document is not this shape.
  const outside = d.waves.filter((w) => !contains(ramp, w.line));
  if (!outside.every((w) => steps.some((s) => contains(s, w.line)))) return false;
  // Stage sections already set apart as work after 100 % (d.followUps) must be among the steps, which replace them.
  if (!d.followUps.every((f) => steps.some((s) => s.line === f.line))) return false;

  const taken = new Set<string>();
  const tracks: (DraftTrack & { waveFrom?: number })[] = [];
  const ranges: { k: number; text: string; line: number; seconds: number }[] = [];
  for (const s of [...steps, ramp].sort((a, b) => a.line - b.line).slice(0, MAX_TRACKS)) {
    const name = sectionName(s.heading).slice(0, 80);
    if (s === ramp) {
      const flags = d.flags.filter((f) => contains(ramp, f.line));
      tracks.push({ key: keyOf(name, taken), name, kind: "ramp", waves: inRamp.map(({ w }) => w), flags, checklist: [], line: s.line, waveFrom: inRamp[0].i });
      continue;
    }
    const track = stepTrack(d, { name, line: s.line, from: s.bodyFrom, to: s.toLine }, taken, -1);
    // "Dual-write period (48-72h)": how long the step lasts, from its heading or its "Duration:" label.
    const lasts = parseDuration(s.heading.replace(/^.*?:/, " ")) ?? durationLabel(d, s);
    if (lasts && lasts.seconds > 0) {
      track.bakeSeconds = lasts.seconds;
      if (lasts.maxSeconds) ranges.push({ k: tracks.length, text: lasts.text, line: s.line, seconds: lasts.seconds });
    }
    tracks.push(track);
  }
  if (!tracks.some((t) => t.kind === "ramp")) return false;
  d.followUps = [];
  // Stages read outside the ramp section go with their invented shares: their sources and questions too.
  const dropped = new Set(d.waves.map((_, i) => i).filter((i) => !inRamp.some((r) => r.i === i)));
  const isDropped = (field: string) => {
    const m = field.match(/^waves\[(\d+)\]/);
    return !!m && dropped.has(Number(m[1]));
  };
  for (const key of Object.keys(d.sources)) if (isDropped(key) || /^tracks\[-1\]/.test(key)) delete d.sources[key];
  for (let q = d.questions.length - 1; q >= 0; q--) if (isDropped(d.questions[q].field)) d.questions.splice(q, 1);
  tracks.forEach((t, k) => {
    if (k > 0) t.after = { track: tracks[k - 1].key, when: "completed" };
    if (t.kind === "step") d.source(`tracks[${k}]`, t.line);
  });
  remapPaths(d, tracks);
  // A range is asked with its low end proposed, never taken silently (issue 22: "a range asks").
  for (const r of ranges) {
    d.ask({ field: `tracks[${r.k}].bakeSeconds`, question: `Step "${tracks[r.k].name}" lasts "${r.text}", a range. The draft takes the shortest; confirm it or pick another (a duration: 2h, 30m, 1 d).`, proposed: r.seconds, blocking: false, source: { fromLine: r.line, toLine: r.line } });
  }
  d.tracks = tracks.map(({ waveFrom: _, ...t }) => t);
  return true;
}

/** "**Duration**: 1 week" or "- Duration: 2 days" in a section's own body. */
function durationLabel(d: Draft, s: Section) {
  for (let n = s.bodyFrom; n <= s.bodyTo && n - s.bodyFrom < 40; n++) {
    if (d.doc.inCode[n]) continue;
    const m = cleanInline(d.doc.lines[n - 1] ?? "").match(/^(?:[-*+]\s+)?(?:duration|length|how long)\s*:\s*(.+)$/i);
    const dur = m ? parseDuration(m[1]) : null;
    if (dur) return dur;
  }
  return null;
}
