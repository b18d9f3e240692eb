// Example manifests under different sections ("Canary Release", "A/B Testing", "Blue/Green") are alternatives: each
// is a way to run the release, not a step after the one before. When a document's schedule is nothing but such
// manifests, each section's first manifest becomes its own ramp track, independent of the others (no `after`).
import { MAX_TRACKS } from "../core/plan";
import { extractCodeSchedule, type WeightStage } from "./code-block-data";
import { cleanInline, type Section } from "./document";
import type { Draft, DraftTrack, DraftWave } from "./draft";
import { keyOf, stepTrack, trackName } from "./assemble-tracks";
import { askAboutCoarsenedRamp, readFlagBlocks } from "./extract-phases";
import { stageListBlocks } from "./stage-list-blocks";


function innermost(d: Draft, line: number): Section | null {
  let best: Section | null = null;
  for (const s of d.doc.sections) if (s.level > 0 && s.line <= line && line <= s.toLine && (!best || s.level >= best.level)) best = s;
  return best;
}

const STEP_HEADING = /^(?:step\s*)?\d{1,2}\s*[:.)]\s|^step\s*\d{1,2}\b/i;

const TEARDOWN_HEADING = /\b(delet\w*|deletion|tear(?:ing)?[\s-]*down|uninstall\w*|decommission\w*|clean[\s-]*up)\b/i;

/**
 * The manifests with a schedule, in document order: each section's first, and after it every one whose traffic
 * weights differ ("linear" then "non-linear" weights side by side). Further analyses without weights in a section
 * are variations of its first (match rules, webhooks), not other ways to ramp.
 */
export function manifestRamps(d: Draft): { section: Section; stages: WeightStage[]; nth: number }[] {
  const found: { section: Section; stages: WeightStage[]; nth: number }[] = [];
  for (const block of d.doc.codeBlocks) {
    const stages = extractCodeSchedule(block);
    const section = innermost(d, block.fromLine);
    if (!stages || !section) continue;
    // A configuration shown for deleting or tearing down ("Reverse Deletion") orders removal, not a rollout.
    if (TEARDOWN_HEADING.test(cleanInline(section.heading))) continue;
    // "#### Detailed Example" under "### Canary with step weights": an illustration of the option its parent
    // configures (how the shares round on ten instances), not another way to release.
    if (/\bexamples?\b/i.test(cleanInline(section.heading)) && found.some((f) => f.section.fromLine < section.fromLine && section.toLine <= f.section.toLine)) continue;
    const same = found.filter((f) => f.section === section);
    const weights = (st: WeightStage[]) => st.map((x) => (x.shareUnknown ? "?" : x.percent)).join(",");
    if (same.length > 0 && (stages.some((x) => x.shareUnknown) || same.some((f) => weights(f.stages) === weights(stages)))) continue;
    // The very same configuration shown again in a later section whose heading is a numbered step ("Step 2: Perform
    // the deployment") after an example of it up front: one rollout, applied where the procedure applies it.
    const full = (st: WeightStage[]) => st.map((x) => `${x.shareUnknown ? "?" : x.percent}/${x.durationSeconds ?? ""}`).join(",");
    const shown = found.findIndex((f) => f.section !== section && full(f.stages) === full(stages) && f.section.line < section.line);
    if (shown >= 0 && STEP_HEADING.test(cleanInline(section.heading)) && !STEP_HEADING.test(cleanInline(found[shown].section.heading))) {
      found.splice(shown, 1, { section, stages, nth: 1 });
      continue;
    }
    found.push({ section, stages, nth: same.length + 1 });
  }
  // Plain fenced lists of stage lines, one per strategy section (stage-list-blocks.ts), when no manifest gave any.
  if (found.length > 0) return withAllAtOnce(d, found);
  for (const { section, stages } of stageListBlocks(d)) {
    const same = found.filter((f) => f.section === section);
    const weights = (st: WeightStage[]) => st.map((x) => x.percent).join(",");
    if (same.length > 0) continue;
    if (stages.some((x) => x.shareUnknown || x.percent <= 0) || found.some((f) => weights(f.stages) === weights(stages))) continue;
    found.push({ section, stages: stages.map((x) => ({ line: x.line, percent: x.percent, ...(x.label ? { label: x.label } : {}), ...(x.durationSeconds !== undefined ? { durationSeconds: x.durationSeconds } : {}), ...(x.maxSeconds !== undefined ? { maxSeconds: x.maxSeconds } : {}) })), nth: 1 });
  }
  return withAllAtOnce(d, found);
}

