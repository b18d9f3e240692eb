// Fenced code read as data where it is data: feature-flag configurations (JSON, YAML or a JavaScript object
// literal with `rollout_percentage`, `enabled`, `criteria`) become a flag key, a share and constraints.
// Schedules inside code ("# Day 1: 25%") are read by the stage-line reader, which looks at code lines too.
import { FLAG_KEY, type Constraint } from "../../flags/core/flag-spec";
import type { CodeBlock } from "./document";
import { embeddedBlocks, FRACTION_FIELD, SHARE_FIELD, sharesInPercent } from "./embedded-data";
import { pipelineStages } from "./pipeline-waits";
import { namedStageFile, selectorSteps } from "./selector-steps";

export interface FlagConfig {
  key?: string;
  percent?: number;
  enabled?: boolean;
  constraints: Constraint[];
  /** Criteria the importer could not turn into constraints, as written (they become a question). */
  unread: string[];
  fromLine: number;
  toLine: number;
}

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

/** A data block's value: JSON, an object literal, or the block-style YAML subset flag configs are written in. */
export function readDataBlock(block: CodeBlock): Json | undefined {
  const text = block.body.map((l) => l.text).join("\n");
  if (text.length > 50_000) return undefined;
  const trimmed = text.trim();
  if (/^[[{]/.test(trimmed) || /^(export\s+)?(const|let|var)\s+\w+\s*(:\s*[\w<>[\]]+)?\s*=\s*\{/.test(trimmed)) {
    return parseJsonish(trimmed.replace(/^(export\s+)?(const|let|var)\s+\w+\s*(:\s*[\w<>[\]]+)?\s*=\s*/, "").replace(/;\s*$/, ""));
  }
  if (["yaml", "yml", ""].includes(block.lang)) return parseYamlSubset(block.body.map((l) => l.text));
  return undefined;
}

function parseJsonish(text: string): Json | undefined {
  try {
    return JSON.parse(text);
  } catch {
    // An object literal: comments, unquoted keys, single quotes and trailing commas, as people write them.
    const jsonish = text
      .replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, "")
      .replace(/'([^'\\]*)'/g, (_, s: string) => JSON.stringify(s))
      .replace(/([{,]\s*)([A-Za-z_$][\w$]*)\s*:/g, '$1"$2":')
      .replace(/,\s*([}\]])/g, "$1");
    try {
      return JSON.parse(jsonish);
    } catch {
      return undefined;
    }
  }
}

