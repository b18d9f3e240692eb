// A deployment pipeline written as a list of steps where some steps move traffic (`percent: 10`) and others only
// wait (`duration: 10m`): each wait is how long the share set before it holds. Pure; reads parsed YAML/JSON.
import { SHARE_FIELD, sharesInPercent } from "./embedded-data";

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };
const isMap = (v: Json | undefined): v is { [k: string]: Json } => typeof v === "object" && v !== null && !Array.isArray(v);

const WAIT_FIELD = /^(duration|wait|hold|pause|bake|soak|interval)(_?seconds)?$/i;

export interface PipelineStage {
  percent: number;
  durationSeconds?: number;
  /** The share's value as written, to find its line. */
  written: { field: string; value: number };
}

/** A value under a field the test accepts, at most `limit` levels into a step (a step's `with:` / `config:`). */
function deepField(v: Json, test: RegExp, depth = 0): { field: string; value: Json } | undefined {
  if (depth > 2 || !isMap(v)) return undefined;
  for (const [k, x] of Object.entries(v)) if (test.test(k) && (typeof x === "number" || typeof x === "string")) return { field: k, value: x };
  for (const x of Object.values(v)) {
    const inner = isMap(x) ? deepField(x, test, depth + 1) : undefined;
    if (inner) return inner;
  }
  return undefined;
}

function waitSeconds(v: Json): number | undefined {
  if (typeof v === "number") return v > 0 ? v : undefined;
  if (typeof v !== "string") return undefined;
  const m = v.trim().match(/^(\d+(?:\.\d+)?)\s*(s|m|h|d)$/);
  return m ? Math.round(Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[m[2] as "s" | "m" | "h" | "d"]) : undefined;
}

/** Lists (a few levels down) whose entries are all maps. */
function* listsOf(data: Json | undefined, depth = 0): Generator<Json[]> {
  if (depth > 5) return;
  if (Array.isArray(data)) {
    if (data.length >= 3 && data.every(isMap)) yield data;
    return;
  }
  if (isMap(data)) for (const v of Object.values(data)) yield* listsOf(v, depth + 1);
}

/**
 * The stages of a pipeline list: two or more share steps, rising, every other step a wait (or a step that neither
 * moves traffic nor waits, such as an approval); at least one wait, so the list is a pipeline and not a split.
 */
export function pipelineStages(data: Json | undefined): PipelineStage[] | null {
  for (const list of listsOf(data)) {
    const stages: PipelineStage[] = [];
    let waits = 0;
    for (const step of list) {
      const share = deepField(step, SHARE_FIELD);
      if (share && typeof share.value === "number") {
        stages.push({ percent: share.value, written: { field: share.field, value: share.value } });
        continue;
      }
      const wait = deepField(step, WAIT_FIELD);
      const secs = wait ? waitSeconds(wait.value) : undefined;
      if (secs === undefined) continue;
      waits++;
      const last = stages[stages.length - 1];
      if (last && last.durationSeconds === undefined) last.durationSeconds = secs;
    }
    if (stages.length < 2 || waits === 0) continue;
    const fields = new Set(stages.map((s) => s.written.field));
    if (fields.size !== 1) continue;
    const shares = sharesInPercent([...fields][0], stages.map((s) => s.percent));
    if (!shares || shares.some((v, k) => !(v > 0) || v > 100 || (k > 0 && !(v > shares[k - 1])))) continue;
    return stages.map((s, k) => ({ ...s, percent: shares[k] }));
  }
  return null;
}