function withAllAtOnce(d: Draft, found: { section: Section; stages: WeightStage[]; nth: number }[]) {
  if (found.length >= 2) found.push(...allAtOnceStrategies(d, found.map((f) => f.section)));
  return found.sort((a, b) => a.section.line - b.section.line || a.nth - b.nth);
}

/** "Timeline: Immediate (0% → 100%)", "all users at once", "everyone immediately": one step to everyone. */
const ALL_AT_ONCE = [
  /\b(?:immediate(?:ly)?|instant(?:ly)?|at once|in one (?:go|step)|single step)\b[^.;]{0,20}\(?\s*0\s*%\s*(?:→|->|=>)\s*100\s*%/i,
  /\b0\s*%\s*(?:→|->|=>)\s*100\s*%\s*\)?[^.;]{0,20}\b(?:immediate(?:ly)?|instant(?:ly)?|at once|in one (?:go|step))\b/i,
  /\b(?:all|every)\s+(?:users|traffic|customers|tenants|hosts|servers|instances|targets|clients)\s+(?:at once|simultaneously|in one go|immediately)\b/i,
  /\b(?:everyone|everybody)\s+(?:at once|simultaneously|in one go|immediately)\b/i,
];
/** "Instead of making it available to everyone at once": the sentence says what the strategy is not. */
const NEGATED = /\b(?:instead of|rather than|not|never|avoid\w*|without|unlike)\b/i;
const lastWord = (heading: string) => (cleanInline(heading).toLowerCase().match(/([a-z]+)\W*$/) ?? ["", ""])[1];

/**
 * Strategies offered side by side ("Progressive Rollout" with its stage list, "Canary Rollout" with its own) and,
 * beside them under the same parent and named in the same way ("Big Bang Rollout"), one with no stages because
 * it releases to everyone at once ("Timeline: Immediate (0% → 100%)"): that one is an alternative too, with one
 * 100 % stage. Its own text says so (not an example's, not a sentence saying what it is not).
 */
function allAtOnceStrategies(d: Draft, staged: Section[]): { section: Section; stages: WeightStage[]; nth: number }[] {
  const parent = staged[0].parent;
  if (!parent || staged.some((s) => s.parent !== parent || s.level !== staged[0].level)) return [];
  const kinds = new Set(staged.map((s) => lastWord(s.heading)).filter((w) => w.length >= 4));
  const out: { section: Section; stages: WeightStage[]; nth: number }[] = [];
  for (const s of parent.children) {
    if (staged.includes(s) || !kinds.has(lastWord(s.heading))) continue;
    const hit = (() => {
      for (let n = s.bodyFrom; n <= s.toLine; n++) {
        if (d.doc.inCode[n] || s.children.some((c) => /\bexamples?\b/i.test(c.heading) && c.fromLine <= n && n <= c.toLine)) continue;
        for (const sentence of cleanInline(d.doc.lines[n - 1] ?? "").split(/(?<=[.;!?])\s+/)) {
          if (ALL_AT_ONCE.some((re) => re.test(sentence)) && !NEGATED.test(sentence)) return n;
        }
      }
      return undefined;
    })();
    if (hit) out.push({ section: s, stages: [{ line: hit, percent: 100 }], nth: 1 });
  }
  return out;
}

/** Whether every run of stages read outside code has the shares, in order, of one of the manifests. */
function outsideOnlyRestates(d: Draft, manifests: WeightStage[][]): boolean {
  const known = (shares: number[]) => shares.join(",");
  const signatures = new Set(manifests.map((m) => known(m.filter((st) => !st.shareUnknown).map((st) => st.percent))));
  const runs: number[][] = [];
  let last = -2;
  d.waves.forEach((w, i) => {
    if (d.doc.inCode[w.line]) return;
    if (i !== last + 1) runs.push([]);
    if (w.percentKnown) runs[runs.length - 1].push(w.trafficPercent);
    last = i;
  });
  return runs.every((r) => r.length > 0 && signatures.has(known(r)));
}

