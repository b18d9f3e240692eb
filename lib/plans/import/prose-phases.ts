// A design that announces its rollout in prose: "The rollout will happen in three phases. In phase 1 ... we switch
// to phase 2 ... Once we have waited longer than 2 days, we move to phase 3". No heading or list names the phases,
// so the importer found no stage and made steps of the design's sections (problem, current design, ...). The
// phases are the steps, in the order the text moves through them.
import { MAX_TRACKS } from "../core/plan";
import { stepTrack } from "./assemble-tracks";
import type { Section } from "./document";
import type { Draft, DraftTrack } from "./draft";
import { proseWaitSeconds } from "./prose-durations";

const COUNT_WORDS: Record<string, number> = { two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8 };
/** "in three phases", "in 4 phases", "three-phase rollout". */
const ANNOUNCED = /\b(two|three|four|five|six|seven|eight|[2-8])[\s-]+phases?\b/i;
const MENTION = /\bphase\s+(\d{1,2})\b/gi;

/** True when it made the draft the phases the prose announces, as steps in order. */
export function assembleProsePhases(d: Draft): boolean {
  if (!d.noStages || d.tracks) return false;
  const prose = (n: number) => !d.doc.inCode[n] && !/^\s{0,3}#/.test(d.doc.lines[n - 1] ?? "");
  let count = 0;
  const first = new Map<number, { line: number; index: number }>();
  for (let n = 1; n <= d.doc.lines.length && n <= 5000; n++) {
    if (!prose(n)) continue;
    const text = d.doc.lines[n - 1] ?? "";
    const announced = !count ? text.match(ANNOUNCED) : null;
    if (announced) count = COUNT_WORDS[announced[1].toLowerCase()] ?? Number(announced[1]);
    for (const m of text.matchAll(MENTION)) if (count && !first.has(Number(m[1]))) first.set(Number(m[1]), { line: n, index: m.index });
  }
  if (count < 2 || count > MAX_TRACKS) return false;
  // Every announced phase is mentioned, for the first time in order, and none beyond them.
  const mentions = Array.from({ length: count }, (_, k) => first.get(k + 1));
  if (mentions.some((m) => !m) || first.size !== count) return false;
  const at = mentions as { line: number; index: number }[];
  if (at.some((m, k) => k > 0 && (m.line < at[k - 1].line || (m.line === at[k - 1].line && m.index <= at[k - 1].index)))) return false;
  // Two phases on one line are a sentence about them, not where each begins.
  if (new Set(at.map((m) => m.line)).size !== count) return false;
  // Headings that number phases are read elsewhere; this is only for phases the prose alone carries.
  if (d.doc.sections.some((s) => /\bphase\s+\d/i.test(s.heading))) return false;
  const container = smallestHolding(d, at.map((m) => m.line));
  const end = container ? container.toLine : d.doc.lines.length;
  const taken = new Set<string>();
  const tracks: DraftTrack[] = at.map((m, k) => {
    const to = k + 1 < count ? at[k + 1].line - 1 : end;
    const track = stepTrack(d, { name: `Phase ${k + 1}`, line: m.line, from: m.line, to }, taken, k);
    // What the text says it waits for before the next phase ("once we have waited longer than 2 days, we move to
    // phase 3") is how long this phase lasts.
    // (From this phase's own mention on: what its first line says before it belongs to the phase before.)
    const until = k + 1 < count ? [(d.doc.lines[m.line - 1] ?? "").slice(m.index), ...d.doc.lines.slice(m.line, at[k + 1].line - 1), (d.doc.lines[at[k + 1].line - 1] ?? "").slice(0, at[k + 1].index)] : [];
    const wait = until.map((l) => proseWaitSeconds(l)).find((v) => v !== undefined);
    if (wait) track.bakeSeconds = wait;
    return track;
  });
  tracks.forEach((t, k) => {
    if (k > 0) t.after = { track: tracks[k - 1].key, when: "completed" };
  });
  const q = d.questions.findIndex((x) => x.field === "waves");
  if (q >= 0) d.questions.splice(q, 1);
  d.tracks = tracks;
  return true;
}

function smallestHolding(d: Draft, lines: number[]): Section | null {
  let best: Section | null = null;
  for (const s of d.doc.sections) if (lines.every((n) => s.fromLine <= n && n <= s.toLine) && (!best || s.level > best.level)) best = s;
  return best;
}
