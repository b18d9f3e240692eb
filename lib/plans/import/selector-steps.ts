// A configuration whose `steps` each select a group of targets by label ("- matchExpressions: [{ key: env, values:
// [dev] }]", "- matchLabels: { ring: canary }") rolls a change out group by group: each step is a stage named after
// the group it selects. A group is not a share of traffic or users, so each share is asked; the last step is where
// the change reaches everything, 100 %. A batch size beside a step (`maxUpdate: 10%`) says how many of the group move
// at once, never a share, and is not read.
import type { CodeBlock } from "./document";

/** The stage shape code-block-data's schedules take (kept here so the two files do not import each other). */
interface SelectorStage {
  line: number;
  percent: number;
  label: string;
  shareUnknown?: boolean;
}

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };
const isMap = (v: Json | undefined): v is { [k: string]: Json } => typeof v === "object" && v !== null && !Array.isArray(v);

/** The values a step's selector picks, or undefined when the step selects nothing by label. */
function selectedValues(step: Json): string[] | undefined {
  if (!isMap(step)) return undefined;
  const exprs = step.matchExpressions ?? (isMap(step.selector) ? step.selector.matchExpressions : undefined);
  if (Array.isArray(exprs)) {
    const values = exprs.flatMap((e) => (isMap(e) && Array.isArray(e.values) && (e.operator === undefined || e.operator === "In") ? e.values.filter((v): v is string => typeof v === "string") : []));
    return values.length > 0 ? values : undefined;
  }
  const labels = step.matchLabels ?? (isMap(step.selector) ? step.selector.matchLabels : undefined);
  if (isMap(labels)) {
    const values = Object.values(labels).filter((v): v is string => typeof v === "string");
    return values.length > 0 ? values : undefined;
  }
  return undefined;
}

/** The first `steps` list (a few levels down) whose every entry selects by label. */
function selectorList(data: Json | undefined, depth = 0): Json[] | undefined {
  if (depth > 6 || !isMap(data)) return undefined;
  for (const [k, v] of Object.entries(data)) {
    if (k === "steps" && Array.isArray(v) && v.length >= 2 && v.every((s) => selectedValues(s) !== undefined)) return v;
    const inner = selectorList(v, depth + 1);
    if (inner) return inner;
  }
  return undefined;
}

/** `data` is the block read as YAML by the caller (code-block-data's parser). */
export function selectorSteps(block: CodeBlock, data: Json | undefined): SelectorStage[] | null {
  if (!["yaml", "yml", ""].includes(block.lang)) return null;
  const list = selectorList(data);
  if (!list) return null;
  let after = block.fromLine;
  return list.slice(0, 20).map((step, k, all) => {
    const values = selectedValues(step)!;
    // Each stage points at the line that names its group, so the stages keep the block's order.
    const line = block.body.find((l) => l.n > after && l.text.includes(values[0]))?.n ?? after;
    after = line;
    const label = values.join(", ").slice(0, 80);
    return k === all.length - 1 ? { line, percent: 100, label } : { line, percent: 0, label, shareUnknown: true };
  });
}

/** Keys that say which targets a named stage takes: groups of clusters, regions, hosts. */
const TARGET_KEYS = ["groups", "clusters", "targets", "regions", "members", "hosts", "nodes", "zones", "selector", "matchLabels"];
/** Keys that give how long to wait after a stage, in seconds or as a duration. */
const WAIT_KEY = /^(?:after\w*wait\w*|wait\w*|pause\w*|soak\w*|bake\w*)$/i;
const SHARE_KEY = /percent|weight|share|traffic/i;

function waitOf(stage: { [k: string]: Json }): number | undefined {
  for (const [k, v] of Object.entries(stage)) {
    if (!WAIT_KEY.test(k)) continue;
    const n = typeof v === "number" ? v : typeof v === "string" && /^\d+$/.test(v) ? Number(v) : Number.NaN;
    if (Number.isFinite(n) && n > 0) return /minutes?$/i.test(k) ? n * 60 : /hours?$/i.test(k) ? n * 3600 : n;
  }
  return undefined;
}

/**
 * `{ "stages": [ { "name": "stage1", "groups": [...], "afterStageWaitInSeconds": 3600 }, { "name": "stage2", ... } ] }`:
 * a stage file that orders named stages, each taking groups of targets (clusters, regions) and perhaps a wait after
 * it. The stages are the ramp's, named as the file names them; a group is no share, so each share is asked and the
 * last stage reaches everything (100 %); the wait after a stage is its bake.
 */
export function namedStageFile(block: CodeBlock, data: Json | undefined): (SelectorStage & { durationSeconds?: number })[] | null {
  if (!isMap(data)) return null;
  const list = ["stages", "waves", "rings", "phases"].map((k) => data[k]).find((v) => Array.isArray(v));
  if (!Array.isArray(list) || list.length < 2 || list.length > 20) return null;
  const stages = list.filter(isMap);
  if (stages.length !== list.length || !stages.every((s) => typeof s.name === "string" && TARGET_KEYS.some((k) => k in s) && !Object.keys(s).some((k) => SHARE_KEY.test(k)))) return null;
  let after = block.fromLine;
  return stages.map((s, k) => {
    const name = String(s.name);
    const line = block.body.find((l) => l.n > after && l.text.includes(`"${name}"`))?.n ?? block.body.find((l) => l.n > after && l.text.includes(name))?.n ?? after;
    after = line;
    const wait = k < stages.length - 1 ? waitOf(s) : undefined;
    const base = k === stages.length - 1 ? { line, percent: 100, label: name.slice(0, 80) } : { line, percent: 0, label: name.slice(0, 80), shareUnknown: true };
    return wait !== undefined ? { ...base, durationSeconds: wait } : base;
  });
}
