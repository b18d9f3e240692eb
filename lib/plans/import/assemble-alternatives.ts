// Example manifests under different sections ("Canary Release", "A/B Testing", "Blue/Green") are alternatives: each
// is a way to run the release, not a step after the one before. When a document's schedule is nothing but such
// manifests, each section's first manifest becomes its own ramp track, independent of the others (no `after`).
import { extractWeightStages, type WeightStage } from "./code-block-data";
import type { Section } from "./document";
import type { Draft, DraftTrack, DraftWave } from "./draft";
import { keyOf, trackName } from "./assemble-tracks";

const MAX_TRACKS = 10;

function innermost(d: Draft, line: number): Section | null {
  let best: Section | null = null;
  for (const s of d.doc.sections) if (s.level > 0 && s.line <= line && line <= s.toLine && (!best || s.level >= best.level)) best = s;
  return best;
}

/** Each section's first manifest with a schedule, in document order. */
export function manifestRamps(d: Draft): { section: Section; stages: WeightStage[] }[] {
  const found: { section: Section; stages: WeightStage[] }[] = [];
  for (const block of d.doc.codeBlocks) {
    const stages = extractWeightStages(block);
    const section = innermost(d, block.fromLine);
    if (!stages || !section || found.some((f) => f.section === section)) continue;
    found.push({ section, stages });
  }
  return found;
}

/** True when it made the draft a set of alternative ramps. */
export function assembleAlternatives(d: Draft): boolean {
  // Stages written anywhere but in a manifest (a "Day 1: 25%" line, a phase heading) make a plan of its own kind.
  if (!d.noStages && d.waves.some((w) => !d.doc.inCode[w.line])) return false;
  // Something the other extractors attached to a stage would be lost by rebuilding the stages.
  if (d.waves.some((w) => w.checklist.length || w.guardrails.length || w.triggers.length || w.signoffs.length)) return false;
  // Flags belong to one track; which one is not something manifests say.
  if (d.flags.length > 0) return false;
  const ramps = manifestRamps(d);
  if (ramps.length < 2) return false;
  const names = ramps.map((r) => trackName(r.section.heading).toLowerCase());
  if (new Set(names).size !== names.length) return false;

  for (const key of Object.keys(d.sources)) if (/^waves\[/.test(key)) delete d.sources[key];
  for (let q = d.questions.length - 1; q >= 0; q--) if (/^waves\b/.test(d.questions[q].field)) d.questions.splice(q, 1);
  d.waves = [];
  d.noStages = false;
  const taken = new Set<string>();
  d.tracks = ramps.slice(0, MAX_TRACKS).map(({ section, stages }, k) => {
    const name = trackName(section.heading);
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
    d.source(`tracks[${k}]`, section.line);
    return { key: keyOf(name, taken), name, kind: "ramp", waves, flags: [], checklist: [], line: section.line } satisfies DraftTrack;
  });
  return true;
}
