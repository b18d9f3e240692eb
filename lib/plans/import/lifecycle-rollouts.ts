// A rollout described by the operations that drive it: "Starting a rollout" (a command that sets the first share,
// `--rollout-percentage=10`), "Increasing the rollout" (further shares, if any are written), "Ending a rollout"
// ("set the percentage to 100", "all users"). Those subsections are how to run the ramp, not its stages: the ramp
// is the share the start sets (asked when a prompt chooses it), any share the increase names, then everyone when
// the end reaches everyone. Several such sections side by side are alternative mechanisms, each its own ramp.
import { cleanInline, type Section } from "./document";
import type { Draft, DraftTrack, DraftWave } from "./draft";
import { keyOf, trackName } from "./assemble-tracks";
import { MAX_TRACKS } from "../core/plan";

const OBJECT = String.raw`\b(?:roll-?\s?outs?|releases?|deployments?|percentages?)\b`;
const START = new RegExp(String.raw`^(?:start\w*|begin\w*|creat\w*|launch\w*|initiat\w*|open\w*)\b.*${OBJECT}`, "i");
const PROGRESS = new RegExp(String.raw`^(?:progress\w*|increas\w*|edit\w*|adjust\w*|expand\w*|chang\w*|updat\w*|rais\w*)\b.*${OBJECT}`, "i");
const END = new RegExp(String.raw`^(?:end\w*|finish\w*|complet\w*|conclud\w*|finali[sz]\w*)\b.*${OBJECT}`, "i");
/** "--rollout-percentage=10", "--percentage 25", "percent: 5": a share set by an option or a field. */
const OPTION_SHARE = /--?[\w-]*percent\w*[=\s]+["']?(\d{1,2}(?:\.\d+)?)\b|\bpercent(?:age)?\s*[:=]\s*(\d{1,2}(?:\.\d+)?)\b/i;
const PLAIN_SHARE = /(?<![\d.])(\d{1,2}(?:\.\d+)?)\s*%/;
const EVERYONE = /\b(?:percentage|share|rollout)\s+to\s+100\b|\b100\s*%|\ball\s+(?:of\s+)?(?:your\s+|the\s+)?(?:end\s+)?(?:users|traffic|devices|customers|clients)\b|\beveryone\b|\broll(?:s|ed)?\s+(?:it\s+)?out\s+fully\b|\bfull\s+roll-?\s?out\b/i;

const text = (d: Draft, s: Section) => d.doc.lines.slice(s.bodyFrom - 1, s.toLine).join("\n");

/** Shares written in a subsection, in order, each between 0 and 100 exclusive. */
function sharesIn(d: Draft, s: Section): { percent: number; line: number }[] {
  const out: { percent: number; line: number }[] = [];
  for (let n = s.bodyFrom; n <= s.toLine; n++) {
    const line = d.doc.lines[n - 1] ?? "";
    const hits = [...line.matchAll(new RegExp(OPTION_SHARE.source, "gi")), ...line.matchAll(new RegExp(PLAIN_SHARE.source, "g"))].sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
    for (const m of hits) {
      const v = Number(m[1] ?? m[2]);
      if (v > 0 && v < 100 && !out.some((o) => o.percent === v)) out.push({ percent: v, line: n });
    }
  }
  return out;
}

interface Lifecycle {
  section: Section;
  waves: { name: string; percent: number | null; line: number }[];
}

function lifecycleOf(d: Draft, s: Section): Lifecycle | null {
  const heads = s.children.map((c) => ({ c, h: cleanInline(c.heading) }));
  const start = heads.find(({ h }) => START.test(h))?.c;
  const end = heads.find(({ h }) => END.test(h))?.c;
  if (!start || !end || end.line < start.line) return null;
  const waves: Lifecycle["waves"] = [];
  const first = sharesIn(d, start)[0];
  waves.push({ name: first ? `${first.percent}%` : cleanInline(start.heading).slice(0, 80), percent: first?.percent ?? null, line: first?.line ?? start.line });
  for (const p of heads.filter(({ c, h }) => PROGRESS.test(h) && c.line > start.line && c.line < end.line)) {
    for (const sh of sharesIn(d, p.c)) {
      const last = waves[waves.length - 1].percent ?? 0;
      if (sh.percent > last) waves.push({ name: `${sh.percent}%`, percent: sh.percent, line: sh.line });
    }
  }
  const everyone = EVERYONE.exec(text(d, end));
  if (!everyone) return null;
  const at = end.bodyFrom + text(d, end).slice(0, everyone.index).split("\n").length - 1;
  waves.push({ name: "Full rollout", percent: 100, line: at });
  return { section: s, waves };
}

/** True when it read the draft's stages as the lifecycles of one or more rollout mechanisms. */
export function assembleLifecycles(d: Draft): boolean {
  if (d.tracks || d.flags.length > 0) return false;
  const found = d.doc.sections.map((s) => lifecycleOf(d, s)).filter((l): l is Lifecycle => l !== null).slice(0, MAX_TRACKS);
  if (found.length === 0) return false;
  // Stages read elsewhere than in these sections make a plan of another kind.
  const inside = (line: number) => found.some((l) => l.section.fromLine <= line && line <= l.section.toLine);
  if (!d.noStages && !d.waves.every((w) => inside(w.line))) return false;
  for (const key of Object.keys(d.sources)) if (/^waves\b/.test(key)) delete d.sources[key];
  for (let q = d.questions.length - 1; q >= 0; q--) if (/^waves\b/.test(d.questions[q].field)) d.questions.splice(q, 1);
  d.noStages = false;
  const build = (l: Lifecycle, prefix: string): DraftWave[] =>
    l.waves.map((w, m) => {
      const path = `${prefix}waves[${m}]`;
      const before = m > 0 ? (l.waves[m - 1].percent ?? 0) : 0;
      const share = w.percent ?? Math.round(((before + (l.waves[m + 1]?.percent ?? 100)) / 2) * 1000) / 1000;
      d.source(path, w.line);
      if (w.percent !== null) d.source(`${path}.trafficPercent`, w.line);
      else {
        d.ask({
          field: `${path}.trafficPercent`,
          question: `"${trackName(l.section.heading)}" starts its rollout at a share chosen when it runs (a prompt or a setting), which the document does not give. Which share should the first stage have?`,
          proposed: share,
          blocking: true,
          source: { fromLine: w.line, toLine: w.line },
        });
      }
      return { name: w.name, trafficPercent: share, bakeSeconds: 0, checklist: [], signoffs: [], guardrails: [], triggers: [], line: w.line, percentKnown: w.percent !== null };
    });
  if (found.length === 1) {
    d.waves = build(found[0], "");
    return true;
  }
  d.waves = [];
  const taken = new Set<string>();
  d.tracks = found.map((l, k) => {
    d.source(`tracks[${k}]`, l.section.line);
    const name = trackName(l.section.heading);
    return { key: keyOf(name, taken), name, kind: "ramp", waves: build(l, `tracks[${k}].`), flags: [], checklist: [], line: l.section.line } satisfies DraftTrack;
  });
  return true;
}
