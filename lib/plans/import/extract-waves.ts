// Stage lines and stage headings: "Wave 1: Internal Testing (Day 1, 10% Traffic)", "Day 4: 100%",
// "- Stage 2: 5% of servers for 2 days", "Phase 3 - 50% (3-5 days)".
import { parseDuration } from "./conditions";

export interface WaveLine {
  name: string;
  percent?: number;
  unit?: "users" | "requests" | "servers" | "operations";
  durationSeconds?: number;
  /** Upper bound of a range ("3-5 days"). */
  maxSeconds?: number;
  durationText?: string;
  /** The schedule words ("Day 1", "Days 5-6"). */
  schedule?: string;
}

const UNITS: [RegExp, WaveLine["unit"]][] = [
  [/\bservers?\b|\bhosts?\b|\bnodes?\b|\binstances?\b|\bpods?\b/i, "servers"],
  [/\brequests?\b|\btraffic\b/i, "requests"],
  [/\busers?\b|\baccounts?\b|\bcustomers?\b|\btenants?\b/i, "users"],
  [/\boperations?\b|\bjobs?\b|\bbatches\b/i, "operations"],
];

/** Words that name no stage by themselves. */
const GENERIC_NAME = /^(roll ?out|release|canary|deploy(ment)?|traffic|exposure|ramp|increase|expand|expansion)$/i;

/** "Wave 1:", "Phase 3.2 -", "Stage 1 —": a stage's numbering label. */
const STAGE_PREFIX = /^(?:wave|stage|ring|phase|step)\s*\d+(?:\.\d+)*\s*[:.)–—-]?\s*/i;

export function parseWaveLine(text: string): WaveLine {
  const pct = text.match(/(\d+(?:\.\d+)?)\s*%/);
  const schedule = text.match(/\b(days?|weeks?)\s+-?\d+(?:\s*[-–]\s*-?\d+)?/i)?.[0];
  // A duration counts when it is not the schedule itself ("Day 1" is when, "24h" is how long).
  const withoutSchedule = schedule ? text.replace(schedule, " ") : text;
  const duration = parseDuration(withoutSchedule.replace(/\d+(?:\.\d+)?\s*%/g, " "));
  let unit: WaveLine["unit"];
  if (pct) for (const [re, u] of UNITS) if (re.test(text)) { unit = u; break; }
  const name = text
    // "Phase 3.2:", "Step 3: Stage 1 —": a dotted number and a second label are numbering too, not the name.
    .replace(STAGE_PREFIX, "")
    .replace(STAGE_PREFIX, "")
    // A trailing status symbol ("Migration Planning ⏳", "Done ✅") decorates the heading.
    .replace(/(?:\s|\p{So}|\p{Sk}|\uFE0F)+$/u, "")
    // "(Day 1, 10% Traffic)" holds what was read as numbers; "(Optional)" holds words that are part of the name.
    .replace(/\([^)]*\d[^)]*\)/g, " ")
    // What is left of "5% of servers for 2 days" once the numbers are read is no name.
    .replace(/\d+(?:\.\d+)?\s*%(\s+(of\s+)?(the\s+)?(traffic|users|servers|requests|hosts|nodes|operations|accounts|customers))?/gi, " ")
    .replace(duration ? duration.text : "\u0000", " ")
    .replace(/\b(for|over|during)\s*$/i, " ")
    .replace(/\s+/g, " ")
    .replace(/[\s:,-]+$/, "")
    .trim();
  const fallback = text.match(/^(wave|stage|ring|phase|step|day|week)\s*\d+/i)?.[0] ?? text.slice(0, 80);
  // "1% Rollout (Initial Canary)": without its share the name is a bare "Rollout", so the share is part of the name.
  const core = name.replace(/\([^)]*\)/g, " ").replace(/[^a-z]+/gi, " ").trim();
  // "Stage 2 — Canary (5%)": a share in a parenthesis qualifies the name; "Canary" is the stage's own name.
  const bare = pct && GENERIC_NAME.test(core) && !/\([^)]*\d\s*%[^)]*\)/.test(text);
  const named = bare ? text.replace(STAGE_PREFIX, "").replace(STAGE_PREFIX, "").trim() : name;
  return {
    name: (named.replace(/^[\s:,.-]+/, "") || fallback).slice(0, 80),
    ...(pct ? { percent: Number(pct[1]) } : {}),
    ...(unit ? { unit } : {}),
    ...(duration ? { durationSeconds: duration.seconds, durationText: duration.text } : {}),
    ...(duration?.maxSeconds ? { maxSeconds: duration.maxSeconds } : {}),
    ...(schedule ? { schedule } : {}),
  };
}