function scalar(raw: string): Json {
  const v = raw.trim().replace(/\s+#.*$/, "");
  if (/^(['"]).*\1$/.test(v)) return v.slice(1, -1);
  if (/^(true|yes|on)$/i.test(v)) return true;
  if (/^(false|no|off)$/i.test(v)) return false;
  if (/^(null|~)$/i.test(v)) return null;
  if (/^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  if (/^\[.*\]$/.test(v)) return v.slice(1, -1).split(",").map((s) => scalar(s)).filter((s) => s !== "");
  if (/^\{.*\}$/.test(v)) return parseJsonish(v) ?? v;
  return v;
}

/** Block-style YAML maps and lists, enough for flag configurations; anything else yields undefined. */
export function parseYamlSubset(lines: string[]): Json | undefined {
  const rows = lines
    .map((text) => ({ indent: text.match(/^\s*/)![0].length, text: text.trim() }))
    .filter((r) => r.text && !r.text.startsWith("#") && r.text !== "---");
  let i = 0;
  const parseNode = (indent: number): Json => {
    if (i < rows.length && rows[i].text.startsWith("- ")) {
      const list: Json[] = [];
      while (i < rows.length && rows[i].indent === indent && rows[i].text.startsWith("- ")) {
        const item = rows[i].text.slice(2);
        if (/^[\w.-]+:(\s|$)/.test(item)) {
          // "- key: value" opens a map whose other keys sit two columns further in.
          rows[i] = { indent: indent + 2, text: item };
          list.push(parseNode(indent + 2));
        } else {
          list.push(scalar(item));
          i++;
        }
      }
      return list;
    }
    const map: { [k: string]: Json } = {};
    while (i < rows.length && rows[i].indent === indent) {
      const m = rows[i].text.match(/^(['"]?)([\w.$-]+)\1\s*:\s*(.*)$/);
      if (!m) throw new Error("not yaml");
      i++;
      if (m[3] !== "" && !/^[|>]/.test(m[3])) map[m[2]] = scalar(m[3]);
      else if (i < rows.length && rows[i].indent > indent) map[m[2]] = parseNode(rows[i].indent);
      else if (i < rows.length && rows[i].indent === indent && rows[i].text.startsWith("- ")) map[m[2]] = parseNode(indent);
      else map[m[2]] = null;
    }
    return map;
  };
  try {
    if (rows.length === 0) return undefined;
    const value = parseNode(rows[0].indent);
    return i === rows.length ? value : undefined;
  } catch {
    return undefined;
  }
}

const KEY_FIELDS = /^(flag|flag_?key|key|name|feature|feature_?flag|id)$/i;
const PERCENT_FIELDS = /^(rollout_?percent(age)?|percent(age)?|rollout|share|traffic_?percent(age)?|weight)$/i;
const CRITERIA_FIELDS = /^(criteria|targeting|target(ing)?_?rules|conditions|constraints|rules|segment|segments|audience)$/i;
const ATTRIBUTE = /^[A-Za-z][A-Za-z0-9_.-]{0,62}$/;

const isMap = (v: Json | undefined): v is { [k: string]: Json } => typeof v === "object" && v !== null && !Array.isArray(v);

/** The flag configuration a code block holds, or null when it holds none (no percentage or criteria field). */
export function extractFlagConfig(block: CodeBlock): FlagConfig | null {
  const data = readDataBlock(block);
  if (!isMap(data)) return null;
  // A wrapper ("feature_flags: { smart-replies: {...} }" or "flag: {...}") holds the config one level down.
  let node: { [k: string]: Json } = data;
  let key: string | undefined;
  for (let depth = 0; depth < 3; depth++) {
    const fields = Object.keys(node);
    if (fields.some((f) => PERCENT_FIELDS.test(f) || CRITERIA_FIELDS.test(f) || /^enabled$/i.test(f))) break;
    // A GO Feature Flag flag ("my-flag: { variations, defaultRule, ... }"): the flag is the map holding variations.
    if (isMap(node.variations)) break;
    const inner = fields.filter((f) => isMap(node[f]));
    if (inner.length !== 1) return null;
    if (FLAG_KEY.test(inner[0]) && !/^(flag|feature|config|settings)s?$/i.test(inner[0])) key = inner[0];
    node = node[inner[0]] as { [k: string]: Json };
  }
  const fields = Object.keys(node);
  const percentField = fields.find((f) => PERCENT_FIELDS.test(f) && typeof node[f] === "number");
  const criteriaField = fields.find((f) => CRITERIA_FIELDS.test(f));
  if (!percentField && !criteriaField && !(isMap(node.variations) && key)) return null;
  const keyField = fields.find((f) => KEY_FIELDS.test(f) && typeof node[f] === "string" && FLAG_KEY.test(node[f] as string));
  key = keyField ? (node[keyField] as string) : key;
  const enabled = typeof node.enabled === "boolean" ? node.enabled : undefined;
  const percent = percentField ? (node[percentField] as number) : undefined;
  const constraints: Constraint[] = [];
  const unread: string[] = [];
  if (criteriaField) readCriteria(node[criteriaField], constraints, unread);
  return {
    ...(key ? { key } : {}),
    ...(percent !== undefined && percent >= 0 && percent <= 100 ? { percent } : {}),
    ...(enabled !== undefined ? { enabled } : {}),
    constraints: constraints.slice(0, 20),
    unread,
    fromLine: block.fromLine,
    toLine: block.toLine,
  };
}

const OPS: [RegExp, Constraint["operator"]][] = [
  [/^(>=|gte|min|at_?least)$/i, "gte"],
  [/^(<=|lte|max|at_?most)$/i, "lte"],
  [/^(==|=|eq|equals|is)$/i, "eq"],
  [/^(in|one_?of|any_?of)$/i, "in"],
  [/^(not_?in|!=|none_?of|exclude)$/i, "not_in"],
];
const opOf = (word: string) => OPS.find(([re]) => re.test(word.trim()))?.[1];
const listOf = (v: Json): (string | number)[] | null =>
  Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === "string" || typeof x === "number") ? (v as (string | number)[]) : null;

function readCriteria(value: Json, out: Constraint[], unread: string[]) {
  if (Array.isArray(value)) {
    // [{ attribute, operator, values }] or [{ country: [...] }]
    for (const entry of value) {
      if (!isMap(entry)) {
        unread.push(JSON.stringify(entry));
        continue;
      }
      const attribute = entry.attribute ?? entry.contextName ?? entry.field ?? entry.key;
      const op = typeof entry.operator === "string" ? opOf(entry.operator) : typeof entry.op === "string" ? opOf(entry.op) : undefined;
      if (typeof attribute === "string" && op) pushConstraint(attribute, op, entry.values ?? entry.value, out, unread);
      else readCriteria(entry, out, unread);
    }
    return;
  }
  if (!isMap(value)) {
    if (value !== null) unread.push(String(value));
    return;
  }
  for (const [attribute, v] of Object.entries(value)) {
    if (isMap(v)) {
      const entries = Object.entries(v);
      for (const [word, operand] of entries) {
        const op = opOf(word);
        if (op) pushConstraint(attribute, op, operand, out, unread);
        else unread.push(`${attribute}: ${JSON.stringify(v)}`);
      }
    } else if (Array.isArray(v)) pushConstraint(attribute, "in", v, out, unread);
    else pushConstraint(attribute, "eq", v, out, unread);
  }
}

function pushConstraint(attribute: string, operator: Constraint["operator"], operand: Json | undefined, out: Constraint[], unread: string[]) {
  const written = `${attribute} ${operator} ${JSON.stringify(operand)}`;
  if (!ATTRIBUTE.test(attribute) || operand === undefined || operand === null) {
    unread.push(written);
    return;
  }
  if (operator === "in" || operator === "not_in") {
    const values = listOf(operand) ?? (typeof operand === "string" || typeof operand === "number" ? [operand] : null);
    if (values) out.push({ attribute, operator, values: values.slice(0, 1000) });
    else unread.push(written);
  } else if (operator === "gte" || operator === "lte") {
    if (typeof operand === "number") out.push({ attribute, operator, value: operand });
    else unread.push(written);
  } else if (typeof operand === "string" || typeof operand === "number" || typeof operand === "boolean") {
    out.push({ attribute, operator, value: typeof operand === "string" ? operand.slice(0, 200) : operand });
  } else unread.push(written);
}

export interface WeightStage {
  line: number;
  percent: number;
  durationSeconds?: number;
  label?: string;
  /** The manifest holds the stage but gives no share of traffic (a header-matched A/B or mirrored analysis). */
  shareUnknown?: boolean;
  /** The manifest's ramp had more steps than a plan holds: how many it had before they were merged. */
  coarsenedFrom?: number;
  /** Upper end of a duration written as a range ("1-2 days"): the low end is proposed and asked. */
  maxSeconds?: number;
  /** The stage is the configuration itself (one canary share): it takes the name of the section that applies it. */
  namedBySection?: boolean;
  /** Weights counted out of a whole the block does not state (the smallest power of ten holding them): asked. */
  wholeInferred?: number;
}

/** Steps a ramp may have before its promotion (the format holds 20 waves). */
export const MAX_RAMP_STEPS = 19;

/**
 * A ramp longer than the format allows, made coarser the least that fits: every k-th step is kept (the smallest k
 * that fits), the last step always, and each kept step lasts as long as the steps it stands for, so the ramp starts
 * and ends where the document's does and takes as long. The caller asks the team to confirm.
 */
export function coarsenStages(stages: WeightStage[], max = MAX_RAMP_STEPS): WeightStage[] {
  if (stages.length <= max) return stages;
  const k = Math.ceil(stages.length / max);
  const out: WeightStage[] = [];
  let from = 0;
  for (let i = k - 1; from < stages.length; i = Math.min(i + k, stages.length - 1)) {
    const covered = stages.slice(from, i + 1);
    const timed = covered.every((st) => st.durationSeconds !== undefined);
    const kept: WeightStage = { ...stages[i], coarsenedFrom: stages.length };
    if (timed) kept.durationSeconds = covered.reduce((sum, st) => sum + (st.durationSeconds ?? 0), 0);
    out.push(kept);
    from = i + 1;
    if (i === stages.length - 1) break;
  }
  return out;
}

const seconds = (v: string) => (/^\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : parseDurationSeconds(v));
function parseDurationSeconds(v: string): number | undefined {
  const m = v.trim().match(/^(\d+(?:\.\d+)?)\s*(s|m|h|d)$/);
  return m ? Math.round(Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[m[2] as "s" | "m" | "h" | "d"]) : undefined;
}

/**
 * Traffic weights in a progressive-delivery manifest: Flagger's `stepWeight` up to `maxWeight` (or `stepWeights`,
 * over `totalWeight`), each held for the analysis `interval`; Argo Rollouts' `setWeight` steps with their `pause`
 * durations. The controller promotes to everyone after the last step, so the stages end at 100 %.
 */
export function extractWeightStages(block: CodeBlock): WeightStage[] | null {
  if (["json", "jsonc", "json5"].includes(block.lang)) return canaryShareStages(block);
  if (!["yaml", "yml", ""].includes(block.lang)) return null;
  const field = (name: string) => {
    const hit = block.body.find((l) => new RegExp(`^\\s*-?\\s*${name}:\\s*\\S`).test(l.text));
    return hit ? { n: hit.n, value: hit.text.replace(new RegExp(`^\\s*-?\\s*${name}:\\s*`), "").replace(/\s+#.*$/, "").trim() } : undefined;
  };
  // Argo Rollouts' blue-green: the new stack is reachable on the preview service without live traffic, then the
  // active service switches to it (everyone). It pauses for a person unless `autoPromotionSeconds` says how long.
  const active = field("activeService");
  if (active && /^[a-z0-9][a-z0-9.-]*$/i.test(active.value) && !["string", "object"].includes(active.value) && block.body.some((l) => /^\s*blueGreen:\s*(#.*)?$/.test(l.text))) {
    const auto = field("autoPromotionSeconds");
    const wait = auto && /^\d+$/.test(auto.value) && Number(auto.value) > 0 ? Number(auto.value) : undefined;
    return [
      { line: active.n, percent: 0, label: "Preview", shareUnknown: true, ...(wait !== undefined ? { durationSeconds: wait } : {}) },
      { line: active.n, percent: 100, label: "Promotion" },
    ];
  }
  const total = Number((field("totalWeight") ?? field("fullWeight"))?.value ?? 100) || 100;
  const interval = field("interval");
  const hold = interval ? seconds(interval.value) : undefined;
  const stages: WeightStage[] = [];
  const steps = field("stepWeights");
  // Flagger's stepWeight/maxWeight; other controllers name the same pair trafficStepSize/maxTrafficPercentage.
  const step = field("stepWeight") ?? field("\\w*[sS]tep[sS]ize") ?? field("stepPercent(?:age)?");
  const max = field("maxWeight") ?? field("max(?:Traffic)?Percent(?:age)?");
  if (steps && /^\[.*\]$/.test(steps.value)) {
    for (const w of steps.value.slice(1, -1).split(",")) stages.push({ line: steps.n, percent: (Number(w) * 100) / total, ...(hold ? { durationSeconds: hold } : {}) });
  } else if (step && max && Number(step.value) > 0) {
    const s = Number(step.value);
    const m = Number(max.value);
    // Flagger steps "until the weight goes above maxWeight": the last step is the first to reach it (20 by 20 to 50:
    // 20, 40, 60), unless that is everyone, which the promotion gives.
    for (let w = s; stages.length < 1000; w += s) {
      stages.push({ line: step.n, percent: (w * 100) / total, ...(hold ? { durationSeconds: hold } : {}) });
      if (w >= m) break;
    }
    // A run of `maxIterations` iterations that reaches the cap early stays at the cap for the iterations left.
    const runs = Number(field("maxIterations")?.value ?? Number.NaN);
    const last = stages[stages.length - 1];
    if (hold && last && Number.isInteger(runs) && runs > stages.length && last.percent < 100) last.durationSeconds = (runs - stages.length + 1) * hold;
  } else {
    // Argo Rollouts: "- setWeight: 20" then "- pause: {duration: 10s}" (no duration: wait for a person), or the
    // block form "- pause:" with "duration: 10s" on the next, deeper line.
    const body = block.body;
    // OpenKruise and others write the step's share as `- weight: 5` in a `steps:` list (not a backend's weight).
    const setter = body.some((l) => /^\s*steps:\s*(#.*)?$/.test(l.text)) ? /^\s*-\s*(?:setWeight|weight):\s*(\d+(?:\.\d+)?)\s*(#.*)?$/ : /^\s*-\s*setWeight:\s*(\d+(?:\.\d+)?)/;
    for (const [k, { n, text }] of body.entries()) {
      const set = text.match(setter);
      if (set) {
        stages.push({ line: n, percent: Number(set[1]) });
        continue;
      }
      const pause = text.match(/^(\s*)-\s*pause:\s*\{?\s*(?:duration:\s*["']?([^}"'\s]+))?/);
      const last = stages[stages.length - 1];
      if (!pause || !last || last.durationSeconds !== undefined) continue;
      let written = pause[2];
      if (!written && /pause:\s*(#.*)?$/.test(text)) {
        const indent = pause[1].length;
        for (const next of body.slice(k + 1, k + 4)) {
          const lead = next.text.match(/^\s*/)![0].length;
          if (lead <= indent + 1 && next.text.trim() !== "") break;
          const m = next.text.match(/^\s*duration:\s*["']?([^"'\s#]+)/);
          if (m) {
            written = m[1];
            break;
          }
        }
      }
      const d = written ? seconds(written) : undefined;
      if (d !== undefined) last.durationSeconds = d;
    }
  }
  const valid = coarsenStages(stages.filter((st) => st.percent > 0 && st.percent < 100).slice(0, 1000));
  if (valid.length === 0 && stages.length === 0) {
    const canary = canaryShareStages(block);
    if (canary) return canary;
  }
  if (valid.length === 0) {
    // Flagger's A/B testing and mirroring: `iterations` analysis runs at the `interval`, on a cohort or on copied
    // traffic rather than a share, and the controller promotes after it. The stage lasts iterations x interval.
    const iterations = field("iterations");
    const count = iterations ? Number(iterations.value) : Number.NaN;
    if (!iterations || !Number.isInteger(count) || count <= 0 || hold === undefined) return null;
    return [
      { line: iterations.n, percent: 0, durationSeconds: count * hold, label: "Analysis", shareUnknown: true },
      { line: iterations.n, percent: 100, label: "Promotion" },
    ];
  }
  valid.forEach((st) => {
    st.percent = Math.round(st.percent * 1000) / 1000;
  });
  valid.push({ line: valid[valid.length - 1].line, percent: 100, label: "Promotion" });
  return valid;
}

/**
 * `canaryTrafficPercent: 20`, `"canary_weight": 5`, `canaryPercentage: 10`: one key that gives the new version's
 * share of live traffic, as serving platforms configure a canary. The canary is one stage at that share; promotion
 * (everyone) follows it. One such key only: several are a table of examples, not a rollout.
 */
const CANARY_SHARE_KEY = /^\s*[-{]?\s*["']?(canary_?(?:traffic_?)?(?:percent(?:age)?|weight|share)|new_?version_?(?:traffic_?)?(?:percent(?:age)?|weight))["']?\s*:\s*["']?(\d+(?:\.\d+)?)\s*%?["']?\s*[,}]?\s*(?:#.*)?$/i;
function canaryShareStages(block: CodeBlock): WeightStage[] | null {
  const hits = block.body.map((l) => ({ n: l.n, m: l.text.match(CANARY_SHARE_KEY) })).filter((h) => h.m);
  if (hits.length !== 1) return null;
  const percent = Number(hits[0].m![2]);
  if (!(percent > 0 && percent < 100)) return null;
  return [
    { line: hits[0].n, percent, namedBySection: true },
    { line: hits[0].n, percent: 100, label: "Promotion" },
  ];
}

/**
 * `Type: Canary10Percent10Minutes`, `CodeDeployDefault.LambdaLinear10PercentEvery1Minute`,
 * `"DeploymentStrategyId": "AppConfig.Canary10Percent20Minutes"`: a named traffic-shifting preset, as deployment
 * services name theirs, says its own ramp. A canary preset shifts its share, waits, then shifts everyone; a linear
 * one adds its share at each interval until everyone. (All-at-once, a default with nothing to ramp, is not read.)
 * One preset named in the block only: several are a list of choices, not the one chosen.
 */
const PRESET = /(?:\b|[a-z.])(Canary|Linear)(\d{1,2})Percent(?:Every)?(\d{1,4})(Seconds?|Minutes?|Hours?|Days?)\b/;
const PRESET_UNIT: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };
export function presetStages(block: CodeBlock): WeightStage[] | null {
  const hits = block.body
    .filter((l) => !/^\s*(?:#|\/\/)/.test(l.text))
    .map((l) => ({ n: l.n, m: l.text.match(PRESET) }))
    .filter((h): h is { n: number; m: RegExpMatchArray } => h.m !== null);
  if (hits.length === 0 || new Set(hits.map((h) => h.m[0])).size !== 1) return null;
  const { n, m } = hits[0];
  const share = Number(m[2]);
  const seconds = Number(m[3]) * PRESET_UNIT[m[4][0].toLowerCase()];
  if (!(share > 0 && share < 100) || !(seconds > 0)) return null;
  if (m[1] === "Canary") return [{ line: n, percent: share, durationSeconds: seconds }, { line: n, percent: 100, label: "Promotion" }];
  const stages: WeightStage[] = [];
  for (let p = share; p < 100 && stages.length < 19; p += share) stages.push({ line: n, percent: p, durationSeconds: seconds });
  stages.push({ line: n, percent: 100, label: "Promotion" });
  return stages;
}

/**
 * `{ Time: 1672509600, Weight: 20000 }`, `{ at: "2024-05-01T10:00:00Z", weight: 250 }`, ...: a schedule in code (a
 * Go or TypeScript literal, JSON) whose entries each set a weight at a time. Weights above 100 are counted out of a
 * whole the service uses (1000, 10000, 100000): the smallest power of ten that holds them all, or the whole the
 * block states (`totalWeight`, `maxWeight`, a comment "out of 100000"). Each entry lasts until the next one's time;
 * the last has no end. The weights must rise; a whole that was only inferred is marked so it can be asked.
 */
const WEIGHT_ENTRY = /(?:^|[\s{,(])["']?(?:weight|percent(?:age)?|rollout_?percent(?:age)?)["']?\s*[:=]\s*(\d{1,7})(?![\d.])/gi;
const TIME_ENTRY = /(?:^|[\s{,(])["']?(?:time|at|scheduled_?at|start_?(?:time|at)|execute_?at|date)["']?\s*[:=]\s*["']?(\d{13}|\d{10}|\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d)?(?:Z|[+-]\d\d:?\d\d)?)(?![\d])/gi;
const STATED_WHOLE = /\b(?:total_?weight|max_?weight|full_?weight)["']?\s*[:=]\s*(\d{3,7})\b|\bout of\s+(\d{1,3}(?:[,_]?\d{3})+|\d{3,7})\b/i;
function entryTime(text: string): number | undefined {
  if (/^\d{13}$/.test(text)) return Math.round(Number(text) / 1000);
  if (/^\d{10}$/.test(text)) return Number(text);
  const t = Date.parse(text.includes("T") || /[Z+]/.test(text) ? text : `${text.replace(" ", "T")}Z`);
  return Number.isFinite(t) ? Math.round(t / 1000) : undefined;
}
export function scaledWeightSchedule(block: CodeBlock): WeightStage[] | null {
  const entries: { n: number; weight: number; time?: number }[] = [];
  let pendingTime: number | undefined;
  let whole: number | undefined;
  for (const { n, text } of block.body) {
    const stated = text.match(STATED_WHOLE);
    if (stated) whole = Number((stated[1] ?? stated[2]).replace(/[,_]/g, ""));
    // Comments say what a line means; only keys count.
    const code = text.replace(/(?:\/\/|#).*$/, "");
    const keys = [
      ...[...code.matchAll(TIME_ENTRY)].map((m) => ({ at: m.index, time: entryTime(m[1]) })),
      ...[...code.matchAll(WEIGHT_ENTRY)].map((m) => ({ at: m.index, weight: Number(m[1]) })),
    ].sort((x, y) => x.at - y.at);
    for (const k of keys) {
      if ("weight" in k) {
        entries.push({ n, weight: k.weight, ...(pendingTime !== undefined ? { time: pendingTime } : {}) });
        pendingTime = undefined;
      } else if (k.time !== undefined) {
        // A time after a weight belongs to that weight's entry when the entry has none yet.
        const last = entries[entries.length - 1];
        if (last && last.time === undefined && pendingTime === undefined) last.time = k.time;
        else pendingTime = k.time;
      }
    }
  }
  if (entries.length < 2 || entries.some((e, k) => k > 0 && !(e.weight > entries[k - 1].weight))) return null;
  const max = entries[entries.length - 1].weight;
  // Shares out of 100 are read by the other readers; this one is for the services that count out of more.
  if (max <= 100 && whole === undefined) return null;
  const inferred = whole === undefined ? [1000, 10000, 100000, 1000000].find((p) => p >= max) : undefined;
  const of = whole ?? inferred;
  if (!of || max > of) return null;
  // Every entry says when it starts, and the times rise: each stage lasts until the next.
  if (entries.some((e, k) => e.time === undefined || (k > 0 && !(e.time > entries[k - 1].time!)))) return null;
  return entries.map((e, k) => ({
    line: e.n,
    percent: Math.round(((e.weight * 100) / of) * 1000) / 1000,
    ...(k + 1 < entries.length ? { durationSeconds: entries[k + 1].time! - e.time! } : {}),
    ...(inferred ? { wholeInferred: inferred } : {}),
  }));
}

/**
 * `mycli deploy --strategy canary --instance-steps 5,10,20`, `--weights=1,25,50`, `--canary-steps 10,50`: a command
 * option listing the shares of a ramp. They are its stages, in order, then everyone (the deployment continues to
 * full scale after the last step). One such option in the block only; the shares must rise and stay below 100.
 */
const OPTION_LIST = /(?:^|\s)--[\w-]*(?:steps?|weights?|percent(?:ages?)?|stages?)[=\s]+["']?(\d{1,2}(?:\.\d+)?(?:\s*,\s*\d{1,3}(?:\.\d+)?)+)["']?(?=\s|$)/i;
export function optionListStages(block: CodeBlock): WeightStage[] | null {
  const hits = block.body.filter((l) => !/^\s*#/.test(l.text)).map((l) => ({ n: l.n, m: l.text.match(OPTION_LIST) })).filter((h) => h.m);
  if (hits.length !== 1) return null;
  const values = hits[0].m![1].split(",").map((v) => Number(v.trim()));
  if (values.length > 19 || values.some((v, k) => !(v > 0 && v <= 100) || (k > 0 && !(v > values[k - 1])))) return null;
  const stages: WeightStage[] = values.map((percent) => ({ line: hits[0].n, percent }));
  if (values[values.length - 1] < 100) stages.push({ line: hits[0].n, percent: 100, label: "Full rollout" });
  return stages;
}

/** A JSON or YAML stage file of named stages taking groups of targets (selector-steps.ts: namedStageFile). */
function stageFile(block: CodeBlock): WeightStage[] | null {
  let data: Json | undefined;
  if (["json", "jsonc"].includes(block.lang)) {
    try {
      data = JSON.parse(block.body.map((l) => l.text).join("\n")) as Json;
    } catch {
      return null;
    }
  } else if (["yaml", "yml"].includes(block.lang)) data = parseYamlSubset(block.body.map((l) => l.text));
  return data === undefined ? null : namedStageFile(block, data);
}

export interface RangeCheck {
  name: string;
  /** The entry's name and comments ("# percentage (0-100)", "# milliseconds"), which may give percentile and unit. */
  words: string;
  bound: "min" | "max";
  value: number;
  fromLine: number;
  toLine: number;
}

/**
 * Analysis metrics with a `thresholdRange` (Flagger): `- name: request-success-rate` ... `min: 99` fails below 99,
 * `max: 500` fails above 500. Units are not decided here; the entry's comments travel with it.
 */
export function extractRangeChecks(block: CodeBlock): RangeCheck[] {
  if (!["yaml", "yml", ""].includes(block.lang) || !block.body.some((l) => /^\s*thresholdRange:/.test(l.text))) return [];
  const out: RangeCheck[] = [];
  let current: { name: string; words: string[]; fromLine: number; inRange: boolean } | null = null;
  for (const { n, text } of block.body) {
    const name = text.match(/^\s*-\s*name:\s*["']?([\w.-]+)/);
    if (name) {
      current = { name: name[1], words: [name[1].replace(/[-_]/g, " ")], fromLine: n, inRange: false };
      continue;
    }
    if (!current) continue;
    const comment = text.match(/^\s*#\s*(.*)$/);
    if (comment) current.words.push(comment[1]);
    if (/^\s*thresholdRange:/.test(text)) current.inRange = true;
    const bound = current.inRange ? text.match(/^\s*(min|max):\s*(-?\d+(?:\.\d+)?)/) : null;
    if (bound) out.push({ name: current.name, words: current.words.join(" "), bound: bound[1] as "min" | "max", value: Number(bound[2]), fromLine: current.fromLine, toLine: n });
  }
  return out.slice(0, 50);
}

/** A map somewhere in the data (depth-first, a few levels down) that has the field. */
function findField(data: Json | undefined, field: string, depth = 0): { [k: string]: Json } | undefined {
  if (!isMap(data) || depth > 4) return undefined;
  if (field in data) return data;
  for (const v of Object.values(data)) {
    const hit = findField(v, field, depth + 1);
    if (hit) return hit;
  }
  return undefined;
}

const dateOf = (v: Json | undefined) => (typeof v === "string" && /^\d{4}-\d{2}-\d{2}/.test(v) ? Date.parse(v) : Number.NaN);
const lineOf = (block: CodeBlock, field: string) => block.body.find((l) => new RegExp(`^\\s*${field}:`).test(l.text))?.n ?? block.fromLine;

/**
 * Date-driven flag rollouts (GO Feature Flag): `progressiveRollout` ramps from `initial` to `end` (0 -> 100 % unless
 * `percentage` says otherwise) between their dates, and `experimentation` serves the flag's split between `start`
 * and `end`. Each gives the stages it implies, the last lasting from the first date to the second.
 */
export function extractFlagSchedule(block: CodeBlock): WeightStage[] | null {
  const data = readDataBlock(block);
  const ramp = findField(data, "progressiveRollout")?.progressiveRollout;
  if (isMap(ramp) && isMap(ramp.initial) && isMap(ramp.end)) {
    const from = dateOf(ramp.initial.date);
    const to = dateOf(ramp.end.date);
    const startShare = typeof ramp.initial.percentage === "number" ? ramp.initial.percentage : 0;
    const endShare = typeof ramp.end.percentage === "number" ? ramp.end.percentage : 100;
    if (!(endShare > 0 && endShare <= 100 && startShare >= 0 && startShare < endShare)) return null;
    const lasts = to > from ? Math.round((to - from) / 1000) : undefined;
    const stages: WeightStage[] = [];
    if (startShare > 0) stages.push({ line: lineOf(block, "initial"), percent: startShare });
    stages.push({ line: lineOf(block, "end"), percent: endShare, ...(lasts ? { durationSeconds: lasts } : {}) });
    return stages;
  }
  const holder = findField(data, "experimentation");
  const window = holder?.experimentation;
  if (isMap(window)) {
    const from = dateOf(window.start);
    const to = dateOf(window.end);
    // The experiment's exposure: the smaller arm of the split its rule serves (50/50 -> 50, 10/90 -> 10).
    const split = findField(holder, "percentage")?.percentage;
    const arms = isMap(split) ? Object.values(split).filter((v): v is number => typeof v === "number" && v > 0 && v < 100) : [];
    if (arms.length === 0 || !(to > from)) return null;
    return [{ line: lineOf(block, "experimentation"), percent: Math.min(...arms), durationSeconds: Math.round((to - from) / 1000) }];
  }
  return datedSteps(block, data) ?? shareSteps(block, data) ?? pipelineSteps(block, data) ?? backendSplit(block, data);
}

/** A pipeline's share steps with the waits between them (pipeline-waits.ts), each on the line that sets it. */
function pipelineSteps(block: CodeBlock, data: Json | undefined): WeightStage[] | null {
  const stages = pipelineStages(data);
  if (!stages) return null;
  let after = block.fromLine;
  return stages.map((st) => {
    const pattern = new RegExp(`\\b${st.written.field}\\b\\W+${String(st.written.value).replace(".", "\\.")}\\b`);
    const line = block.body.find((l) => l.n > after && pattern.test(l.text))?.n ?? after;
    after = line;
    return { line, percent: st.percent, ...(st.durationSeconds !== undefined ? { durationSeconds: st.durationSeconds } : {}) };
  });
}

const WAIT_FIELDS = ["interval", "duration", "wait", "hold", "pause", "bake", "holdSeconds", "intervalSeconds"];

/** The first value (at most four levels down) under a field the test accepts, with that field's name. */
function deepShare(v: Json, depth = 0): { field: string; value: number } | undefined {
  if (depth > 4 || !isMap(v)) return undefined;
  for (const [k, x] of Object.entries(v)) if (typeof x === "number" && (FRACTION_FIELD.test(k) || SHARE_FIELD.test(k))) return { field: k, value: x };
  for (const x of Object.values(v)) {
    const inner = Array.isArray(x) ? x.map((e) => deepShare(e, depth + 1)).find(Boolean) : deepShare(x, depth + 1);
    if (inner) return inner;
  }
  return undefined;
}

/**
 * A list of steps each giving a share somewhere inside it (`steps: [{ interval: 3600, actions: [{ patch: { coverage:
 * 0.1 } }] }, ...]`): the shares, rising, are the stages; a fraction field reads as percent; a step's `interval`
 * (seconds when a bare number) is how long it holds.
 */
function shareSteps(block: CodeBlock, data: Json | undefined): WeightStage[] | null {
  // Tools nest their rollout deep in a service's configuration (services.<name>.rotation.rollout.waves).
  const list = findList(data, (v) => isMap(v) && deepShare(v) !== undefined, 0, 6);
  // Steps that carry dates are a dated schedule (datedSteps), which refuses dates out of order.
  if (!list || list.length < 2 || list.some((v) => isMap(v) && v.date !== undefined)) return null;
  const found = list.filter(isMap).slice(0, 20).map((st) => ({ st, share: deepShare(st)! }));
  if (new Set(found.map((f) => f.share.field)).size !== 1) return null;
  const shares = sharesInPercent(found[0].share.field, found.map((f) => f.share.value));
  if (!shares || shares.some((v, k) => !(v > 0) || (k > 0 && !(v > shares[k - 1])))) return null;
  const stages: WeightStage[] = found.map(({ st, share }, k) => {
    const secs = stepWaitSeconds(st);
    const line = block.body.find((l) => new RegExp(`\\b${share.field}\\b\\W+${String(share.value).replace(".", "\\.")}`).test(l.text))?.n ?? block.fromLine;
    return { line, percent: shares[k], ...(secs !== undefined && secs > 0 ? { durationSeconds: secs } : {}) };
  });
  const canary = canaryBefore(block, data, list);
  return canary ? [canary, ...stages] : stages;
}

/**
 * `canary: { health_monitoring_period: 5m, rollout_waves: [...] }`: the waves follow a canary step configured beside
 * them, which runs on a canary instance (no share of everyone: asked) for the time its own stay key gives.
 */
function canaryBefore(block: CodeBlock, data: Json | undefined, list: Json[]): WeightStage | null {
  const holder = holderOf(data, list);
  if (!holder || !/canary/i.test(holder.key)) return null;
  const stay = Object.entries(holder.map).find(([k, v]) => (STAY_KEY.test(k) || /_period$/i.test(k)) && (typeof v === "string" || typeof v === "number"));
  const secs = stay ? (typeof stay[1] === "number" ? stay[1] : seconds(String(stay[1]))) : undefined;
  const line = block.body.find((l) => new RegExp(`^\\s*${holder.key}:`).test(l.text))?.n ?? block.fromLine;
  return { line, percent: 0, label: "Canary", shareUnknown: true, ...(secs !== undefined && secs > 0 ? { durationSeconds: secs } : {}) };
}

/** The map (and its key) that holds `list` as one of its values, a few levels down. */
function holderOf(data: Json | undefined, list: Json[], key = "", depth = 0): { key: string; map: { [k: string]: Json } } | null {
  if (!isMap(data) || depth > 6) return null;
  if (Object.values(data).includes(list)) return { key, map: data };
  for (const [k, v] of Object.entries(data)) {
    const hit = holderOf(v, list, k, depth + 1);
    if (hit) return hit;
  }
  return null;
}

/**
 * A traffic split resource handed to a command (`backends:` of an SMI TrafficSplit, `backendRefs:` of an HTTPRoute,
 * weighted `clusters:`): two or more weighted backends, the one listed last being the new version; its share is its
 * weight over the sum. Read only from data embedded in a shell block, where the document applies it as a step.
 */
function backendSplit(block: CodeBlock, data: Json | undefined): WeightStage[] | null {
  if (!block.embedded) return null;
  const list = findList(data, (v) => isMap(v) && typeof v.weight === "number" && v.weight >= 0);
  if (!list || list.length < 2 || list.length > 10) return null;
  const weights = list.map((v) => (isMap(v) ? Number(v.weight) : 0));
  const sum = weights.reduce((a, b) => a + b, 0);
  const last = weights[weights.length - 1];
  if (!(sum > 0) || !(last > 0)) return null;
  const line = [...block.body].reverse().find((l) => /\bweight\s*:/.test(l.text))?.n ?? block.fromLine;
  return [{ line, percent: Math.round((last * 100000) / sum) / 1000 }];
}

const SHARE_FIELDS = ["percentage", "rolloutPercentage", "rollout_percentage", "percent", "weight"];

/**
 * A list of steps each carrying a `date` (a scheduled rollout: "on this date, change the flag so"): each step is a
 * stage lasting until the next one's date. A step's own top-level share is its percentage; a step that changes
 * who is targeted (a rule with a query) gives no share of everyone, so its share is asked.
 */
function datedSteps(block: CodeBlock, data: Json | undefined): WeightStage[] | null {
  const list = findList(data, (v) => isMap(v) && Number.isFinite(dateOf(v.date)));
  if (!list || list.length < 2) return null;
  const steps = list.filter(isMap).slice(0, 20);
  const dates = steps.map((st) => dateOf(st.date));
  if (dates.some((t, k) => k > 0 && !(t > dates[k - 1]))) return null;
  return steps.map((st, k) => {
    const date = String(st.date);
    const line = block.body.find((l) => l.text.includes(date))?.n ?? block.fromLine;
    const share = SHARE_FIELDS.map((f) => st[f]).find((v): v is number => typeof v === "number" && v > 0 && v <= 100);
    const next = dates[k + 1];
    return {
      line,
      label: date.slice(0, 10),
      percent: share ?? 0,
      ...(share === undefined ? { shareUnknown: true } : {}),
      ...(next !== undefined ? { durationSeconds: Math.round((next - dates[k]) / 1000) } : {}),
    };
  });
}

/** Keys that hold how long a step stays beyond the known WAIT_FIELDS: "health_monitoring: 3m", "soak: 1h", "observe_for: 10m". */
const STAY_KEY = /^(soak|delay|health_?monitoring|monitor(ing)?(_?(period|duration|time|for))?|observ\w*|analysis_?(period|duration))(_?seconds)?$/i;

/**
 * How long a step stays: its first WAIT_FIELDS value, plus the stay keys beside it ("wait: 2m" then
 * "health_monitoring: 3m" is five minutes at that share before the next step).
 */
function stepWaitSeconds(st: { [k: string]: Json }): number | undefined {
  const toSeconds = (v: Json | undefined) => (typeof v === "number" ? v : typeof v === "string" ? seconds(v) : undefined);
  const wait = toSeconds(WAIT_FIELDS.map((f) => st[f]).find((v) => typeof v === "number" || typeof v === "string"));
  const stays = Object.entries(st)
    .filter(([k]) => STAY_KEY.test(k) && !WAIT_FIELDS.includes(k))
    .map(([, v]) => toSeconds(v))
    .filter((v): v is number => v !== undefined && v > 0);
  if (wait === undefined && stays.length === 0) return undefined;
  return (wait ?? 0) + stays.reduce((a, b) => a + b, 0);
}

/** The first list (at most `max` levels down, four unless said) whose every entry passes `test`. */
function findList(data: Json | undefined, test: (v: Json) => boolean, depth = 0, max = 4): Json[] | undefined {
  if (depth > max) return undefined;
  if (Array.isArray(data)) {
    if (data.length > 0 && data.every(test)) return data;
    return undefined;
  }
  if (!isMap(data)) return undefined;
  for (const v of Object.values(data)) {
    const hit = findList(v, test, depth + 1, max);
    if (hit) return hit;
  }
  return undefined;
}

/** The schedule a code block holds: a progressive-delivery manifest's weights, or a date-driven flag rollout. */
export function extractCodeSchedule(block: CodeBlock): WeightStage[] | null {
  const own = extractWeightStages(block) ?? extractFlagSchedule(block) ?? (["yaml", "yml", ""].includes(block.lang) ? selectorSteps(block, parseYamlSubset(block.body.map((l) => l.text))) : null) ?? presetStages(block) ?? scaledWeightSchedule(block) ?? optionListStages(block) ?? stageFile(block);
  if (own) return own;
  // A heredoc or a quoted request body inside a shell block is data too.
  for (const inner of embeddedBlocks(block)) {
    const found = extractWeightStages(inner) ?? extractFlagSchedule({ ...inner, embedded: true });
    if (found) return found;
  }
  return null;
}
