// Traffic splits configured section by section: a route whose backends carry weights (an Istio VirtualService, a
// Gateway API HTTPRoute, a Knative or Container Apps `traffic` list, an SMI TrafficSplit, Envoy weighted clusters),
// shown once per step of a walkthrough ("90/10", then "50/50", then "0/100"). Each configuration gives the new
// version's share; the sections, in order, are the ramp's stages. Pure functions of the parsed document.
import { type CodeBlock, cleanInline, type MarkdownDoc, type Section } from "./document";
import { readDataBlock } from "./code-block-data";

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };
const isMap = (v: Json | undefined): v is { [k: string]: Json } => typeof v === "object" && v !== null && !Array.isArray(v);

/** Keys that hold a backend's weight or share in a split. */
const WEIGHT_KEY = /^(?:weight|percent|percentage|traffic_?percent(?:age)?|traffic_?weight)$/i;
/** Words that name the new side of a split: `subset: v2`, `tag: canary`, `label: green`, `latestRevision: true`. */
const NEW_SIDE = /(?:^|[^a-z0-9])(?:v2|new|canary|green|latest|next|preview|candidate)(?:$|[^a-z0-9])/i;

function strings(v: Json, out: string[] = [], depth = 0): string[] {
  if (depth > 4 || out.length > 40) return out;
  if (typeof v === "string") out.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out, depth + 1);
  else if (isMap(v)) for (const [k, x] of Object.entries(v)) if (!WEIGHT_KEY.test(k)) strings(x, out, depth + 1);
  return out;
}

function weightOf(item: Json): number | undefined {
  if (!isMap(item)) return undefined;
  const ws = Object.entries(item).filter(([k, v]) => WEIGHT_KEY.test(k) && typeof v === "number");
  return ws.length === 1 && (ws[0][1] as number) >= 0 ? (ws[0][1] as number) : undefined;
}

const isNew = (item: Json) => isMap(item) && (item.latestRevision === true || strings(item).some((s) => NEW_SIDE.test(s)));

/** The first list (a few levels down) whose every entry is a backend with a weight. */
function weightedList(data: Json | undefined, depth = 0): Json[] | undefined {
  if (data === undefined || depth > 6) return undefined;
  if (Array.isArray(data)) {
    if (data.length > 0 && data.length <= 10 && data.every((x) => weightOf(x) !== undefined)) return data;
    for (const x of data) {
      const hit = weightedList(x, depth + 1);
      if (hit) return hit;
    }
    return undefined;
  }
  if (!isMap(data)) return undefined;
  for (const v of Object.values(data)) {
    const hit = weightedList(v, depth + 1);
    if (hit) return hit;
  }
  return undefined;
}

/**
 * The new version's share in one configured split, or undefined: the one backend named as new (`v2`, `canary`,
 * `green`, `latest`) or, of two unnamed ones, the one listed last; a lone backend named as new takes everything.
 * Weights are shares of their sum (weights 1 and 9 are 10 %).
 */
export function splitShare(block: CodeBlock): number | undefined {
  if (block.body.length > 200) return undefined;
  const list = weightedList(readDataBlock(block));
  if (!list) return undefined;
  const weights = list.map((x) => weightOf(x)!);
  const sum = weights.reduce((a, b) => a + b, 0);
  if (!(sum > 0)) return undefined;
  const marked = list.map((x, k) => (isNew(x) ? k : -1)).filter((k) => k >= 0);
  let at: number | undefined;
  if (list.length === 1) at = marked.length === 1 ? 0 : undefined;
  else if (marked.length === 1) at = marked[0];
  else if (marked.length === 0 && list.length === 2) at = 1;
  if (at === undefined) return undefined;
  return Math.round(((weights[at] * 100) / sum) * 1000) / 1000;
}

export interface SplitStage {
  line: number;
  percent: number;
  name: string;
}

/**
 * Sections that each configure a split, read in order: a ramp when two or more give the new version a share that
 * rises from section to section (a configuration shown again with the same split, as a check's output does, is the
 * same stage). Anything else (examples of splits that do not rise, two different splits in one section) is no ramp.
 */
export function splitStages(doc: MarkdownDoc, skip: (n: number) => boolean): SplitStage[] | null {
  const stages: (SplitStage & { section: Section | undefined })[] = [];
  for (const block of doc.codeBlocks) {
    if (block.embedded || skip(block.fromLine)) continue;
    const share = splitShare(block);
    if (share === undefined) continue;
    const section = [...doc.sections].reverse().find((s) => s.line < block.fromLine);
    const last = stages[stages.length - 1];
    if (last && last.percent === share) continue;
    if (last && (last.section === section || !(share > last.percent))) return null;
    stages.push({ line: block.fromLine, percent: share, name: section ? cleanInline(section.heading).slice(0, 80) : `${share}%`, section });
    if (stages.length > 20) return null;
  }
  // The first may be 0: the new version deployed beside the old one before it takes traffic (its share is asked).
  if (stages.length < 2 || stages.slice(1).some((st) => st.percent <= 0)) return null;
  return stages.map(({ section: _, ...st }) => st);
}
