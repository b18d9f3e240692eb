// A procedure whose numbered steps each apply a traffic split ("1. Update the Route ... ```yaml traffic: [{ percent:
// 100 }, { percent: 0, tag: v2 }]```", "2. ... 50/50", "3. ... 0/100"): each split is a stage, the new version's
// share being that of the entry listed last (the one the procedure adds). A split giving it 0 % (a tagged test
// route) reaches nobody of the live traffic: a stage whose share is asked. Examples outside a numbered procedure
// illustrate the syntax and are not read here.
import { readDataBlock } from "./code-block-data";
import type { CodeBlock, MarkdownDoc } from "./document";
import { SHARE_FIELD } from "./embedded-data";

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };
const isMap = (v: Json | undefined): v is { [k: string]: Json } => typeof v === "object" && v !== null && !Array.isArray(v);

export interface SplitStage {
  line: number;
  /** The new version's share, 0-100; 0 when the step only stages it (its share is then asked). */
  percent: number;
  /** The step's bold label ("3. **Widen the rollout**"), when it has one. */
  name?: string;
  /** The flag whose share the step sets ("my_flag: { enabled: true, rollout: 5 }"). */
  flagKey?: string;
}

/**
 * A flag configuration that sets one share: `key: { enabled: true, rollout: 5 }`. A flag declared off or at 0 is
 * being prepared, not ramped: no stage.
 */
function flagShare(block: CodeBlock): { key: string; percent: number } | null {
  if (!["yaml", "yml", "json", ""].includes(block.lang)) return null;
  const data = readDataBlock(dedented(block));
  if (!isMap(data)) return null;
  const entries = Object.entries(data);
  if (entries.length !== 1 || !isMap(entries[0][1])) return null;
  const [key, config] = entries[0] as [string, { [k: string]: Json }];
  const shares = Object.entries(config).filter(([k, v]) => SHARE_FIELD.test(k) && typeof v === "number");
  if (shares.length !== 1 || config.enabled === false) return null;
  const percent = Number(shares[0][1]);
  return percent > 0 && percent <= 100 && /^[A-Za-z][\w.-]{1,80}$/.test(key) ? { key, percent } : null;
}

/** The share entries of the first list (a few levels down) whose entries each hold one share field. */
function splitOf(data: Json | undefined, depth = 0): { value: number }[] | null {
  if (depth > 5) return null;
  if (Array.isArray(data)) {
    const shares = data.map((e) => (isMap(e) ? Object.entries(e).find(([k, v]) => SHARE_FIELD.test(k) && typeof v === "number") : undefined));
    if (data.length >= 2 && shares.every(Boolean)) return shares.map((s) => ({ value: Number(s![1]) }));
    return null;
  }
  if (isMap(data)) {
    for (const v of Object.values(data)) {
      const hit = splitOf(v, depth + 1);
      if (hit) return hit;
    }
  }
  return null;
}

/** A block's text without the indentation of the list item it sits in. */
function dedented(block: CodeBlock): CodeBlock {
  const lead = Math.min(...block.body.filter((l) => l.text.trim()).map((l) => l.text.match(/^\s*/)![0].length));
  return Number.isFinite(lead) && lead > 0 ? { ...block, body: block.body.map((l) => ({ n: l.n, text: l.text.slice(Math.min(lead, l.text.match(/^\s*/)![0].length)) })) } : block;
}

/** The last-listed entry's share of the split a block applies, when its entries add up to 100. */
function newShare(block: CodeBlock): number | null {
  if (!["yaml", "yml", "json", ""].includes(block.lang)) return null;
  const split = splitOf(readDataBlock(dedented(block)));
  if (!split) return null;
  const sum = split.reduce((a, s) => a + s.value, 0);
  const last = split[split.length - 1].value;
  return Math.abs(sum - 100) < 1e-6 && last >= 0 && last <= 100 ? last : null;
}

/**
 * The stages of the first numbered list with two or more items applying splits, shares not falling and the last
 * one above 0; null when there is none.
 */
export function procedureSplits(doc: MarkdownDoc, from = 1, to = doc.lines.length): SplitStage[] | null {
  const items: number[] = [];
  for (let n = from; n <= to; n++) if (!doc.inCode[n] && /^ {0,3}\d{1,2}[.)]\s+\S/.test(doc.lines[n - 1] ?? "")) items.push(n);
  let run: SplitStage[] = [];
  const done = () => (run.length >= 2 && run[run.length - 1].percent > 0 && run.every((s, k) => k === 0 || s.percent >= run[k - 1].percent) ? run : null);
  for (const [k, item] of items.entries()) {
    const end = k + 1 < items.length ? items[k + 1] - 1 : to;
    // A heading between two items ends the list.
    const heading = doc.lines.slice(item, end).findIndex((l, j) => !doc.inCode[item + 1 + j] && /^\s{0,3}#{1,6}\s/.test(l));
    const blocks = doc.codeBlocks.filter((b) => b.fromLine > item && b.toLine <= (heading >= 0 ? item + heading : end));
    const share = blocks.map(newShare).find((v) => v !== null);
    const label = doc.lines[item - 1]?.match(/^ {0,3}\d{1,2}[.)]\s+\*\*([^*]{2,80}?):?\*\*\s*$/)?.[1]?.trim();
    const named = label ? { name: label } : {};
    if (share !== undefined && share !== null) run.push({ line: item, percent: share, ...named });
    else {
      const flag = blocks.map(flagShare).find((v) => v !== null);
      if (flag) run.push({ line: item, percent: flag.percent, flagKey: flag.key, ...named });
    }
    if (heading >= 0) {
      const found = done();
      if (found) return found;
      run = [];
    }
  }
  return done();
}