/** True when it made the draft a set of alternative ramps. */
export function assembleAlternatives(d: Draft): boolean {
  // Something the other extractors attached to a stage would be lost by rebuilding the stages.
  if (d.waves.some((w) => w.checklist.length || w.guardrails.length || w.triggers.length || w.signoffs.length)) return false;
  const ramps = manifestRamps(d).slice(0, MAX_TRACKS);
  if (ramps.length < 2) return false;
  // Stages written anywhere but in a manifest (a "Day 1: 25%" line, a phase heading) make a plan of its own kind,
  // unless they only say again what one of the manifests does (an overview's "5% → 25% → 100%", a workflow's
  // "Wave 1 (10%)" list explaining the configuration above it).
  if (!d.noStages && !outsideOnlyRestates(d, ramps.map((r) => r.stages))) return false;
  // A flag belongs to the track whose section configures it; a flag outside them all has no track to go to.
  // The stage reader may have looked only at the phase sections, so each ramp's own flag blocks are read here.
  for (const r of ramps) readFlagBlocks(d, r.section.fromLine, r.section.toLine);
  const inside = (s: Section, line: number) => s.fromLine <= line && line <= s.toLine;
  if (d.flags.some((f) => !ramps.some((r) => inside(r.section, f.line)))) return false;
  const names = namesOf(d, ramps.map((r) => r.section)).map((n, k) => (ramps[k].nth > 1 ? `${n} ${ramps[k].nth}`.slice(0, 80) : n));
  if (new Set(names.map((n) => n.toLowerCase())).size !== names.length) return false;

  for (const key of Object.keys(d.sources)) if (/^waves\[/.test(key)) delete d.sources[key];
  for (let q = d.questions.length - 1; q >= 0; q--) if (/^waves\b/.test(d.questions[q].field)) d.questions.splice(q, 1);
  d.waves = [];
  d.noStages = false;
  const taken = new Set<string>();
  const flagPath = new Map<number, string>();
  d.tracks = ramps.map(({ section, stages }, k) => {
    const name = names[k];
    const flags = d.flags.filter((f) => inside(section, f.line) && !flagPath.has(d.flags.indexOf(f)));
    for (const [m, f] of flags.entries()) flagPath.set(d.flags.indexOf(f), `tracks[${k}].flags[${m}]`);
    const waves: DraftWave[] = stages.map((st, m) => {
      const path = `tracks[${k}].waves[${m}]`;
      d.source(path, st.line);
      if (st.durationSeconds !== undefined) d.source(`${path}.bakeSeconds`, st.line);

      const wave: DraftWave = {
        name: (st.label ?? `${st.percent}%`).slice(0, 80),
        trafficPercent: st.percent,
        bakeSeconds: st.durationSeconds ?? 0,
        checklist: [],
        signoffs: [],
        guardrails: [],
        triggers: [],
        line: st.line,
        percentKnown: !st.shareUnknown,
      };
      // "1-2 days": the shortest stay is the bake, the longest its decision deadline; asked, as for any stage.
      if (st.durationSeconds !== undefined && st.maxSeconds !== undefined && st.maxSeconds > st.durationSeconds) {
        wave.maxSeconds = st.maxSeconds;
        d.ask({
          field: `${path}.bakeSeconds`,
          question: `Stage "${wave.name}" of "${name}" lasts a range (up to ${st.maxSeconds} s). The bake time is the shortest stay and the longest is its decision deadline; confirm it or pick another (a duration: 2h, 30m, 1 d).`,
          proposed: st.durationSeconds,
          blocking: false,
          source: { fromLine: st.line, toLine: st.line },
        });
      }
      if (st.shareUnknown) {
        // The analysis runs on a cohort or on mirrored traffic: no share to copy, so one is proposed and asked.
        const next = stages[m + 1]?.percent ?? 100;
        const before = m > 0 ? stages[m - 1].percent : 0;
        wave.trafficPercent = Math.round(((before + next) / 2) * 1000) / 1000;
        d.ask({
          field: `${path}.trafficPercent`,
          question: `Stage "${wave.name}" of "${name}" runs its analysis without a share of traffic (a matched cohort or mirrored requests). Which share should the plan give it?`,
          proposed: wave.trafficPercent,
          blocking: true,
          source: { fromLine: st.line, toLine: st.line },
        });
      } else d.source(`${path}.trafficPercent`, st.line);
      return wave;
    });
    askAboutCoarsenedRamp(d, `tracks[${k}].waves`, stages, waves.map((w) => ({ name: w.name, trafficPercent: w.trafficPercent, bakeSeconds: w.bakeSeconds })));
    d.source(`tracks[${k}]`, section.line);
    return { key: keyOf(name, taken), name, kind: "ramp", waves, flags, checklist: [], line: section.line } satisfies DraftTrack;
  });
  // Sources and questions written against "flags[j]" move to the track that now holds the flag.
  const move = (path: string) => path.replace(/^flags\[(\d+)\]/, (all, j) => flagPath.get(Number(j)) ?? all);
  for (const key of Object.keys(d.sources)) {
    const to = move(key);
    if (to !== key) {
      d.sources[to] = d.sources[key];
      delete d.sources[key];
    }
  }
  for (const q of d.questions) {
    q.field = move(q.field);
    q.targets = q.targets.map(move);
  }
  d.flags = [];
  firstDeployAsStep(d, ramps);
  return true;
}

/** "First Time Deploy", "Initial installation", "Installing the app": the first application of a configuration. */
const FIRST_DEPLOY = /^(?:(?:the\s+)?first[\s-]+(?:time\s+)?(?:deploy\w*|install\w*|release|rollout|set\s*up)|initial\s+(?:deploy\w*|install\w*|release|set\s*up)|install\w*|bootstrap\w*)\b/i;

/**
 * "First Time Deploy", then "Day-2 Canary Release", both applying the very same ramp configuration: the first
 * application installs (there is no earlier version to shift traffic from), so it is a step, and the ramp is the
 * second application, after it.
 */
function firstDeployAsStep(d: Draft, ramps: { section: Section; stages: WeightStage[] }[]) {
  const full = (st: WeightStage[]) => st.map((x) => `${x.shareUnknown ? "?" : x.percent}/${x.durationSeconds ?? ""}`).join(",");
  const tracks = d.tracks;
  if (!tracks || ramps.length !== 2 || tracks.length !== 2 || full(ramps[0].stages) !== full(ramps[1].stages)) return;
  const first = ramps[0].section;
  if (!FIRST_DEPLOY.test(cleanInline(first.heading)) || tracks[0].flags.length > 0) return;
  for (const key of Object.keys(d.sources)) if (key.startsWith("tracks[0].waves")) delete d.sources[key];
  for (let q = d.questions.length - 1; q >= 0; q--) if (d.questions[q].field.startsWith("tracks[0].waves")) d.questions.splice(q, 1);
  const step = stepTrack(d, { name: tracks[0].name, line: first.line, from: first.bodyFrom, to: first.toLine }, new Set([tracks[1].key]), 0);
  tracks[0] = step;
  tracks[1].after = { track: step.key, when: "completed" };
}

/** Headings that say where an example sits, not what it is: such a section takes the document's title. */
const GENERIC_HEADING = /^(examples?|bootstrap(ping)?|usage|set ?up|getting started|configuration|sample|demo|quick ?start)$/i;

/** Headings that say a section shows a configuration, not which way of releasing it is. */
const CONFIG_HEADING = /\b(config(uration)?s?|examples?|manifests?|set ?up|spec(ification)?|yaml)\s*$/i;

/** Each ramp's name: its section's heading, or the document's title for the first one under a generic heading. */
function namesOf(d: Draft, sections: Section[]): string[] {
  const titles = d.doc.sections.filter((s) => s.level === 1);
  let title = titles.length === 1 ? trackName(titles[0].heading) : undefined;
  return sections.map((s) => {
    // "### Basic Canary Configuration" under "## Canary Rotation": a configuration is named by what it configures,
    // when its parent section holds no other of the alternatives.
    const parent = s.parent && s.parent.level >= 2 ? s.parent : null;
    if (parent && CONFIG_HEADING.test(cleanInline(s.heading)) && sections.filter((o) => o.fromLine >= parent.fromLine && o.toLine <= parent.toLine).length === 1) return trackName(parent.heading);
    const own = trackName(s.heading);
    if (!title || !GENERIC_HEADING.test(own)) return own;
    const name = title;
    title = undefined;
    return name;
  });
}
