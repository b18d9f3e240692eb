// The checkbox guarantee: no task-list item ("- [ ] ...") is ever lost, whatever the document's shape. An item the
// plan does not hold as a checklist item and no unmapped section covers is listed as unmapped on its own line(s), so a
// person sees it. Runs last, on the plan as built.
import type { UnmappedSection } from "./types";

const TASK_ITEM = /^\s*(?:>\s*)*(?:[-*+]|\d{1,3}[.)])\s+\[[ xX]\]\s*(.*)$/;

function loose(s: string): string {
  return s
    .toLowerCase()
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Every string the plan holds under a "text" key (checklist items, sign-offs, steps). */
function planTexts(value: unknown, out: string[], depth = 0) {
  if (depth > 12 || value === null || typeof value !== "object") return;
  if (Array.isArray(value)) {
    for (const v of value) planTexts(v, out, depth + 1);
    return;
  }
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (typeof v === "string" && k === "text") out.push(loose(v));
    else planTexts(v, out, depth + 1);
  }
}

/** Unmapped entries for the task-list items that neither the plan nor an unmapped section keeps (consecutive ones together). */
export function lostCheckboxes(lines: string[], plan: Record<string, unknown>, unmapped: UnmappedSection[], headingAt: (line: number) => string): UnmappedSection[] {
  const texts: string[] = [];
  planTexts(plan, texts);
  const list = [...new Set(texts.filter((t) => t.length >= 3))];
  const kept = new Set(list);
  const held = (t: string) => kept.has(t) || list.some((p) => p.includes(t) || (p.length >= 12 && t.includes(p)));
  const out: UnmappedSection[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = lines[i].match(TASK_ITEM);
    if (!m) continue;
    const n = i + 1;
    const text = loose(m[1]);
    if (unmapped.some((u) => n >= u.fromLine && n <= u.toLine)) continue;
    if (text.length > 0 && held(text)) continue;
    const last = out[out.length - 1];
    if (last && last.toLine === n - 1) last.toLine = n;
    else out.push({ heading: `${headingAt(n)} › task-list items`, fromLine: n, toLine: n });
  }
  return out;
}
