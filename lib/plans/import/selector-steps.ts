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
