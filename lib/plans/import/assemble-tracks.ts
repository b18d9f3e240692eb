// A programme (several changes, each with its own order and ramp) to tracks: ramps where the stages start over
// under another section ("Search migration" 10 -> 100 %, then "Installation" 10 -> 100 %), steps for the sections
// that are done once (a dark deploy, a database migration). Tracks run in document order, each after the one before.
import { areVariants } from "./procedure-variants";
import type { SectionKind } from "./classify";
import { parseDuration } from "./conditions";
import { cleanInline, hasContent, hasIndentedCommands, listItemAt, type Section } from "./document";
import { toItem, type Draft, type DraftFlag, type DraftTrack, type DraftWave } from "./draft";
import { extractItems } from "./extract-checkboxes";
import { flagKeyNear } from "./extract-phases";
import { firstFullRelease } from "./full-release";
import { MAX_TRACKS } from "../core/plan";
import { numberedSteps, withoutStepNumber } from "./numbered-sections";

export const STEP_WORDS = /\bdark[- ]?(deploy\w*|launch\w*|release)\b|\bmigrat\w*|\bbackfill\w*|\bschema\b|\bprovision\w*|\binfrastructure\b|\bpre-?warm\w*|\bdeploy(ing)? (the )?(binaries|code|service|image)\b/i;
const STEP_KINDS: SectionKind[] = ["other", "phases", "wave"];

function innermost(d: Draft, line: number): Section | null {
  let best: Section | null = null;
  for (const s of d.doc.sections) if (s.line <= line && line <= s.toLine && (!best || s.level >= best.level)) best = s;
  return best;
}

function contains(s: Section | null, line: number) {
  return !s || (s.fromLine <= line && line <= s.toLine);
}

/** The deepest section holding every line (null: the whole document). */
function commonSection(d: Draft, lines: number[]): Section | null {
  let s = innermost(d, lines[0]);
  while (s && !lines.every((n) => contains(s, n))) s = s.parent && s.parent.level > 0 ? s.parent : null;
  return s;
}

const rises = (a: DraftWave, b: DraftWave) => (a.unit ?? null) !== (b.unit ?? null) || b.trafficPercent > a.trafficPercent;

/** A flag key or file name ("ledger-batched", "config.yaml"), not words. */
const IDENTIFIER = /^\s*[\w./-]*[-_./][\w./-]*\s*$/;

