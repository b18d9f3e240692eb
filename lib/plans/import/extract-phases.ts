// Stages of the rollout: wave sections (headings) and stage lines ("Day 1: 25%") to draft waves.
import type { SectionKind } from "./classify";
import { promotionChain, proseSentences } from "./promotion-chain";
import { parseDuration } from "./conditions";
import { areVariants } from "./procedure-variants";
import { cleanInline, labelledBlocks, tablesIn, type LabelledBlock, type LineRange, type Section } from "./document";
import { DEFAULT_BAKE_SECONDS, descendants, topSections, type Draft, type DraftFlag, type DraftWave } from "./draft";
import { addItems, addShellSteps } from "./extract-checklists";
import { procedureSplits } from "./procedure-splits";
import { NUMBER_WORDS, proseWaitSeconds } from "./prose-durations";
import { extractItems } from "./extract-checkboxes";
import { extractTriggers } from "./extract-guardrails";
import { movedShare } from "./inline-shares";
import { commentShare } from "./comment-shares";
import { stageTable } from "./stage-table";
import { parseWaveLine, type WaveLine } from "./extract-waves";
import { FLAG_KEY } from "../../flags/core/flag-spec";
import { extractFlagConfig } from "./code-block-data";
import { looksLikeAlertRules } from "./extract-alert-rules";
import { readStageGroups, type Stage } from "./read-stages";
import { parsePercent } from "./units";
import { firstFullRelease, releasesToEveryone } from "./full-release";
import { splitStages } from "./split-configs";

/** A stage's scope or audience that is everyone: "<full set>", "the entire fleet", "all users", "everyone". */
const SCOPE_OF_EVERYONE = /\b(?:full|entire|whole|complete)\s+(?:set|fleet|population|user ?base|dataset|traffic|estate)\b|\ball\s+(?:users|traffic|customers|tenants|accounts|hosts|servers|instances|nodes|regions|rows|records)\b|\beveryone\b/i;

// "- Duration: 2 days", or the same label on a line of its own without the list marker ("Duration: 2 hours").
const DURATION_BULLET = /^\s{0,3}(?:[-*+]\s+)?(?:duration|bake(?:\s+time)?|soak(?:\s+time)?|wait|hold)\s*:\s*(.+)$/i;

/** The first "- Duration: …" bullet in a stage section's own body (outside code), read as a duration. */
function plainDurationBullet(d: Draft, s: Section): { seconds: number; maxSeconds?: number; text: string; line: number } | undefined {
  for (let n = s.bodyFrom; n <= s.bodyTo && n - s.bodyFrom < 200; n++) {
    if (d.doc.inCode[n]) continue;
    const m = (d.doc.lines[n - 1] ?? "").slice(0, 300).match(DURATION_BULLET);
    const dur = m ? parseDuration(m[1]) : null;
    if (dur) return { seconds: dur.seconds, ...(dur.maxSeconds ? { maxSeconds: dur.maxSeconds } : {}), text: dur.text, line: n };
  }
  return undefined;
}

const SCOPE_BULLET = /^\s{0,3}[-*+]\s+(?:scope|audience|target(?:\s+users)?|cohort|exposure|reach)\s*:\s*(.+)$/i;

/** The first "- Scope: …" bullet in a stage section's own body (outside code). */
function plainScopeBullet(d: Draft, s: Section): { rest: string; line: number } | undefined {
  for (let n = s.bodyFrom; n <= s.bodyTo && n - s.bodyFrom < 200; n++) {
    if (d.doc.inCode[n]) continue;
    const m = (d.doc.lines[n - 1] ?? "").slice(0, 300).match(SCOPE_BULLET);
    if (m) return { rest: cleanInline(m[1]), line: n };
  }
  return undefined;
}

/** A wave's labelled blocks: its own body's, plus each subsection as a block named by its heading. */
export function waveBlocks(d: Draft, s: Section): LabelledBlock[] {
  const blocks = labelledBlocks(d.doc, s.bodyFrom, s.bodyTo);
  for (const child of s.children) {
    for (const sub of descendants(child)) {
      const inner = labelledBlocks(d.doc, sub.bodyFrom, sub.bodyTo);
      // "### Duration: 7-10 days": a heading that is itself a label and its value.
      const labelled = sub.heading.match(/^([^:]{1,40}):\s*(.+)$/);
      const label = labelled ? labelled[1].trim() : sub.heading;
      if (labelled) blocks.push({ label, rest: labelled[2].trim(), line: sub.line, fromLine: sub.line, toLine: sub.line });
      for (const b of inner) blocks.push(b.label ? b : { ...b, label, line: sub.line, rest: "" });
    }
  }
  return blocks;
}

export function extractWaves(d: Draft, kinds: Map<Section, SectionKind>) {
  const waveSections = topSections(d.doc, kinds, "wave").filter((s) => !isShareLessStepRun(d, kinds, s));
  if (waveSections.length > 0) {
    // The format holds 20 waves; further stage sections stay unmapped (and so are listed), not silently merged.
    const kept = waveSections.slice(0, 20);
    for (const [k, s] of kept.entries()) extractWaveSection(d, s, k === kept.length - 1);
  } else {
    extractWaveLines(d, kinds);
    // "## Rollout Steps" with a subsection per step and no percentages: each subsection is a stage (shares asked).
    const steps = topSections(d.doc, kinds, "phases").find((s) => s.children.length >= 2);
    // "Perform a release using a release plan" holding how-to subsections (start, pause, revert) while the stages
    // are a list elsewhere ("- Milestone 2: 20% of beta users"): stages written anywhere come before subsections
    // whose shares would all be invented.
    if (d.waves.length === 0 && steps) extractWaveLines(d, kinds, true);
    if (d.waves.length === 0 && steps && !areVariants(steps.children)) {
      const kept = steps.children.slice(0, 20);
      for (const [k, s] of kept.entries()) extractWaveSection(d, s, k === kept.length - 1);
    }
  }
  if (d.waves.length === 0) extractProcedureSplits(d);
  if (d.waves.length === 0) extractStageTable(d, kinds);
  if (d.waves.length === 0) extractReleaseTimeline(d);
  if (d.waves.length === 0) extractProseShares(d, kinds);
  // A ramp or a pre-release said only in words, in a document that is not a procedure of commands (whose sections
  // are its steps, whatever its introduction says about the release).
  if (d.waves.length === 0 && !isCommandProcedure(d)) extractGradualRamp(d, kinds);
  if (d.waves.length === 0 && !isCommandProcedure(d)) extractLeadTime(d, kinds);
  if (d.waves.length === 0) extractSplitStages(d, kinds);
  if (d.waves.length === 0) extractPromotionChain(d, kinds);
  addDarkPreview(d, kinds);
  splitAtFullRelease(d);
  splitAfterKnownFull(d);
  fillMissingPercents(d);
  if (d.waves.length === 0) {
    d.noStages = true;
    d.waves.push({ name: "Full rollout", trafficPercent: 100, bakeSeconds: 0, checklist: [], signoffs: [], guardrails: [], triggers: [], line: 1, percentKnown: false });
    d.ask({
      field: "waves",
      question: "No stage with a percentage was found (a heading such as \"Wave 1 (10%)\" or a line such as \"Day 1: 25%\"). Which waves should the rollout have?",
      proposed: [{ name: "Full rollout", trafficPercent: 100 }],
      blocking: true,
      source: { fromLine: 1, toLine: 1 },
    });
  }
}

/**
 * "Step 3: stop one server", "Step 4: restart it" with no share anywhere in them: the numbered steps of a
 * procedure (an upgrade, a migration), done once each, not stages of exposure whose shares would all be invented.
 * Only when every numbered-step section of the document is share-less, so a ramp written as steps keeps its stages.
 */
function isShareLessStepRun(d: Draft, kinds: Map<Section, SectionKind>, s: Section): boolean {
  const steps = topSections(d.doc, kinds, "wave").filter((w) => /^step\s*\d/i.test(cleanStepHeading(w.heading)));
  if (steps.length < 2 || !steps.includes(s)) return false;
  return steps.every((w) => !d.doc.lines.slice(w.line - 1, w.toLine).some((l) => /\d\s*%|\bweight\b|\bpercent(age)?\b/i.test(l)));
}

function cleanStepHeading(h: string): string {
  return h.replace(/[*_`]/g, "").trim();
}

/** A table whose rows are the stages in order (stage-table.ts); shares it does not give are asked by fillMissingPercents. */
function extractStageTable(d: Draft, kinds: Map<Section, SectionKind>) {
  const excluded = d.doc.sections.filter((s) => NOT_STAGES.includes(kinds.get(s) ?? "other"));
  const stages = stageTable(d.doc, (n) => !excluded.some((s) => s.fromLine <= n && n <= s.bodyTo));
  if (!stages) return;
  for (const st of stages) {
    const i = d.waves.length;
    const known = st.percent !== undefined;
    d.waves.push({ name: st.name, trafficPercent: st.percent ?? 0, bakeSeconds: st.bakeSeconds ?? 0, checklist: [], signoffs: [], guardrails: [], triggers: [], line: st.line, percentKnown: known });
    d.source(`waves[${i}]`, st.line);
    if (known) d.source(`waves[${i}].trafficPercent`, st.line);
  }
  d.mark(stages[0].line - 2, stages[stages.length - 1].line);
}

/** Splits applied by a numbered procedure's steps (procedure-splits.ts), each step a stage. */
function extractProcedureSplits(d: Draft) {
  const stages = procedureSplits(d.doc);
  if (!stages) return;
  for (const st of stages.slice(0, 20)) {
    const i = d.waves.length;
    const known = st.percent > 0;
    if (st.flagKey && !d.flags.some((f) => f.key === st.flagKey)) d.flags.push({ key: st.flagKey, constraints: [], line: st.line });
    d.waves.push({ name: st.name ?? (known ? `${st.percent}%` : "Staged"), trafficPercent: st.percent, bakeSeconds: 0, checklist: [], signoffs: [], guardrails: [], triggers: [], line: st.line, percentKnown: known });
    d.source(`waves[${i}]`, st.line);
    if (known) d.source(`waves[${i}].trafficPercent`, st.line);
  }
}

function newWave(line: WaveLine, n: number): DraftWave {
  return {
    name: line.name,
    trafficPercent: line.percent ?? 0,
    bakeSeconds: line.durationSeconds ?? 0,
    checklist: [],
    signoffs: [],
    guardrails: [],
    triggers: [],
    ...(line.unit ? { unit: line.unit } : {}),
    line: n,
    percentKnown: line.percent !== undefined,
  };
}

/** A phase section ("## Phase 2: Limited Beta"): one wave, or one per stage when its body holds a schedule. */
function extractWaveSection(d: Draft, s: Section, isLast: boolean) {
  if (d.waves.length >= 20) return;
  const i = d.waves.length;
  const head = parseWaveLine(s.heading);
  const wave = newWave(head, s.line);
  d.waves.push(wave);
  d.source(`waves[${i}]`, s.line);
  d.source(`waves[${i}].name`, s.line);
  let percentLine = head.percent !== undefined ? s.line : undefined;
  let percentRange: { line: number; text: string } | undefined;
  let durationLine = head.durationSeconds !== undefined ? s.line : undefined;
  let range: { line: number; text: string; max: number } | undefined =
    head.maxSeconds !== undefined ? { line: s.line, text: head.durationText ?? "", max: head.maxSeconds } : undefined;

  for (const b of waveBlocks(d, s)) {
    const label = b.label.toLowerCase();
    if (/^(duration|bake|soak|how long|length|time in wave|observation|decision window|window|time ?box|wait)/.test(label)) {
      const dur = parseDuration(b.rest);
      if (dur) {
        wave.bakeSeconds = dur.seconds;
        durationLine = b.line;
        d.mark(b.line);
        if (dur.maxSeconds) range = { line: b.line, text: dur.text, max: dur.maxSeconds };
        else range = undefined;
        // "48 hours (continue monitoring for 2 weeks)": the observation after the last wave.
        const later = parseDuration(b.rest.slice(dur.index + dur.text.length));
        if (isLast && later && /monitor|observ|hypercare|stable/i.test(b.rest) && d.hypercare.durationSeconds === undefined) {
          d.hypercare.durationSeconds = later.seconds;
          d.source("hypercare.durationSeconds", b.line);
        }
      }
    } else if (/^(target|audience|who|cohort|scope|exposure|reach|participants?|recipients|population|users?$|user group)/.test(label)) {
      if (b.rest) {
        wave.audience = b.rest.slice(0, 300);
        d.source(`waves[${i}].audience`, b.line);
        const pct = parsePercent(b.rest);
        if (percentLine === undefined && pct && pct.value > 0 && pct.value <= 100) {
          wave.trafficPercent = pct.value;
          wave.percentKnown = true;
          percentLine = b.line;
          const unit = parseWaveLine(b.rest).unit;
          if (unit) wave.unit = unit;
          if (pct.max !== undefined) percentRange = { line: b.line, text: pct.text };
        } else if (percentLine === undefined && !pct && SCOPE_OF_EVERYONE.test(b.rest)) {
          // "Scope: the full set", "Audience: all users": the stage that reaches everyone, 100 %.
          wave.trafficPercent = 100;
          wave.percentKnown = true;
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
      addItems(d, b, `waves[${i}].checklist`, wave.checklist, { group: b.label, bindMetrics: true });
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
  // "- Duration: 24 hours minimum": a plain (not bold) label in the stage's own bullets.
  if (durationLine === undefined) {
    const plain = plainDurationBullet(d, s);
    if (plain) {
      wave.bakeSeconds = plain.seconds;
      durationLine = plain.line;
      d.mark(plain.line);
      range = plain.maxSeconds ? { line: plain.line, text: plain.text, max: plain.maxSeconds } : undefined;
    }
  }
  // "- Scope: <full set>", "- Audience: 5% of users": a plain (not bold) scope label in the stage's own bullets.
  if (percentLine === undefined) {
    const scope = plainScopeBullet(d, s);
    const pct = scope ? parsePercent(scope.rest) : null;
    if (scope && pct && pct.value > 0 && pct.value <= 100) {
      wave.trafficPercent = pct.value;
      wave.percentKnown = true;
      percentLine = scope.line;
      if (pct.max !== undefined) percentRange = { line: scope.line, text: pct.text };
    } else if (scope && !pct && SCOPE_OF_EVERYONE.test(scope.rest)) {
      wave.trafficPercent = 100;
      wave.percentKnown = true;
      percentLine = scope.line;
    }
  }
  // A flag configuration in the phase's code gives the flag, and the share when nothing else did.
  for (const flag of readFlagBlocks(d, s.fromLine, s.toLine)) {
    if (percentLine === undefined && flag.percent !== undefined && flag.percent > 0) {
      wave.trafficPercent = flag.percent;
      wave.percentKnown = true;
      percentLine = flag.line;
    }
  }
  if (range) wave.maxSeconds = range.max;
  if (durationLine) d.source(`waves[${i}].bakeSeconds`, durationLine);
  const stages = readStageGroups(d.doc, s.bodyFrom, s.toLine, (n) => d.doc.inCode[n] && isAlertLine(d, n));
  const schedule = stages.find((g) => g.stages.length >= 2);
  if (schedule) {
    expandPhase(d, i, schedule.stages);
    return;
  }
  if (percentLine === undefined && stages.length === 1 && stages[0].stages.length === 1) {
    wave.trafficPercent = stages[0].stages[0].percent;
    wave.percentKnown = true;
    percentLine = stages[0].stages[0].line;
  }
  if (percentLine) d.source(`waves[${i}].trafficPercent`, percentLine);
  if (percentRange) {
    d.ask({
      field: `waves[${i}].trafficPercent`,
      question: `Stage "${wave.name}" reaches "${percentRange.text}", a range. The draft starts at the low end; confirm it or pick another share.`,
      proposed: wave.trafficPercent,
      blocking: false,
      source: { fromLine: percentRange.line, toLine: percentRange.line },
    });
  }
  if (durationLine === undefined) {
    // "- [ ] Wait for at least one day": a step of the stage that is itself the wait.
    const wait = extractItems(d.doc, s.bodyFrom, s.toLine)
      .map((it) => ({ line: it.line, seconds: waitSeconds(it.text) }))
      .find((w) => w.seconds !== undefined);
    if (wait?.seconds) {
      wave.bakeSeconds = wait.seconds;
      durationLine = wait.line;
      // The source without marking the line: the section's other items are not imported, so it stays listed.
      d.sources[`waves[${i}].bakeSeconds`] = { fromLine: wait.line, toLine: wait.line };
    }
  }
  if (durationLine === undefined) {
    // "Keep it at this share for a week before the next stage": the stage's own prose says how long it lasts.
    for (let n = s.bodyFrom; n <= s.toLine && durationLine === undefined; n++) {
      if (d.doc.inCode[n] || /^\s{0,3}#/.test(d.doc.lines[n - 1] ?? "")) continue;
      const seconds = proseWaitSeconds(d.doc.lines[n - 1] ?? "");
      if (seconds === undefined) continue;
      wave.bakeSeconds = seconds;
      durationLine = n;
      d.sources[`waves[${i}].bakeSeconds`] = { fromLine: n, toLine: n };
    }
  }
  if (durationLine === undefined) {
    wave.bakeSeconds = DEFAULT_BAKE_SECONDS;
    d.ask({
      field: `waves[${i}].bakeSeconds`,
      question: `Stage "${wave.name}" gives no duration. How long must it bake before it may continue (a duration: 2h, 30m, 1 d)?`,
      proposed: DEFAULT_BAKE_SECONDS,
      blocking: false,
      source: { fromLine: s.line, toLine: s.line },
    });
  } else if (range) {
    d.ask({
      field: `waves[${i}].bakeSeconds`,
      question: `Stage "${wave.name}" lasts "${range.text}", a range. The bake time is the shortest stay and the longest is its decision deadline; confirm it or pick another (a duration: 2h, 30m, 1 d).`,
      proposed: wave.bakeSeconds,
      blocking: false,
      source: { fromLine: range.line, toLine: range.line },
    });
  }
}

/**
 * Stage sections none of which gives a share, one of which releases to everyone ("Global rollout on production"):
 * that one is the 100 % wave, and the sections after it (removing the flag, cleaning up) leave the ramp for
 * `d.followUps`, which become steps after it (a ramp's share cannot rise past everyone).
 */
function splitAtFullRelease(d: Draft) {
  if (d.waves.length < 2 || d.waves.some((w) => w.percentKnown)) return;
  const sections = d.waves.map((w) => d.doc.sections.find((s) => s.line === w.line));
  if (sections.some((s) => !s)) return;
  const body = (s: Section) => {
    const out: string[] = [];
    for (let n = s.bodyFrom; n <= Math.min(s.toLine, s.bodyFrom + 200); n++) if (!d.doc.inCode[n]) out.push(d.doc.lines[n - 1] ?? "");
    return out.join("\n");
  };
  const full = firstFullRelease(d.waves.map((w, i) => ({ name: w.name, body: body(sections[i]!) })));
  if (full < 0) return;
  const wave = d.waves[full];
  wave.trafficPercent = 100;
  wave.percentKnown = true;
  d.source(`waves[${full}].trafficPercent`, wave.line);
  followAfter(d, full, sections as Section[]);
}

/**
 * A stage section that reaches everyone by what it says ("Scope: the full set"), followed by stage sections that
 * give no share ("Cutover", "Cleanup"): those come after 100 % and are work done once, steps after the ramp.
 */
function splitAfterKnownFull(d: Draft) {
  const full = d.waves.findIndex((w) => w.percentKnown && w.trafficPercent === 100);
  if (full < 0 || full === d.waves.length - 1 || d.waves.slice(full + 1).some((w) => w.percentKnown)) return;
  const sections = d.waves.map((w) => d.doc.sections.find((s) => s.line === w.line));
  if (sections.slice(full + 1).some((s) => !s)) return;
  followAfter(d, full, sections as Section[]);
}

/** The stages after `full` leave the ramp for `d.followUps`, with what was read into them. */
function followAfter(d: Draft, full: number, sections: Section[]) {
  for (let i = full + 1; i < d.waves.length; i++) {
    const s = sections[i]!;
    d.followUps.push({ name: d.waves[i].name, line: s.line, fromLine: s.bodyFrom, toLine: s.toLine });
  }
  // What was read into the later stages as waves (their sources, their questions) is withdrawn with them.
  const later = (field: string) => {
    const m = field.match(/^waves\[(\d+)\]/);
    return !!m && Number(m[1]) > full;
  };
  for (const key of Object.keys(d.sources)) if (later(key)) delete d.sources[key];
  for (let q = d.questions.length - 1; q >= 0; q--) if (later(d.questions[q].field)) d.questions.splice(q, 1);
  for (const c of d.conditions) if (c.waveIndex > full) c.waveIndex = full;
  d.waves.splice(full + 1);
}

/** "5.2.X (releasing October 4th)", "v1.20", "Release 3.1": a row that stands for a version of the product. */
const VERSION_CELL = /^(?:v|version\s+|release\s+)?\d+\.\d+(?:\.(?:\d+|x|\*))?\b/i;
/** What a version does with the change when it reaches everyone that upgrades: it is on unless someone turns it off. */
const ON_BY_DEFAULT = /\b(on|enabled|active)\s+(by default|for everyone|for all)\b|\bdefaults? to (on|enabled|true)\b|\bautomatically (disables?|enables?|turns?|switch(es)?|removes?|applies)\b/i;

/**
 * A release timeline: a table whose rows are versions ("5.2.X | On by default, can be disabled", "5.3.X | cannot
 * be turned off"). Each version is a stage; the first that has the change on by default reaches everyone who
 * upgrades (100 %), and the versions after it are work done once (steps after the ramp). Versions before it give no
 * share, so theirs are proposed and asked (by fillMissingPercents). The time between two release dates, when both rows give one, is the
 * first stage's duration.
 */
function extractReleaseTimeline(d: Draft) {
  for (const table of tablesIn(d.doc, 1, d.doc.lines.length)) {
    // A timeline has a handful of versions; a long table (metrics, hosts) is something else and is not read row by row.
    if (table.rows.length < 2 || table.rows.length > 20) continue;
    const rows = table.rows.filter((r) => VERSION_CELL.test(cleanInline(r.cells[0] ?? "")));
    if (rows.length !== table.rows.length) continue;
    const versions = rows.map((r) => ({ name: cleanInline(r.cells[0]).slice(0, 80), text: cleanInline(r.cells.join(" ")), line: r.n, toLine: r.n }));
    if (readVersions(d, versions)) {
      d.mark(table.fromLine, table.toLine);
      return;
    }
  }
  // "In v1.16, we will deprecate ...", "In v1.20 we will switch the gate so that ... automatically": paragraphs of
  // one section, each opening on the release it is about.
  for (const s of d.doc.sections) {
    const versions: { name: string; text: string; line: number; toLine: number }[] = [];
    for (let n = s.bodyFrom; n <= s.bodyTo; n++) {
      if (d.doc.inCode[n] || (n > s.bodyFrom && (d.doc.lines[n - 2] ?? "").trim() !== "")) continue;
      const m = (d.doc.lines[n - 1] ?? "").match(RELEASE_PARAGRAPH);
      if (!m) continue;
      let to = n;
      while (to < s.bodyTo && (d.doc.lines[to] ?? "").trim() !== "") to++;
      versions.push({ name: m[1], text: cleanInline(d.doc.lines.slice(n - 1, to).join(" ")), line: n, toLine: to });
    }
    if (versions.length >= 2 && versions.length <= 20 && readVersions(d, versions)) return;
  }
}

/** "In v1.16, we will ...", "Starting with 5.2 the ...", "As of release 3.0, ...": a paragraph about one release. */
const RELEASE_PARAGRAPH = /^(?:in|with|starting (?:in|with)|as of|from)\s+(?:release\s+|version\s+)?(v?\d+\.\d+(?:\.(?:\d+|x))?)\b[\s,(]/i;

/**
 * Versions in order, each with what it does. The first that turns the change on for everyone who upgrades (on by
 * default, automatically, for all users) is the 100 % wave; the ones before are stages whose share is asked (by
 * fillMissingPercents), the ones after are steps. Nothing is read when no version reaches everyone.
 */
function readVersions(d: Draft, versions: { name: string; text: string; line: number; toLine: number }[]): boolean {
  const full = versions.findIndex((v) => ON_BY_DEFAULT.test(v.text) || releasesToEveryone("", v.text));
  if (full < 0) return false;
  const dates = versions.map((v) => releaseDate(v.text));
  for (let i = 0; i <= full; i++) {
    const v = versions[i];
    const last = i === full;
    const share = last ? 100 : Math.round(((i + 1) * 100) / (full + 1));
    const a = dates[i];
    const b = dates[i + 1];
    // "In v1.20 (12 months ... from v1.16)": the next version says how long after this one it comes.
    const after = versions[i + 1]?.text.match(/\((\d+\s+(?:months?|weeks?|days?))\b[^)]*\bfrom\s+v?\d/i);
    const bake = a !== undefined && b !== undefined && b > a ? Math.round((b - a) / 1000) : after ? (parseDuration(after[1])?.seconds ?? 0) : 0;
    d.waves.push({ name: v.name, trafficPercent: share, bakeSeconds: bake, checklist: [], signoffs: [], guardrails: [], triggers: [], line: v.line, percentKnown: last });
    // A version before the one that reaches everyone names no share: fillMissingPercents proposes one and asks.
    d.source(`waves[${i}]`, v.line, v.toLine);
  }
  for (const v of versions.slice(full + 1)) {
    d.followUps.push({ name: v.name, line: v.line, fromLine: v.line, toLine: v.toLine });
    d.mark(v.line, v.toLine);
  }
  return true;
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** "October 4th, 2023" or "2023-10-04" in a row -> epoch milliseconds (UTC), or undefined. */
function releaseDate(text: string): number | undefined {
  const iso = text.match(/\b(\d{4})-(\d{2})-(\d{2})\b/);
  if (iso) return Date.UTC(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3]));
  const m = text.match(/\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/i);
  if (!m) return undefined;
  return Date.UTC(Number(m[3]), MONTHS.indexOf(m[1].toLowerCase()), Number(m[2]));
}


/** "Wait for at least one day ..." -> 86400; undefined for any item that does not open on waiting a stated time. */
export function waitSeconds(text: string): number | undefined {
  const m = text.match(/^(?:wait|bake|soak)\b(?:\s+(?:for|at\s+least|a\s+minimum\s+of|about))*\s+(a|an|one|two|three|four|five|six|seven|ten|twelve|\d+(?:\.\d+)?)\s+(\w+)/i);
  if (!m) return undefined;
  const amount = NUMBER_WORDS[m[1].toLowerCase()] ?? m[1];
  return parseDuration(`${amount} ${m[2]}`)?.seconds;
}

/**
 * A walkthrough with no schedule that moves traffic in its prose ("send 10% of traffic to v2", later "shift 50
 * percent", "100% of the traffic is being routed to v2"): each share it moves, in order while they rise, is a stage,
 * named after the section that moves it when that section moves no other share (see inline-shares.ts).
 */
export function extractProseShares(d: Draft, kinds: Map<Section, SectionKind>) {
  const excluded = new Uint8Array(d.doc.lines.length + 2);
  for (const s of d.doc.sections) if (NOT_STAGES.includes(kinds.get(s) ?? "other")) for (let n = s.fromLine; n <= s.bodyTo; n++) excluded[n] = 1;
  const sectionOf = (n: number) => {
    let found: Section | undefined;
    for (const s of d.doc.sections) if (s.line <= n) found = s;
    return found;
  };
  const bySection = new Map<Section | undefined, number>();
  const found: { pct: number; n: number; section: Section | undefined }[] = [];
  for (let n = 1; n <= d.doc.lines.length && found.length < 20; n++) {
    if (excluded[n]) continue;
    if (d.doc.inCode[n]) {
      // A code example whose lines carry one "# 10%" suffix moves that share (see comment-shares.ts).
      const block = d.doc.codeBlocks.find((b) => !b.embedded && b.body[0]?.n === n);
      const pct = block ? commentShare(block) : undefined;
      if (pct === undefined || !(pct > (found[found.length - 1]?.pct ?? 0))) continue;
      const section = sectionOf(n);
      found.push({ pct, n, section });
      bySection.set(section, (bySection.get(section) ?? 0) + 1);
      continue;
    }
    // A sentence wraps: the phrase may run onto the next line, but must start on this one.
    const line = d.doc.lines[n - 1];
    if (line.length > 2000) continue;
    // Most lines hold no share at all; only those with a number are read (the share must start on this line).
    if (!/\d\s*(?:%|per\s?cent|pct)/i.test(`${line} ${d.doc.lines[n] ?? ""}`.slice(0, 4000))) continue;
    const text = d.doc.inCode[n + 1] ? line : `${line} ${(d.doc.lines[n] ?? "").slice(0, 2000)}`;
    const m = movedShare(text);
    if (!m || m.index >= line.length) continue;
    const last = found[found.length - 1]?.pct ?? 0;
    const section = sectionOf(n);
    // "This route splits 90% / 10%" in the introduction, then "## Shift a small share" saying 10% again: the
    // introduction previewed that section's stage, which the section holds.
    const intro = (s: Section | undefined) => !s || s.level <= 1;
    const previewed = found.findIndex((f) => f.pct === m.percent && intro(f.section));
    if (previewed >= 0 && !intro(section) && found.every((f) => intro(f.section))) {
      bySection.set(found[previewed].section, (bySection.get(found[previewed].section) ?? 1) - 1);
      found[previewed] = { pct: m.percent, n, section };
      bySection.set(section, (bySection.get(section) ?? 0) + 1);
      continue;
    }
    if (!(m.percent > last)) continue;
    found.push({ pct: m.percent, n, section });
    bySection.set(section, (bySection.get(section) ?? 0) + 1);
  }
  for (const f of found) {
    const i = d.waves.length;
    const named = f.section && f.section.level >= 2 && bySection.get(f.section) === 1 ? f.section.heading.slice(0, 80) : `${f.pct}%`;
    d.waves.push({ name: named, trafficPercent: f.pct, bakeSeconds: 0, checklist: [], signoffs: [], guardrails: [], triggers: [], line: f.n, percentKnown: true });
    d.source(`waves[${i}]`, f.n);
    d.source(`waves[${i}].trafficPercent`, f.n);
  }
}

/** "Start with a small subset of users", "a small percentage", "a limited group": the first stage, its share unsaid. */
const START_SMALL = /\b(?:small|limited|initial|low|tiny)\s+(?:subset|percentage|share|portion|fraction|group|number|slice|cohort)\b/i;
/** "gradually increase the percentage ... until it is available to your entire user base", "ramp up until everyone". */
const GROW_TO_EVERYONE =
  /\b(?:increas|rais|expand|widen|grow|ramp(?:ing|s)? up|dial(?:ing|s)? up|turn(?:ing|s)? up)\w*\b[^.;]{0,80}?\b(?:until|till|up to|to reach)\b[^.;]{0,60}?\b(?:all(?:\s+(?:of\s+)?(?:your|the))?\s+(?:users|customers|traffic|requests|accounts|tenants|identities)|every(?:one|body)|(?:entire|whole|full)\s+(?:user ?base|audience|population|fleet|traffic)|100\s*%)/i;

/**
 * A ramp said only in words, with no number: "test it with a small subset of your users ... increase the
 * percentage until it is available to your entire user base". Two stages: the first with its share asked, then
 * everyone. Both signals must be in the document's running text (not code, explanations or criteria), the growth
 * to everyone in one sentence.
 */
function extractGradualRamp(d: Draft, kinds: Map<Section, SectionKind>) {
  const explanation = notStageLines(d, kinds);
  const text = (n: number) => cleanInline(d.doc.lines[n - 1] ?? "");
  // The growth is said where the document introduces its rollout (before any section, under the title, or in a
  // section about the rollout), never inside one step of a procedure.
  const placesRamp = (n: number) => {
    const at = [...d.doc.sections].reverse().find((s) => s.line <= n);
    return !at || at.level === 1 || ["phases", "summary"].includes(kinds.get(at) ?? "other") || /\b(?:roll ?outs?|release|launch|ramp|strateg\w*|plan|exposure)\b/i.test(at.heading);
  };
  let small: number | undefined;
  let grow: number | undefined;
  for (let n = 1; n <= Math.min(d.doc.lines.length, 2000) && grow === undefined; n++) {
    if (d.doc.inCode[n] || explanation[n]) continue;
    const line = text(n);
    if (small === undefined && START_SMALL.test(line)) small = n;
    if (placesRamp(n) && line.split(/(?<=[.;!?])\s+/).some((sentence) => GROW_TO_EVERYONE.test(sentence))) grow = n;
  }
  if (small === undefined || grow === undefined) return;
  d.waves.push({ name: "Initial share", trafficPercent: 0, bakeSeconds: 0, checklist: [], signoffs: [], guardrails: [], triggers: [], line: small, percentKnown: false });
  d.source("waves[0]", small);
  d.waves.push({ name: "Everyone", trafficPercent: 100, bakeSeconds: 0, checklist: [], signoffs: [], guardrails: [], triggers: [], line: grow, percentKnown: true });
  d.source("waves[1]", grow);
  d.source("waves[1].trafficPercent", grow);
}
/**
 * "The first RC is released seven weeks before the scheduled GA date", "a public beta opens 2 weeks before launch":
 * a pre-release stage (candidates, a beta, a preview: users opt in, so no share) that lasts that long, then the
 * release to everyone. Said in running text, outside criteria and explanations.
 */
const LEAD_TIME =
  /\b(release candidates?|RCs?|(?:public |open |private )?betas?|(?:public |technical )?previews?|alphas?|pre-?releases?|early access)\b[^.;]{0,60}?\b(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|twelve)\s+(days?|weeks?|months?)\s+(?:before|ahead of|prior to)\s+(?:the\s+)?(?:scheduled\s+|planned\s+|target\s+)?(GA|general availability|final release|release date|launch|stable release)\b/i;
const MORE_NUMBERS: Record<string, string> = { eight: "8", nine: "9" };
function extractLeadTime(d: Draft, kinds: Map<Section, SectionKind>) {
  const skipped = notStageLines(d, kinds);
  for (let n = 1; n <= Math.min(d.doc.lines.length, 2000); n++) {
    if (d.doc.inCode[n] || skipped[n]) continue;
    // A sentence may wrap onto the next line.
    const m = cleanInline(`${d.doc.lines[n - 1] ?? ""} ${d.doc.inCode[n + 1] ? "" : (d.doc.lines[n] ?? "")}`).match(LEAD_TIME);
    if (!m || m.index === undefined || m.index > (d.doc.lines[n - 1] ?? "").length) continue;
    const amount = Number(NUMBER_WORDS[m[2].toLowerCase()] ?? MORE_NUMBERS[m[2].toLowerCase()] ?? m[2]);
    const unit = m[3].toLowerCase().replace(/s$/, "");
    const seconds = amount * (unit === "day" ? 86400 : unit === "week" ? 7 * 86400 : 30 * 86400);
    if (!(seconds > 0)) return;
    const stage = /^rcs?$/i.test(m[1]) || /candidate/i.test(m[1]) ? "Release Candidate" : m[1].charAt(0).toUpperCase() + m[1].slice(1).replace(/s$/, "");
    const release = /^ga$|general availability/i.test(m[4]) ? "General Availability" : m[4].charAt(0).toUpperCase() + m[4].slice(1);
    d.waves.push({ name: stage, trafficPercent: 0, bakeSeconds: seconds, checklist: [], signoffs: [], guardrails: [], triggers: [], line: n, percentKnown: false });
    d.source("waves[0]", n);
    d.source("waves[0].bakeSeconds", n);
    d.waves.push({ name: release, trafficPercent: 100, bakeSeconds: 0, checklist: [], signoffs: [], guardrails: [], triggers: [], line: n, percentKnown: true });
    d.source("waves[1]", n);
    d.source("waves[1].trafficPercent", n);
    return;
  }
}

/** An environment promotion said in one sentence of prose (promotion-chain.ts): its environments are the stages. */
function extractPromotionChain(d: Draft, kinds: Map<Section, SectionKind>) {
  const skipped = notStageLines(d, kinds);
  for (const { line, text } of proseSentences(d.doc.lines, d.doc.inCode, (n) => skipped[n] === 1)) {
    const chain = promotionChain(text);
    if (!chain) continue;
    for (const [i, st] of chain.entries()) {
      d.waves.push({ name: st.name, trafficPercent: st.percent ?? 0, bakeSeconds: 0, checklist: [], signoffs: [], guardrails: [], triggers: [], line, percentKnown: st.percent !== null });
      d.source(`waves[${i}]`, line);
      if (st.percent !== null) d.source(`waves[${i}].trafficPercent`, line);
    }
    return;
  }
}

/** Splits configured section by section, rising (split-configs.ts): the sections are the stages. */
function extractSplitStages(d: Draft, kinds: Map<Section, SectionKind>) {
  const skipped = notStageLines(d, kinds);
  const stages = splitStages(d.doc, (n) => skipped[n] === 1);
  if (!stages) return;
  for (const [i, st] of stages.entries()) {
    const known = st.percent > 0;
    d.waves.push({ name: st.name, trafficPercent: st.percent, bakeSeconds: 0, checklist: [], signoffs: [], guardrails: [], triggers: [], line: st.line, percentKnown: known });
    d.source(`waves[${i}]`, st.line);
    if (known) d.source(`waves[${i}].trafficPercent`, st.line);
  }
}

/** Commands (fenced code) in two or more sections: a runbook, whose sections are the steps. */
function isCommandProcedure(d: Draft): boolean {
  const holders = new Set<number>();
  for (const b of d.doc.codeBlocks) {
    const at = [...d.doc.sections].reverse().find((s) => s.line < b.fromLine);
    holders.add(at?.line ?? 0);
    if (holders.size >= 2) return true;
  }
  return false;
}

/** Lines in sections that hold no stages (criteria, rollback, alerts) or explain (how it works, examples): 1 each. */
function notStageLines(d: Draft, kinds: Map<Section, SectionKind>): Uint8Array {
  const out = new Uint8Array(d.doc.lines.length + 2);
  for (const s of d.doc.sections) {
    if (NOT_STAGES.includes(kinds.get(s) ?? "other") || EXPLAINS.test(cleanInline(s.heading))) out.fill(1, s.fromLine, Math.min(s.toLine, d.doc.lines.length) + 1);
  }
  return out;
}

const EXPLAINS = /^(?:how\b.{0,60}\bworks?\b|under the hood|an? example|examples?|background|concepts?|troubleshoot\w*|faq|what'?s next|next steps?)\b/i;

/**
 * A ramp the document writes with more steps than the format holds was made coarser (see coarsenStages): say so,
 * with the proposed ramp, at the field that holds the waves.
 */
export function askAboutCoarsenedRamp(d: Draft, field: string, stages: { coarsenedFrom?: number; percent: number; line: number }[], proposed: unknown) {
  const coarse = stages.find((st) => st.coarsenedFrom !== undefined);
  if (!coarse?.coarsenedFrom) return;
  const kept = stages.filter((st) => st.coarsenedFrom !== undefined).length;
  d.ask({
    field,
    question: `The document's ramp has ${coarse.coarsenedFrom} steps before promotion; a plan holds at most 20 waves. The draft keeps ${kept} of them (${stages
      .filter((st) => st.coarsenedFrom !== undefined)
      .map((st) => `${st.percent}%`)
      .join(", ")}), each lasting as long as the steps it stands for. Confirm this coarser ramp or write another.`,
    proposed,
    blocking: true,
    source: { fromLine: coarse.line, toLine: coarse.line },
  });
}

function isAlertLine(d: Draft, n: number): boolean {
  const block = d.doc.codeBlocks.find((b) => b.fromLine <= n && b.toLine >= n);
  return !!block && looksLikeAlertRules(block);
}

/** Flag configurations in fenced blocks between two lines, recorded once each on the draft. */
export function readFlagBlocks(d: Draft, from: number, to: number): DraftFlag[] {
  const found: DraftFlag[] = [];
  for (const block of d.doc.codeBlocks) {
    if (block.fromLine < from || block.toLine > to) continue;
    const known = d.flags.find((f) => f.line === block.fromLine);
    if (known) {
      found.push(known);
      continue;
    }
    const config = extractFlagConfig(block);
    if (!config || d.flags.length >= 50) continue;
    const key = config.key ?? flagKeyNear(d, block.fromLine);
    // The same flag configured twice (a document that repeats itself) is one flag.
    const same = key ? d.flags.find((f) => f.key === key) : undefined;
    if (same) {
      d.mark(block.fromLine, block.toLine);
      found.push(same);
      continue;
    }
    const flag: DraftFlag = { key: key ?? `flag-${d.flags.length + 1}`, constraints: config.constraints, line: block.fromLine, ...(config.percent !== undefined ? { percent: config.percent } : {}) };
    d.flags.push(flag);
    d.mark(block.fromLine, block.toLine);
    found.push(flag);
    const j = d.flags.length - 1;
    d.source(`flags[${j}]`, block.fromLine, block.toLine);
    if (!key) {
      d.ask({ field: `flags[${j}].key`, question: "This flag configuration names no flag key. What is the flag called?", proposed: flag.key, blocking: true, source: { fromLine: block.fromLine, toLine: block.toLine } });
    }
    if (config.unread.length) {
      d.ask({
        field: `flags[${j}].constraints`,
        question: `Some targeting criteria could not be read as constraints (${config.unread.slice(0, 3).join("; ").slice(0, 200)}). Which constraints should the flag have?`,
        proposed: config.constraints,
        blocking: true,
        source: { fromLine: block.fromLine, toLine: block.toLine },
      });
    }
  }
  return found;
}

/** A flag key written as code in the heading above a block ("### Batched postings (`ledger-batched`)"). */
export function flagKeyNear(d: Draft, line: number): string | undefined {
  const section = [...d.doc.sections].reverse().find((s) => s.line <= line);
  const m = section?.heading && d.doc.lines[section.line - 1].match(/`([a-z][a-z0-9_-]{1,99})`/);
  return m && FLAG_KEY.test(m[1]) ? m[1] : undefined;
}

/** The phase at index i becomes one wave per stage; the phase's go/no-go items gate its last stage. */
function expandPhase(d: Draft, i: number, stages: Stage[]) {
  const phase = d.waves[i];
  const take = stages.slice(0, Math.max(1, 20 - i));
  const waves = take.map((st, k): DraftWave => {
    const label = st.label ?? `${st.percent}%`;
    return {
      name: `${phase.name}: ${label}`.slice(0, 80),
      trafficPercent: st.percent,
      bakeSeconds: st.durationSeconds ?? (k === take.length - 1 ? phase.bakeSeconds : 0),
      checklist: k === take.length - 1 ? phase.checklist : [],
      signoffs: k === take.length - 1 ? phase.signoffs : [],
      guardrails: phase.guardrails.map((g) => ({ ...g })),
      triggers: phase.triggers.map((t) => ({ ...t })),
      ...((st.unit ?? phase.unit) ? { unit: st.unit ?? phase.unit } : {}),
      ...(st.maxSeconds ? { maxSeconds: st.maxSeconds } : {}),
      line: st.line,
      percentKnown: !st.shareUnknown,
    };
  });
  // "Day 1: 25% ... Day 4: 100%": each day-stage lasts until the next one.
  take.forEach((st, k) => {
    const next = take[k + 1];
    if (st.durationSeconds === undefined && next && st.day !== undefined && next.day !== undefined && next.day > st.day) {
      waves[k].bakeSeconds = Math.round((next.day - st.day) * 86400);
    }
  });
  const last = i + waves.length - 1;
  moveSources(d, `waves[${i}].checklist`, `waves[${last}].checklist`);
  moveSources(d, `waves[${i}].signoffs`, `waves[${last}].signoffs`);
  for (const c of d.conditions.filter((c) => c.waveIndex === i)) {
    for (let k = i + 1; k <= last; k++) d.conditions.push({ ...c, waveIndex: k });
  }
  d.waves.splice(i, 1, ...waves);
  askAboutCoarsenedRamp(d, "waves", take, waves.map((w) => ({ name: w.name, trafficPercent: w.trafficPercent, bakeSeconds: w.bakeSeconds })));
  take.forEach((st, k) => {
    d.source(`waves[${i + k}]`, st.line);
    if (!st.shareUnknown) d.source(`waves[${i + k}].trafficPercent`, st.line);
  });
}

/** "It doesn't take any production traffic", "tested without live traffic", "no user traffic yet". */
const NO_LIVE_TRAFFIC = [
  /\b(?:doesn't|does not|don't|do not|won't|will not|isn't|is not|aren't|are not)\s+(?:yet\s+)?(?:take|receive|get|serve|accept|handle|see)\w*\s+(?:any\s+)?(?:production|live|user|real|customer)\s+(?:traffic|requests|load|users)\b/i,
  /\bwithout\s+(?:any\s+)?(?:production|live|user|real|customer)\s+(?:traffic|requests|load)\b/i,
  /\b(?:no|zero|0\s*%\s*(?:of)?)\s+(?:production|live|user|real|customer)\s+(?:traffic|requests)\b/i,
  // "send synthetic test traffic before splitting any production user traffic to v2"
  /\bbefore\s+(?:splitting|shifting|sending|routing|moving|exposing)\s+(?:any\s+)?(?:production|live|real|user|customer)\s+(?:user\s+)?(?:traffic|requests|users)\b/i,
  /\b(?:synthetic|mirrored|shadow(?:ed)?)\s+(?:test\s+)?(?:traffic|requests)\b/i,
];
/** "Canary traffic rollout", "Preview", "Smoke test on the new version": a stage before any share, by its name. */
const PRE_EXPOSURE = /\b(?:canary|preview|smoke|shadow|dark|internal test\w*)\b/i;
/** `"weight": 0` or `green=0` on a line that names the new version, or within two lines of its name. */
const ZERO_WEIGHT = /["']?\b(?:weight|percent(?:age)?|traffic_?percent(?:age)?)["']?\s*[:=]\s*0(?![.\d])|\b(?:green|canary|new|next|latest|preview|candidate)[\w-]*\s*=\s*0(?![.\d])/i;
const NEW_VERSION = /\b(?:green|canary|new(?:er)?|next|latest|preview|candidate|second)\b/i;
const DEPLOYS = /^(?:deploy|creat|releas|add|install|start|launch|ship|publish|roll|push|stand|bring|spin)\w*\b/i;

/**
 * "## Deploy the new revision and label it green" (it takes no production traffic: `"weight": 0`, "doesn't take any
 * production traffic"), then "## Send production traffic to green" (100 %): the deployment of the new version at
 * no share is the ramp's first stage, its share asked, not set-up to skip. So is a section named as a stage before
 * any share ("Canary traffic rollout" sending synthetic test traffic before any production traffic). Only the
 * section right before the first stage, beside it under the same parent, when it deploys something new (or is
 * named as such a stage) and says it gets no live traffic.
 */
function addDarkPreview(d: Draft, kinds: Map<Section, SectionKind>) {
  if (d.waves.length === 0 || d.waves.length >= 20) return;
  const first = d.waves[0];
  const at = [...d.doc.sections].reverse().find((s) => s.line <= first.line && first.line <= s.toLine);
  if (!at || at.level < 2 || !at.parent) return;
  const siblings = at.parent.children;
  const before = siblings[siblings.indexOf(at) - 1];
  if (!before || (kinds.get(before) ?? "other") !== "other" || !(DEPLOYS.test(cleanInline(before.heading)) || PRE_EXPOSURE.test(cleanInline(before.heading)))) return;
  if (d.waves.some((w) => before.fromLine <= w.line && w.line <= before.toLine)) return;
  const lines = d.doc.lines.slice(before.bodyFrom - 1, before.toLine);
  const prose = lines.filter((_, k) => !d.doc.inCode[before.bodyFrom + k]).map(cleanInline).join(" ");
  const zero = lines.some((l, k) => ZERO_WEIGHT.test(l) && (NEW_VERSION.test(l) || lines.slice(Math.max(0, k - 2), k + 3).some((m) => /\b(?:green|canary|new(?:er)?|next|latest|preview|candidate)\b/i.test(m))));
  if (!(NEW_VERSION.test(before.heading) || NEW_VERSION.test(prose) || PRE_EXPOSURE.test(before.heading))) return;
  if (!zero && !NO_LIVE_TRAFFIC.some((re) => re.test(prose))) return;
  for (let i = d.waves.length - 1; i >= 0; i--) moveSources(d, `waves[${i}]`, `waves[${i + 1}]`);
  for (const q of d.questions) {
    q.field = q.field.replace(/^waves\[(\d+)\]/, (_, i) => `waves[${Number(i) + 1}]`);
    q.targets = q.targets.map((t) => t.replace(/^waves\[(\d+)\]/, (_, i) => `waves[${Number(i) + 1}]`));
  }
  d.waves.unshift({ name: trackNameOf(before.heading), trafficPercent: 0, bakeSeconds: 0, checklist: [], signoffs: [], guardrails: [], triggers: [], line: before.line, percentKnown: false });
  d.source("waves[0]", before.line);
  d.mark(before.line);
}

const trackNameOf = (heading: string) => cleanInline(heading).slice(0, 80);

export function moveSources(d: Draft, from: string, to: string) {
  for (const key of Object.keys(d.sources)) {
    if (key === from || key.startsWith(`${from}[`) || key.startsWith(`${from}.`)) {
      d.sources[to + key.slice(from.length)] = d.sources[key];
      delete d.sources[key];
    }
  }
}

/**
 * Stages that gave no share get one between their neighbours' (the last one 100 %), and a blocking question: the
 * draft stays valid and nobody mistakes the guess for the document's word.
 */
function fillMissingPercents(d: Draft) {
  const waves = d.waves;
  for (let i = 0; i < waves.length; i++) {
    if (waves[i].percentKnown) continue;
    let j = i;
    while (j < waves.length && !waves[j].percentKnown) j++;
    const lo = i > 0 ? waves[i - 1].trafficPercent : 0;
    const hi = j < waves.length ? waves[j].trafficPercent : 100;
    const count = j - i + (j < waves.length ? 1 : 0);
    for (let k = i; k < j; k++) {
      const isLastOverall = k === waves.length - 1;
      let v = isLastOverall ? 100 : lo + ((hi - lo) * (k - i + 1)) / count;
      v = v >= 1 ? Math.round(v) : Math.round(v * 1000) / 1000;
      if (!(v > lo) || v > 100) v = Math.min(100, Math.round((lo + 1) * 1000) / 1000);
      waves[k].trafficPercent = v;
      d.ask({
        field: `waves[${k}].trafficPercent`,
        question: `Stage "${waves[k].name}" gives no percentage. How much traffic does it reach?`,
        proposed: v,
        blocking: true,
        source: { fromLine: waves[k].line, toLine: waves[k].line },
      });
    }
    i = j - 1;
  }
}

/** Kinds of section whose percentages are not stages ("Week -2" of preparation, a threshold, an alert). */
const NOT_STAGES: SectionKind[] = ["pre_deployment", "post_deployment", "rollback_procedure", "rollback_triggers", "thresholds", "alert_rules", "signoff", "communication", "success_criteria", "go_no_go"];

/** Stage lines, tables and schedules in code, in the phases sections or, when there are none, anywhere relevant. */
export function extractWaveLines(d: Draft, kinds: Map<Section, SectionKind>, anywhere = false) {
  const ranges: LineRange[] = anywhere ? [] : topSections(d.doc, kinds, "phases").map((s) => ({ fromLine: s.bodyFrom, toLine: s.toLine }));
  if (ranges.length === 0) ranges.push({ fromLine: 1, toLine: d.doc.lines.length });
  const excluded = new Uint8Array(d.doc.lines.length + 2);
  for (const s of d.doc.sections) {
    if (NOT_STAGES.includes(kinds.get(s) ?? "other")) for (let n = s.fromLine; n <= s.bodyTo; n++) excluded[n] = 1;
  }
  const seen: string[] = [];
  let inlineSeen = false;
  for (const r of ranges) {
    readFlagBlocks(d, r.fromLine, r.toLine);
    for (const group of readStageGroups(d.doc, r.fromLine, r.toLine, (n) => excluded[n] === 1 || (d.doc.inCode[n] && isAlertLine(d, n)))) {
      // A summary table repeating the list above it is the same schedule, not a second one.
      const section = [...d.doc.sections].reverse().find((s) => s.line <= group.fromLine);
      const signature = `${section?.line ?? 0}:${group.stages.map((s) => s.percent).join(",")}`;
      if (group.stages.length >= 2 && seen.includes(signature)) continue;
      seen.push(signature);
      // A ramp said again in running text ("1% → 5% → 25%", then "steps through 1%, 5%, 25% before 100%") is the
      // same ramp: a restatement adds only the shares it carries past the ramp read so far.
      const sofar = d.waves.map((w) => w.trafficPercent);
      const isPrefix = (a: number[], b: number[]) => a.length <= b.length && a.every((v, k) => v === b[k]);
      const shares = group.stages.map((st) => st.percent);
      if (sofar.length > 0 && (group.inline || inlineSeen) && isPrefix(shares, sofar)) continue;
      if (sofar.length > 0 && (group.inline || inlineSeen) && isPrefix(sofar, shares)) group.stages = group.stages.slice(sofar.length);
      if (group.inline) inlineSeen = true;
      const from = d.waves.length;
      if (from === 0) askAboutCoarsenedRamp(d, "waves", group.stages, group.stages.map((st) => ({ trafficPercent: st.percent, bakeSeconds: st.durationSeconds ?? 0 })));
      for (const st of group.stages) {
        const i = d.waves.length;
        if (i >= 20) return;
        d.waves.push({
          name: (st.label ?? `${st.percent}%${st.unit ? ` of ${st.unit}` : ""}`).slice(0, 80),
          trafficPercent: st.percent,
          bakeSeconds: st.durationSeconds ?? 0,
          checklist: [],
          signoffs: [],
          guardrails: [],
          triggers: [],
          ...(st.unit ? { unit: st.unit } : {}),
          ...(st.maxSeconds ? { maxSeconds: st.maxSeconds } : {}),
          line: st.line,
          percentKnown: !st.shareUnknown,
        });
        d.source(`waves[${i}]`, st.line);
        if (!st.shareUnknown) d.source(`waves[${i}].trafficPercent`, st.line);
        if (st.durationSeconds !== undefined) d.source(`waves[${i}].bakeSeconds`, st.line);
        const prev = group.stages[i - from - 1];
        if (prev && prev.durationSeconds === undefined && prev.day !== undefined && st.day !== undefined && st.day > prev.day) {
          // "Day 1: 25% ... Day 4: 100%": each day-stage lasts until the next one.
          d.waves[i - 1].bakeSeconds = Math.round((st.day - prev.day) * 86400);
          d.source(`waves[${i - 1}].bakeSeconds`, prev.line, st.line);
        }
        if (st.maxPercent !== undefined) {
          d.ask({
            field: `waves[${i}].trafficPercent`,
            question: `Stage "${d.waves[i].name}" reaches ${st.percent}-${st.maxPercent}%, a range. The draft starts at the low end; confirm it or pick another share.`,
            proposed: st.percent,
            blocking: false,
            source: { fromLine: st.line, toLine: st.line },
          });
        }
        if (st.wholeInferred && i === from) {
          d.ask({
            field: "waves",
            question: `The schedule's weights are read as shares of ${st.wholeInferred} (the smallest power of ten that holds them), which the document does not state. Is that the whole the weights count out of?`,
            proposed: group.stages.map((x) => x.percent),
            blocking: false,
            source: { fromLine: st.line, toLine: group.stages[group.stages.length - 1].line },
          });
        }
        if (st.maxSeconds) {
          d.ask({
            field: `waves[${i}].bakeSeconds`,
            question: `Stage "${d.waves[i].name}" lasts "${st.durationText}", a range. The bake time is the shortest stay; confirm it or pick another (a duration: 2h, 30m, 1 d).`,
            proposed: st.durationSeconds,
            blocking: false,
            source: { fromLine: st.line, toLine: st.line },
          });
        }
      }
    }
  }
}