/** "Track 1: Search migration" -> "Search migration"; "Batched postings (`ledger-x`)" -> "Batched postings". */
export function trackName(heading: string): string {
  const name = cleanInline(heading)
    // "Validate the copy (Optional)": whether a step may be skipped is said by its items (not required), not its name.
    .replace(OPTIONAL_MARK, " ")
    // A leading emoji or symbol ("📈 Progressive rollout") decorates the heading; it is no part of the name.
    .replace(/^[^\p{L}\p{N}`(]+/u, "")
    // Only as a label ("Track 2:", "Part: ") — "Partial ramp" or "Feature flags" keep their first word.
    .replace(/^(track|workstream|stream|part|feature|component)(?:\s*\d+\s*[:.)–—-]?|\s*[:.)–—-])\s*/i, "")
    // "(`flag-key`)", "(10%)", "(2 days)" hold what was read elsewhere; "(Monday)", "(for reviewers)" are words
    // that belong to the name and stay.
    .replace(/\(([^)]*)\)|`[^`]*`/g, (all, inner?: string) => (inner !== undefined && /\p{L}/u.test(inner) && !/[\d%`]/.test(inner) && !IDENTIFIER.test(inner) ? all : " "))
    .replace(/\s+/g, " ")
    .replace(/[\s:–—-]+$/, "")
    .trim();
  return (name || cleanInline(heading) || "Track").slice(0, 80);
}

const OPTIONAL_MARK = /^\s*[([]optional[)\]]\s*[:–—-]?\s*|\s*[([]optional[)\]]\s*$/i;
/** A step's heading line marks it optional ("## Validate the copy (Optional)"): its items are not required. */
export const isOptionalStep = (headingLine: string) => /[([]optional[)\]]/i.test(headingLine);

export function keyOf(name: string, taken: Set<string>): string {
  const base = name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 36).replace(/-+$/, "") || "track";
  let key = /^[a-z0-9]/.test(base) ? base : `t-${base}`;
  for (let k = 2; taken.has(key); k++) key = `${base}-${k}`;
  taken.add(key);
  return key;
}

/**
 * Splits the draft's waves into ramps where the share starts over under a different section, and makes it a
 * programme when there are two ramps or more. A single ramp stays a plain plan (the shape every plan had).
 */
export function assembleTracks(d: Draft, kinds: Map<Section, SectionKind>) {
  if (d.noStages) return assembleSteps(d, kinds);
  if (d.followUps.length) return assembleFollowUps(d);
  if (d.waves.length < 2) return;
  const runs: { from: number; to: number }[] = [{ from: 0, to: 0 }];
  for (let i = 1; i < d.waves.length; i++) {
    if (rises(d.waves[i - 1], d.waves[i])) runs[runs.length - 1].to = i;
    else runs.push({ from: i, to: i });
  }
  if (runs.length < 2) return;
  // A ramp has stages of its own: one phase heading after another is a plan whose shares do not rise (asked later).
  if (runs.some((r) => r.to === r.from)) return;
  const containers = runs.map((r) => commonSection(d, d.waves.slice(r.from, r.to + 1).map((w) => w.line)));
  if (containers.some((c) => !c || kinds.get(c) === "wave")) return;
  // The same heading twice is a copy of one plan, not two changes.
  if (new Set(containers.map((c) => c!.heading.toLowerCase())).size !== containers.length) return;
  // Starting over inside one section is a mistake in the ramp (asked later), not a second change.
  for (let k = 0; k < runs.length; k++) {
    const c = containers[k];
    if (!c) return;
    for (let m = 0; m < runs.length; m++) if (m !== k && (contains(c, d.waves[runs[m].from].line) || contains(c, d.waves[runs[m].to].line))) return;
  }
  const taken = new Set<string>();
  const tracks: (DraftTrack & { waveFrom?: number })[] = [];
  // Sections done once, before or between the ramps: siblings of the ramps' sections or of their ancestors.
  const rampLines = containers.map((c) => c!.line);
  for (const s of d.doc.sections) {
    if (s.level < 1 || !STEP_KINDS.includes(kinds.get(s) ?? "other") || !STEP_WORDS.test(s.heading)) continue;
    if (containers.some((c) => contains(c, s.line) || contains(s, c!.line))) continue;
    if (s.line > Math.max(...rampLines)) continue;
    if (d.waves.some((w) => contains(s, w.line))) continue;
    if (s.parent && s.parent.level > 0 && STEP_WORDS.test(s.parent.heading)) continue;
    const items = extractItems(d.doc, s.bodyFrom, s.toLine).slice(0, 100);
    const body = d.doc.lines.slice(s.bodyFrom - 1, s.toLine).filter((_, k) => !d.doc.inCode[s.bodyFrom + k]).join(" ");
    const wait = body.match(/\b(?:sit|wait|bake|soak|observe|hold|verify)\w*\s+(?:it\s+)?(?:for\s+)?(\d+(?:\.\d+)?\s*(?:minutes?|mins?|hours?|hrs?|days?|weeks?|h|d))\b/i);
    const bake = wait ? parseDuration(wait[1])?.seconds : undefined;
    const name = trackName(s.heading);
    tracks.push({ key: keyOf(name, taken), name, kind: "step", waves: [], flags: [], checklist: items.map((it) => toItem(it)), ...(bake ? { bakeSeconds: bake } : {}), line: s.line });
    d.source(`tracks[?${s.line}]`, s.line);
    for (const it of items) d.mark(it.line);
  }
  runs.forEach((r, k) => {
    const c = containers[k]!;
    const name = trackName(c.heading);
    const flags: DraftFlag[] = d.flags.filter((f) => contains(c, f.line));
    if (flags.length === 0) {
      // "### Batched postings (`ledger-batched-postings`)": a feature ramped by its own flag, named in its heading.
      const key = flagKeyNear(d, c.line);
      if (key && !d.flags.some((f) => f.key === key)) {
        const flag: DraftFlag = { key, constraints: [], line: c.line };
        d.flags.push(flag);
        flags.push(flag);
      }
    }
    tracks.push({ key: keyOf(name, taken), name, kind: "ramp", waves: d.waves.slice(r.from, r.to + 1), flags, checklist: [], line: c.line, waveFrom: r.from });
  });
  tracks.sort((a, b) => a.line - b.line);
  tracks.slice(0, MAX_TRACKS).forEach((t, k) => {
    if (k > 0) t.after = { track: tracks[k - 1].key, when: "completed" };
  });
  const kept = tracks.slice(0, MAX_TRACKS);
  remapPaths(d, kept);
  d.tracks = kept.map(({ waveFrom: _, ...t }) => t);
}

export const NOT_A_STEP: SectionKind[] = ["summary", "communication", "signoff", "rollback_procedure", "rollback_triggers", "thresholds", "alert_rules", "monitoring", "success_criteria", "go_no_go"];
/**
 * "Show all tablets", "Monitoring progress (optional)", "Check the routing rules (optional)": a section that only
 * looks at the state the step before it left, part of that step. "Reverting the switch": the way back, not a step
 * forward. A check that is not optional ("Check 1 (for reviewers)") stays a step of its own.
 */
const OBSERVE_HEADING = /^(?:show|view|list|display|monitor(?:ing)?|watch(?:ing)?)\b/i;
const OPTIONAL_CHECK_HEADING = /^(?:check(?:ing)?|inspect(?:ing)?|look(?:ing)? at)\b.*\(optional\)\s*$/i;
const REVERT_HEADING = /^(?:revert(?:ing)?|roll(?:ing)?[\s-]?back|undo(?:ing)?|recover(?:ing|y)?\s+from)\b/i;
/**
 * "How it works", "How canary analysis works", "Additional information", "Troubleshooting", "Known issues",
 * "Limitations", "Further reading", "Next steps": a section that explains, or points elsewhere, in a procedure. It
 * is read, not done; a step of the procedure never starts this way. "Prerequisites", "Requirements": what must
 * hold before the procedure starts (the plan's pre-checklist), not a step of it.
 */
export const EXPLANATION_HEADING =
  /^(?:how\b.{0,60}\bworks?\b|under the hood|pre-?requisites?|requirements|pre-?conditions?|assumptions|additional (?:information|info|details|notes|resources|context)|more (?:information|info|details)|further (?:reading|information)|learn more|troubleshoot\w*|known (?:issues?|limitations?|problems?)|limitations?|caveats?|concepts?|glossary|terminology|next steps?|what'?s next|where to go (?:from here|next))\b/i;
function isObservationOrRevert(heading: string): boolean {
  return OBSERVE_HEADING.test(heading) || OPTIONAL_CHECK_HEADING.test(heading) || REVERT_HEADING.test(heading) || EXPLANATION_HEADING.test(heading);
}

/** A heading that says when its section happens ("Promote branches (Monday)", "Day 3: ...", "T-2: ..."). */
const SCHEDULED_HEADING = /\((?:[^)]*\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b[^)]*)\)|^(?:day|week)\s*-?\d+\b|^T\s*[-+−]\s*\d+\b/i;
/** "A note about the script", "Tip:", "Caveats": an aside, not a step. */
export const ASIDE_HEADING = /^(?:an?\s+)?(?:note|tip|warning|caveat|aside|disclaimer)s?\b/i;
export const CONTEXT_HEADING = /^(overall\b.*|owners?|stakeholders?|expectations?|changelog|background|context|goals?|motivation|references?|appendix|faq|notes?|overview|introduction|about|what|why|table of contents|contents|summary|links|see also|related|conventions?|terminology|glossary|definitions?|notation)\b/i;

/** "If you decide to roll back ... instead": a section that opens on the way back is the rollback path, not a step forward. */
export function opensWithRollback(d: Draft, s: Section): boolean {
  for (let n = s.bodyFrom; n <= s.bodyTo; n++) {
    const text = d.doc.lines[n - 1]?.trim() ?? "";
    if (!text || d.doc.inCode[n]) continue;
    return /^(if|should|in case|when)\b[^.]*\b(roll(?:ing)? ?back|rollback|revert)/i.test(cleanInline(text));
  }
  return false;
}

/** "It is also possible to release from your own fork": a section that opens on another way to do it, not the next step. */
function opensAsAlternative(d: Draft, s: Section): boolean {
  for (let n = s.bodyFrom; n <= s.bodyTo; n++) {
    const text = d.doc.lines[n - 1]?.trim() ?? "";
    if (!text || d.doc.inCode[n]) continue;
    return /^(it is also possible|it's also possible|alternatively|as an alternative|you can also|another way)\b/i.test(cleanInline(text));
  }
  return false;
}

/** The title's body before its first subsection, when it is a numbered list of two or more things to do. */
function titleSteps(d: Draft, title: Section): { name: string; line: number; from: number; to: number } | null {
  const numbered = extractItems(d.doc, title.bodyFrom, title.bodyTo).filter((it) => listItemAt(d.doc, it.line)?.ordered && listItemAt(d.doc, it.line)?.indent === 0);
  if (numbered.length < 2 || numbered.every((it) => isOnlyALink(it.text))) return null;
  return { name: trackName(title.heading), line: title.line, from: title.bodyFrom, to: title.bodyTo };
}

/**
 * A procedure with no stages at all (a release checklist, an upgrade runbook): its main sections, in order, are
 * steps done once each, when two or more of them hold something to do (list items or commands).
 */
function assembleSteps(d: Draft, kinds: Map<Section, SectionKind>) {
  // A bare task list (an issue template with no headings, perhaps front matter): the list is the one step's work.
  if (d.doc.sections.length === 0) {
    const items = extractItems(d.doc, d.doc.root.bodyFrom, d.doc.root.bodyTo).slice(0, 100);
    if (items.filter((it) => it.checkbox).length >= 2) {
      for (const it of items) d.mark(it.line);
      const name = (d.name ?? "Release").slice(0, 80);
      d.tracks = [{ key: keyOf(name, new Set()), name, kind: "step", waves: [], flags: [], checklist: items.map((it) => toItem(it)), line: items[0].line }];
      d.source("tracks[0]", items[0].line, items[items.length - 1].line);
      const at = d.questions.findIndex((q) => q.field === "waves");
      if (at >= 0) d.questions.splice(at, 1);
      return;
    }
  }
  const titles = d.doc.sections.filter((s) => s.level === 1);
  const under = titles.length === 1 ? titles[0].children : d.doc.root.children.length === 1 ? d.doc.root.children[0].children : d.doc.root.children;
  // A lone section with nothing under it is the main section itself (its list may be the steps).
  const hasWork = (s: Section) => extractItems(d.doc, s.bodyFrom, s.toLine).length > 0 || d.doc.codeBlocks.some((b) => b.fromLine >= s.bodyFrom && b.toLine <= s.toLine);
  const byNumber = numberedSteps(d.doc, (s) => !CONTEXT_HEADING.test(s.heading) && hasWork(s));
  const main = byNumber ? byNumber.steps : under.length > 0 ? under : titles.length === 1 ? titles : d.doc.root.children;
  const worked = main.filter((s) => {
    // A numbered section is a step of the numbered procedure, prose or not; the way back ("4. Rollback (if
    // needed)", "5. Reverting") is the rollback path even when numbered with the steps.
    if (byNumber?.numbered.has(s)) return !(kinds.get(s) === "rollback_procedure" || REVERT_HEADING.test(withoutStepNumber(s.heading)) || opensWithRollback(d, s));
    // A heading that asks ("How do you know it broke?") introduces advice, not a step.
    if (NOT_A_STEP.includes(kinds.get(s) ?? "other") || CONTEXT_HEADING.test(s.heading) || ASIDE_HEADING.test(cleanInline(s.heading)) || /\?\s*$/.test(s.heading) || opensWithRollback(d, s) || opensAsAlternative(d, s)) return false;
    if (isObservationOrRevert(cleanInline(s.heading))) return false;
    // A section whose heading says when it happens is a step of the schedule even when it is only prose.
    if (SCHEDULED_HEADING.test(cleanInline(s.heading)) && d.doc.lines.slice(s.bodyFrom - 1, s.toLine).some((l) => /[A-Za-z]{3}/.test(l))) return true;
    const items = extractItems(d.doc, s.bodyFrom, s.toLine);
    // "- Part 1: https://..." and nothing to run: recordings or reading to go through, not work of the procedure.
    // A numbered list of links ("1. [Tag Release](./tag.md)") is a procedure whose steps are written elsewhere.
    if (items.length > 0 && (!items.every((it) => !it.checkbox && isOnlyALink(it.text)) || isLinkedProcedure(d, items))) return true;
    // "Before you upgrade": the checks a runbook asks for first are its first step, even when written as prose.
    if (/^before\b/i.test(s.heading) && /\b(ensure|make sure|check|verify|confirm|run)\b/i.test(d.doc.lines.slice(s.bodyFrom - 1, s.toLine).join(" "))) return true;
    return d.doc.codeBlocks.some((b) => b.fromLine >= s.bodyFrom && b.toLine <= s.toLine) || hasIndentedCommands(d.doc, s.bodyFrom, s.toLine);
  });
  // "## Migrate consumers over", "## Decommission the old cluster": in a procedure of two or more sections of work,
  // a section between or after them whose heading is an order (it starts with a verb of the work) is a step too,
  // even when its body only says in prose what to do.
  const firstWork = worked.length >= 2 && !byNumber ? main.indexOf(worked[0]) : -1;
  const steps = firstWork < 0 ? worked : main.filter((s, i) => worked.includes(s) || (i > firstWork && isOrderedProse(d, kinds, s)));
  if (assembleOptions(d, kinds, main, steps)) return;
  // One section of work whose list is a few items each with sub-items: those items are the steps.
  const listed = steps.length === 1 ? nestedListSteps(d, steps[0]) : [];
  // The headings under a numbered step are its parts, not steps of their own.
  const parts = (s: Section) => (byNumber ? [s] : splitIntoParts(d, s));
  let units = listed.length >= 2 ? listed : steps.flatMap(parts).map((s) => ({ name: trackName(byNumber ? withoutStepNumber(s.heading) : s.heading), line: s.line, from: s.bodyFrom, to: s.toLine }));
  // "## Steps" (or "Procedure") holding one long numbered list whose items stand apart (blank lines between them)
  // and carry work of their own (sub-items, notes, commands under two or more of them): the heading says its items
  // are the steps, so each numbered item is a step. A tight list of one-line actions stays one step's checklist.
  if (units.length === 1 && listed.length < 2 && GENERIC_STEPS_HEADING.test(units[0].name)) {
    const items = numberedListSteps(d, units[0]);
    if (items.length >= 4 && items.every((it) => it.loose) && items.filter((it) => it.body).length >= 2) units = items.map(({ loose: _l, body: _b, ...u }) => u);
  }
  // "# Releasing" opening on "1. Check out the branch", "2. Run the script" before its first subsection: the title's
  // own numbered steps are the procedure's first step, named after the title.
  // (Not when the sections are numbered: the title's list then only points at them.)
  const intro = titles.length === 1 && listed.length < 2 && units.length >= 1 && !byNumber ? titleSteps(d, titles[0]) : null;
  if (intro) units.unshift(intro);
  // One section of numbered actions ("## Release Process" with "1. Tag", "2. Push", ...): the procedure is one step.
  if (units.length === 1 && listed.length < 2 && numberedActions(d, units[0]) >= 3) {
    const u = units[0];
    const items = extractItems(d.doc, u.from, u.to).slice(0, 100);
    for (const it of items) d.mark(it.line);
    d.mark(u.line);
    // "## Steps", "## Procedure": a heading that only says "here are the steps" names nothing; the title does.
    const name = GENERIC_STEPS_HEADING.test(u.name) && d.name ? d.name.slice(0, 80) : u.name;
    d.tracks = [{ key: keyOf(name, new Set()), name, kind: "step", waves: [], flags: [], checklist: items.map((it) => toItem(it)), line: u.line }];
    d.source("tracks[0]", u.line);
    const at = d.questions.findIndex((q) => q.field === "waves");
    if (at >= 0) d.questions.splice(at, 1);
    return;
  }
  if (units.length < 2) return;
  if (listed.length < 2 && !steps.some((st) => linkedParts(d, st)) && assembleStagedSections(d, steps)) return;
  const taken = new Set<string>();
  const ramp = exposureRun(d, units);
  const tracks: DraftTrack[] = [];
  for (const [m, u] of units.entries()) {
    if (tracks.length >= MAX_TRACKS - 1 && !ramp && units.length - m > 1) {
      // More steps than a plan holds: the last track gathers this step and the ones after it, each heading one item
      // of its checklist (with the items under it), and the importer asks whether to split them differently.
      tracks.push(foldedSteps(d, units.slice(m), taken, tracks.length));
      break;
    }
    if (tracks.length >= MAX_TRACKS) break;
    if (ramp && m >= ramp.from && m <= ramp.to) {
      // "Enable on staging", then "Enable on production": the stages of one ramp, the last to everyone.
      if (m === ramp.from) tracks.push(exposureRamp(d, units.slice(ramp.from, ramp.to + 1), taken, tracks.length));
      continue;
    }
    const items = extractItems(d.doc, u.from, u.to).slice(0, 100);
    for (const it of items) d.mark(it.line);
    d.mark(u.line);
    const optional = isOptionalStep(d.doc.lines[u.line - 1] ?? "");
    tracks.push({ key: keyOf(u.name, taken), name: u.name, kind: "step", waves: [], flags: [], checklist: items.map((it) => toItem(it, optional ? { required: false } : {})), line: u.line });
  }
  tracks.forEach((t, k) => {
    if (k > 0) t.after = { track: tracks[k - 1].key, when: "completed" };
    d.source(`tracks[${k}]`, t.line);
  });
  // The placeholder wave and its question give way to the steps.
  const at = d.questions.findIndex((q) => q.field === "waves");
  if (at >= 0) d.questions.splice(at, 1);
  d.tracks = tracks;
}


const GENERIC_STEPS_HEADING = /^(?:the\s+)?(?:steps|procedure|instructions|process|how to|runbook|tasks|actions)$/i;

/** A heading that gives an order: it starts with a verb of the work ("Migrate ...", "Switch ...", "Decommission ..."). */
const ORDER_HEADING =
  /^(?:migrate|move|switch|drain|decommission|retire|shut\s*down|stop|start|restart|deploy|upgrade|update|install|uninstall|configure|create|cut|tag|publish|release|promote|remove|delete|enable|disable|turn|flip|point|redirect|route|shift|cut\s*over|roll\s*out|back\s*up|restore|reconfigure|rebuild|build|merge|push|announce|notify|verify|validate|prepare|preparing|set\s*up|clean\s*up|finali[sz]e|complete|scale|reindex|run|apply|import|export|copy|sync|replace|rotate)\b/i;

function isOrderedProse(d: Draft, kinds: Map<Section, SectionKind>, s: Section): boolean {
  const heading = cleanInline(s.heading);
  if (!ORDER_HEADING.test(heading) || /\?\s*$/.test(heading) || isObservationOrRevert(heading)) return false;
  if (NOT_A_STEP.includes(kinds.get(s) ?? "other") || opensWithRollback(d, s) || opensAsAlternative(d, s)) return false;
  return d.doc.lines.slice(s.bodyFrom - 1, s.toLine).some((l) => /[A-Za-z]{3,}.*\s[A-Za-z]{3,}/.test(l));
}

/** A loop back ("Repeat steps 5-8 as necessary") or a cheer ("Celebrate!") closes a list of steps; neither is a step. */
const NOT_A_LIST_STEP = /^(?:repeat|go back to|return to|loop back to)\b.*\bsteps?\s*\d|^(?:celebrate|profit|enjoy|done|that'?s (?:it|all))\b/i;

/**
 * The top-level numbered items of a unit, each with the lines under it: "1. Open a PR [like this one](...)\n   to
 * revise the roadmap." is the step "Open a PR like this one to revise the roadmap", named by its first sentence.
 */
function numberedListSteps(d: Draft, u: { from: number; to: number }): { name: string; line: number; from: number; to: number; loose: boolean; body: boolean }[] {
  const heads: { n: number; indent: number }[] = [];
  for (let n = u.from; n <= u.to; n++) {
    if (d.doc.inCode[n]) continue;
    const li = listItemAt(d.doc, n);
    if (li?.ordered) heads.push({ n, indent: li.indent });
  }
  if (heads.length === 0) return [];
  const top = Math.min(...heads.map((h) => h.indent));
  const tops = heads.filter((h) => h.indent === top);
  const out: { name: string; line: number; from: number; to: number; loose: boolean; body: boolean }[] = [];
  for (const [k, h] of tops.entries()) {
    const end = k + 1 < tops.length ? tops[k + 1].n - 1 : u.to;
    // The item's first paragraph: its line and the lines that continue it, up to a blank line or a sub-item.
    const words = [(d.doc.lines[h.n - 1] ?? "").replace(/^\s*\d{1,3}[.)]\s+/, "")];
    let n = h.n + 1;
    for (; n <= end; n++) {
      const line = d.doc.lines[n - 1] ?? "";
      if (!line.trim() || d.doc.inCode[n] || listItemAt(d.doc, n) || /^\s*(?::::|<|```|~~~)/.test(line)) break;
      words.push(line.trim());
    }
    // Apart from the next item by a blank line (or the last), and with something under its first paragraph.
    const loose = k + 1 >= tops.length || !(d.doc.lines[tops[k + 1].n - 2] ?? "").trim();
    const body = d.doc.lines.slice(n - 1, k + 1 < tops.length ? end : Math.min(end, n + 200)).some((l) => l.trim() !== "");
    const text = cleanInline(words.join(" "))
      .replace(/^[^\p{L}\p{N}`(]+/u, "")
      .trim();
    if (!text || NOT_A_LIST_STEP.test(text)) continue;
    const first = text.split(/(?<!\b(?:e\.g|i\.e|etc|vs|cf))\.(?:\s|$)/)[0].replace(/[.:;!\s]+$/, "").trim();
    out.push({ name: (first || text).slice(0, 80), line: h.n, from: h.n, to: end, loose, body });
  }
  return out;
}

/** Top-level numbered items in a unit's lines that are not only links. */
function numberedActions(d: Draft, u: { from: number; to: number }): number {
  return extractItems(d.doc, u.from, u.to).filter((it) => {
    const li = listItemAt(d.doc, it.line);
    return li?.ordered && li.indent === 0 && !isOnlyALink(it.text);
  }).length;
}

/** Two or more items, every one a numbered link: the steps of a procedure, each written on its own page. */
function isLinkedProcedure(d: Draft, items: { line: number; text: string }[]): boolean {
  return items.length >= 2 && items.every((it) => /^\s*\d+[.)]\s+\[[^\]]+\]\([^)]+\)\s*$/.test(d.doc.lines[it.line - 1] ?? ""));
}

/** "Part 1: https://example.com/video", "[Design doc](https://...)": a pointer to read or watch, nothing to do. */
function isOnlyALink(text: string): boolean {
  const rest = text.replace(/\[[^\]]*\]\([^)]*\)|<?https?:\/\/\S+>?/g, "").replace(/^[^:]{0,40}:\s*/, "").trim();
  return rest === "" && /https?:\/\/|\]\(/.test(text);
}

function foldedSteps(d: Draft, units: { name: string; line: number; from: number; to: number }[], taken: Set<string>, k: number): DraftTrack {
  const first = units[0];
  const checklist = units.flatMap((u) => {
    d.mark(u.line);
    const items = extractItems(d.doc, u.from, u.to).slice(0, 40);
    for (const it of items) d.mark(it.line);
    return [{ text: u.name.slice(0, 500), required: true, group: u.name.slice(0, 120) }, ...items.map((it) => toItem(it, { group: u.name.slice(0, 120) }))];
  });
  d.ask({
    field: `tracks[${k}]`,
    question: `The procedure has ${k + units.length} steps and a plan holds ${MAX_TRACKS} tracks. The last track, "${first.name}", holds it and the ${units.length - 1} step(s) after it as checklist items. Keep them together or split them differently?`,
    proposed: null,
    blocking: false,
    source: { fromLine: first.line, toLine: units[units.length - 1].to },
  });
  const name = first.name.slice(0, 80);
  return { key: keyOf(name, taken), name, kind: "step", waves: [], flags: [], checklist: checklist.slice(0, 200), line: first.line };
}

/** "Option 1 - GitHub Action", "Alternative B: by hand", "Method 2": one of several ways to do the same thing. */
const OPTION_HEADING = /^(option|alternative|approach|method|variant)\s*(\d{1,2}|[A-Z]|one|two|three|four)\b/i;
/** "To upgrade one instance", "If you use Helm", "For production": a case to pick, not a step after the last. */
const CASE_HEADING = /^(to|if|for|when|with|using)\b/i;

/**
 * A procedure offered as options (two or more "Option N" sections): each option is a way of its own, so it follows
 * nothing. An option broken into parts that each hold work is its steps in order (unless the parts are cases to
 * pick from, "To upgrade one instance" / "To upgrade all of them"); otherwise it is one step. Steps before the first
 * option come first, and every option starts after them. (A part written as prose, "Follow the install guide",
 * is still a step of the sequence when its siblings hold work.)
 */
function assembleOptions(d: Draft, kinds: Map<Section, SectionKind>, main: Section[], steps: Section[]): boolean {
  const options = main.filter((s) => OPTION_HEADING.test(cleanInline(s.heading)));
  if (options.length < 2) return false;
  const hasWork = (from: number, to: number) => extractItems(d.doc, from, to).length > 0 || d.doc.codeBlocks.some((b) => b.fromLine >= from && b.toLine <= to);
  const taken = new Set<string>();
  const tracks: DraftTrack[] = [];
  const push = (st: { name: string; line: number; from: number; to: number }, after: string | null) => {
    if (tracks.length >= MAX_TRACKS) return null;
    const t = stepTrack(d, st, taken, tracks.length);
    if (after) t.after = { track: after, when: "completed" };
    tracks.push(t);
    return t.key;
  };
  let shared: string | null = null;
  for (const s of steps) if (s.line < options[0].line) shared = push({ name: trackName(s.heading), line: s.line, from: s.bodyFrom, to: s.toLine }, shared) ?? shared;
  for (const o of options) {
    const parts = o.children.filter((c) => !NOT_A_STEP.includes(kinds.get(c) ?? "other"));
    const sequence = parts.filter((c) => hasWork(c.bodyFrom, c.toLine)).length >= 2 && !parts.some((c) => CASE_HEADING.test(cleanInline(c.heading)));
    if (!sequence) {
      push({ name: cleanInline(o.heading), line: o.line, from: o.bodyFrom, to: o.toLine }, shared);
      continue;
    }
    let prev = shared;
    for (const c of parts) prev = push({ name: trackName(c.heading), line: c.line, from: c.bodyFrom, to: c.toLine }, prev) ?? prev;
    d.mark(o.line);
  }
  if (tracks.length < 2) return false;
  const at = d.questions.findIndex((q) => q.field === "waves");
  if (at >= 0) d.questions.splice(at, 1);
  d.tracks = tracks;
  return true;
}

/**
 * "## Release" holding "### The server" and "### The load tester", each with its own list of things to do, and
 * not a word of its own (a heading that only groups): each part is a step (released on its own), not one step of
 * two lists. A section that says something before its parts (what they are about) stays one step.
 */
function splitIntoParts(d: Draft, s: Section): Section[] {
  if (s.children.length < 2 || partsOfOneAction(s)) return [s];
  const hasWork = (from: number, to: number) => extractItems(d.doc, from, to).length > 0 || d.doc.codeBlocks.some((b) => b.fromLine >= from && b.toLine <= to);
  if (!hasContent(d.doc, s.bodyFrom, s.bodyTo)) return s.children.every((c) => hasWork(c.bodyFrom, c.toLine)) ? s.children : [s];
  return linkedParts(d, s) ?? [s];
}

/** "Upgrading" -> "upgrad", "Upgrade" -> "upgrad", "Deploys" -> "deploy": a heading's first word without its ending. */
function leadStem(heading: string): string {
  const word = (cleanInline(heading).toLowerCase().match(/^[a-z]+/) ?? [""])[0];
  return word.length > 4 ? word.replace(/(?:ing|ed|es|e|s)$/, "") : word;
}

/**
 * "## Upgrading the control plane" holding "### Upgrade the first node", "### Upgrade the other nodes": the
 * subsections repeat the section's own action, so they are the parts of one step (done together), not steps of
 * their own. Most subsections must start with the section's verb; a section named by a noun ("Release", whose
 * parts are "The server" and "The load tester") still splits.
 */
function partsOfOneAction(s: Section): boolean {
  const stem = leadStem(s.heading);
  // "Deploying" holding "Deploy to staging", "Deploy to production": exposures, each a step (or a stage) of its own.
  if (stem.length < 4 || s.children.some((c) => EXPOSURE.test(cleanInline(c.heading)))) return false;
  const same = s.children.filter((c) => leadStem(c.heading) === stem).length;
  return same >= 2 && same * 3 >= s.children.length * 2;
}

/**
 * "## Workflows", a paragraph, then one numbered list of linked steps per subsection (a release index): the
 * subsections are procedures of their own, never the stages of a ramp.
 */
function linkedParts(d: Draft, s: Section): Section[] | null {
  if (extractItems(d.doc, s.bodyFrom, s.bodyTo).length > 0) return null;
  const linked = s.children.filter((c) => isLinkedProcedure(d, extractItems(d.doc, c.bodyFrom, c.toLine)));
  return linked.length >= 2 ? linked : null;
}

/** A section's stages: its subsections, or the bold labels of its numbered list ("1. **Launch:** ..."). */
function stagesOf(d: Draft, s: Section): { name: string; line: number; from: number; to: number }[] {
  if (s.children.length >= 2 && areVariants(s.children)) return [];
  if (s.children.length >= 2) return s.children.map((c) => ({ name: trackName(c.heading), line: c.line, from: c.bodyFrom, to: c.toLine }));
  const out: { name: string; line: number; from: number; to: number }[] = [];
  for (let n = s.bodyFrom; n <= s.bodyTo; n++) {
    const raw = d.doc.lines[n - 1] ?? "";
    const m = !d.doc.inCode[n] && raw.match(/^ {0,3}\d{1,2}[.)]\s+\*\*([^*]{2,80}?):?\*\*/);
    if (!m) continue;
    if (out.length) out[out.length - 1].to = n - 1;
    out.push({ name: m[1].replace(/:$/, "").trim(), line: n, from: n, to: s.bodyTo });
  }
  return out.length >= 2 ? out : [];
}

/**
 * Main sections that are each broken into stages of their own (subsections, or a numbered list of bold-labelled
 * stages; a section with one subsection speaks through it) are ramps whose stages' shares are asked, in order.
 */
function assembleStagedSections(d: Draft, sections: Section[]): boolean {
  const ramps = sections.map((s) => {
    const inner = s.children.length === 1 ? s.children[0] : s;
    return { section: inner, stages: stagesOf(d, inner) };
  });
  if (ramps.some((r) => r.stages.length < 2)) return false;
  const taken = new Set<string>();
  const tracks: DraftTrack[] = [];
  for (const { section, stages } of ramps) {
    if (tracks.length >= MAX_TRACKS) break;
    const k = tracks.length;
    const name = trackName(section.heading);
    // The stage that releases to everyone is the 100 % wave; the stages after it are work done once, each a step.
    const full = firstFullRelease(stages.map((st) => ({ name: st.name, body: bodyText(d, st.from, st.to) })));
    const kept = stages.slice(0, full >= 0 ? full + 1 : 20);
    const waves: DraftWave[] = kept.map((st, m) => {
      const share = m === kept.length - 1 ? 100 : Math.round(((m + 1) * 100) / kept.length);
      const items = extractItems(d.doc, st.from, st.to).slice(0, 100);
      for (const it of items) d.mark(it.line);
      const path = `tracks[${k}].waves[${m}]`;
      d.source(path, st.line);
      if (m < kept.length - 1) {
        d.ask({ field: `${path}.trafficPercent`, question: `Stage "${st.name}" of "${name}" gives no percentage. How much traffic does it reach?`, proposed: share, blocking: true, source: { fromLine: st.line, toLine: st.line } });
      } else if (full >= 0) d.source(`${path}.trafficPercent`, st.line);
      return { name: st.name.slice(0, 80), trafficPercent: share, bakeSeconds: 0, checklist: items.map((it) => toItem(it, { required: false })), signoffs: [], guardrails: [], triggers: [], line: st.line, percentKnown: false };
    });
    d.source(`tracks[${k}]`, section.line);
    tracks.push({ key: keyOf(name, taken), name, kind: "ramp", waves, flags: [], checklist: [], line: section.line });
    if (full >= 0) for (const st of stages.slice(full + 1, full + 1 + MAX_TRACKS - tracks.length)) tracks.push(stepTrack(d, st, taken, tracks.length));
  }
  tracks.forEach((t, k) => {
    if (k > 0) t.after = { track: tracks[k - 1].key, when: "completed" };
  });
  for (let q = d.questions.length - 1; q >= 0; q--) if (/^waves\b/.test(d.questions[q].field)) d.questions.splice(q, 1);
  for (const key of Object.keys(d.sources)) if (/^waves\[/.test(key)) delete d.sources[key];
  d.waves = [];
  d.noStages = false;
  d.tracks = tracks;
  return true;
}

/** "Enable on staging", "Roll out to canary", "Release in production": a step that exposes the change somewhere. */
const EXPOSURE = /^(enabl\w*|roll(ing)? ?out|releas\w*|expos\w*|launch\w*|turn\w* on|deploy\w*)\b.*\b(on|in|to|for)\b/i;

/**
 * Steps of a procedure that release to everyone: the first such step, with the exposing steps right before it,
 * is a ramp (its shares asked, the last 100 %); the steps around it stay steps.
 */
function exposureRun(d: Draft, units: { name: string; from: number; to: number }[]): { from: number; to: number } | null {
  const full = firstFullRelease(units.map((u) => ({ name: u.name, body: bodyText(d, u.from, u.to) })));
  if (full < 0) return null;
  let from = full;
  while (from > 0 && EXPOSURE.test(units[from - 1].name)) from--;
  return { from, to: full };
}

function exposureRamp(d: Draft, stages: { name: string; line: number; from: number; to: number }[], taken: Set<string>, k: number): DraftTrack {
  const name = (d.name ?? "Rollout").slice(0, 80);
  const waves: DraftWave[] = stages.slice(0, 20).map((st, m, kept) => {
    const share = m === kept.length - 1 ? 100 : Math.round(((m + 1) * 100) / kept.length);
    const items = extractItems(d.doc, st.from, st.to).slice(0, 100);
    for (const it of items) d.mark(it.line);
    const path = `tracks[${k}].waves[${m}]`;
    d.source(path, st.line);
    if (m < kept.length - 1) {
      d.ask({ field: `${path}.trafficPercent`, question: `Stage "${st.name}" gives no percentage. How much traffic does it reach?`, proposed: share, blocking: true, source: { fromLine: st.line, toLine: st.line } });
    } else d.source(`${path}.trafficPercent`, st.line);
    return { name: st.name.slice(0, 80), trafficPercent: share, bakeSeconds: 0, checklist: items.map((it) => toItem(it, { required: false })), signoffs: [], guardrails: [], triggers: [], line: st.line, percentKnown: m === kept.length - 1 };
  });
  return { key: keyOf(name, taken), name, kind: "ramp", waves, flags: [], checklist: [], line: stages[0].line };
}

/** One ramp up to everyone, then the stages written after it as steps, in order (see splitAtFullRelease). */
function assembleFollowUps(d: Draft) {
  const taken = new Set<string>();
  const name = (d.name ?? "Rollout").slice(0, 80);
  const tracks: (DraftTrack & { waveFrom?: number })[] = [
    { key: keyOf(name, taken), name, kind: "ramp", waves: d.waves, flags: d.flags, checklist: [], line: d.waves[0]?.line ?? 1, waveFrom: 0 },
  ];
  for (const f of d.followUps.slice(0, MAX_TRACKS - 1)) tracks.push(stepTrack(d, { name: f.name, line: f.line, from: f.fromLine, to: f.toLine }, taken, tracks.length));
  tracks.forEach((t, k) => {
    if (k > 0) t.after = { track: tracks[k - 1].key, when: "completed" };
  });
  remapPaths(d, tracks);
  d.tracks = tracks.map(({ waveFrom: _, ...t }) => t);
}

/** A stage's lines as text, code blocks left out (commands say what is run, not who it reaches). */
function bodyText(d: Draft, from: number, to: number): string {
  const out: string[] = [];
  for (let n = from; n <= Math.min(to, from + 200); n++) if (!d.doc.inCode[n]) out.push(d.doc.lines[n - 1] ?? "");
  return out.join("\n");
}

/** Work after the release to everyone (remove the flag, announce, clean up): a step with its own list. */
export function stepTrack(d: Draft, st: { name: string; line: number; from: number; to: number }, taken: Set<string>, k: number): DraftTrack {
  const items = extractItems(d.doc, st.from, st.to).slice(0, 100);
  for (const it of items) d.mark(it.line);
  d.mark(st.line);
  d.source(`tracks[${k}]`, st.line);
  const name = st.name.slice(0, 80);
  const optional = isOptionalStep(d.doc.lines[st.line - 1] ?? "");
  return { key: keyOf(name, taken), name, kind: "step", waves: [], flags: [], checklist: items.map((it) => toItem(it, optional ? { required: false } : {})), line: st.line };
}

/**
 * "- [ ] Introduce the new version behind a flag" with its own sub-items, then "- [ ] Roll out the flag" with
 * its own: each outermost item that has sub-items is a step, named by its first sentence; it and its sub-items
 * are the step's checklist. Every outermost item must have sub-items, else the list is one checklist.
 */
export function nestedListSteps(d: Draft, s: Section): { name: string; line: number; from: number; to: number }[] {
  const items: { n: number; indent: number; text: string }[] = [];
  for (let n = s.bodyFrom; n <= s.toLine; n++) {
    const li = listItemAt(d.doc, n);
    if (li) items.push({ n, indent: li.indent, text: li.text });
  }
  if (items.length === 0) return [];
  const top = Math.min(...items.map((it) => it.indent));
  const groups: { head: (typeof items)[number]; last: number; nested: number }[] = [];
  for (const it of items) {
    if (it.indent === top) groups.push({ head: it, last: it.n, nested: 0 });
    else if (groups.length) {
      groups[groups.length - 1].last = it.n;
      groups[groups.length - 1].nested++;
    }
  }
  if (groups.length < 2 || groups.some((g) => g.nested === 0)) return [];
  return groups.map((g) => ({ name: stepName(g.head.text), line: g.head.n, from: g.head.n, to: g.last }));
}

/** "Roll out the flag ([Reference](...)). Only after ..." -> "Roll out the flag". */
function stepName(text: string): string {
  const first = text.replace(/\([^)]*\)/g, " ").split(/\.(?:\s|$)/)[0];
  return trackName(first.replace(/\s+/g, " ").trim() || text);
}

/** Sources and questions written against "waves[i]" and "flags[j]" move to the track that now holds them. */
export function remapPaths(d: Draft, tracks: (DraftTrack & { waveFrom?: number })[]) {
  const waveTo = new Map<number, string>();
  const flagTo = new Map<number, string>();
  for (const [k, t] of tracks.entries()) {
    for (let m = 0; m < t.waves.length; m++) if (t.waveFrom !== undefined) waveTo.set(t.waveFrom + m, `tracks[${k}].waves[${m}]`);
    for (const [m, f] of t.flags.entries()) flagTo.set(d.flags.indexOf(f), `tracks[${k}].flags[${m}]`);
  }
  const move = (path: string) =>
    path
      .replace(/^waves\[(\d+)\]/, (all, i) => waveTo.get(Number(i)) ?? all)
      .replace(/^flags\[(\d+)\]/, (all, j) => flagTo.get(Number(j)) ?? all);
  for (const key of Object.keys(d.sources)) {
    const at = key.startsWith("tracks[?") ? tracks.findIndex((t) => `tracks[?${t.line}]` === key) : 0;
    // A step past the tracks the format holds keeps no source.
    if (at < 0) {
      delete d.sources[key];
      continue;
    }
    const to = key.startsWith("tracks[?") ? `tracks[${at}]` : move(key);
    if (to !== key) {
      d.sources[to] = d.sources[key];
      delete d.sources[key];
    }
  }
  for (const q of d.questions) {
    q.field = move(q.field);
    q.targets = q.targets.map(move);
  }
}
