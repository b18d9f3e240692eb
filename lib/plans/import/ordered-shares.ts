// A numbered list whose items each move the share ("1. Start: `weight: 1` (1% traffic)", "2. If stable: 10%"):
// the items are the ramp's stages in order. One item alone proves nothing (a numbered instruction may mention a
// share); the reader keeps such stages only as a run of two or more that rises.
import { parsePercent } from "./units";

/** A step held short of everyone (a staging run, a beta): never the full stage even when it names "all users". */
const SHORT_OF_EVERYONE = /\b(staging|pre-?prod\w*|internal\w*|beta|alpha|canary|pilot|dogfood\w*|test(ing)?)\b/i;

/** Words that make a percentage a measurement, not a share of who gets the change. */
const METRIC_WORDS = /\b(error|errors|latency|cpu|memory|success|failure|fail|budget|availability|uptime|coverage|conversion|p\d\d|disk|utili[sz]ation|threshold|below|above|under|exceed\w*)\b/i;
/** "If stable:", "When healthy:", "Once it works:": a condition, not the stage's name. */
const CONDITION = /^(if|when|once|after|while|unless)\b/i;

/** A stage read only from a numbered item's one share (the shape read-stages' Stage takes). */
export interface LooseStage {
  line: number;
  label?: string;
  percent: number;
  /** Upper end of a share written as a range ("5-10% of traffic"): the stage starts at the low end, asked. */
  maxPercent?: number;
  loose: true;
}

/** The stage an ordered-list item gives (its text without the list marker), or null. */
export function stageOfOrderedItem(text: string, n: number): LooseStage | null {
  if (text.length > 200 || METRIC_WORDS.test(text)) return null;
  const all = text.match(/\d+(?:\.\d+)?\s*%/g) ?? [];
  if (all.length !== 1) return null;
  const pct = parsePercent(text);
  if (!pct || pct.value <= 0 || pct.value > 100 || (pct.max !== undefined && pct.max > 100)) return null;
  const head = text.match(/^([A-Za-z][\w ./&-]{0,30}?)\s*:/);
  // "Canary in production (5-10% traffic)": the words before the parenthesis holding the share name the stage.
  const before = head ? null : text.match(/^([A-Za-z][\w ,/&'-]{2,60}?)\s*\([^)]*\d\s*%[^)]*\)/);
  const label = head && !CONDITION.test(head[1]) ? head[1].trim() : before && !CONDITION.test(before[1]) ? before[1].trim() : undefined;
  return { line: n, ...(label ? { label } : {}), percent: pct.value, ...(pct.max !== undefined ? { maxPercent: pct.max } : {}), loose: true };
}

/** "Expand to full rollout", "Open it to all users", "Go to general availability": a numbered step that reaches everyone. */
const REACHES_EVERYONE = /\b(?:full|complete|entire)\s+(?:roll-?\s?out|release|traffic|fleet|user ?base|production)\b|\b(?:all|every)\s+(?:of\s+(?:the\s+)?)?(?:users|traffic|customers|requests|hosts|servers|instances|tenants)\b|\beveryone\b|\bgeneral availability\b/i;

/** The step moves exposure ("expand", "open it", "roll out"); "check that all requests succeed" does not. */
const MOVES_EXPOSURE = /\b(?:expand\w*|roll(?:s|ing|ed)?\s*out|open\w*|releas\w*|ship\w*|enabl\w*|promot\w*|go(?:es)?|mov\w*|widen\w*|extend\w*|switch\w*|rout\w*|send\w*|shift\w*|cut\s*over|flip\w*|turn\w*\s+on)\b/i;

/**
 * A numbered step that takes the change to everyone without writing "100%": the ramp's last stage, 100 %. Like any
 * loose stage it stands only in a rising run beside another share; what follows "once/when/after" is its condition.
 */
export function fullStageOfOrderedItem(text: string, n: number): LooseStage | null {
  if (text.length > 160 || /\d\s*%/.test(text) || METRIC_WORDS.test(text) || !REACHES_EVERYONE.test(text) || !MOVES_EXPOSURE.test(text) || SHORT_OF_EVERYONE.test(text)) return null;
  const label = text.replace(/\s+(?:once|when|after|if|as soon as|provided)\b.*$/i, "").replace(/[.:;,]+$/, "").trim().slice(0, 80);
  return { line: n, ...(label ? { label } : {}), percent: 100, loose: true };
}

/**
 * The stages of a run that stand. A loose stage repeating the share of a stage read from its own words ("Target:
 * 10%", then "1. Enable the flag at 10%") is an instruction about it, and goes. What is left stands when it holds a
 * stage read from its own words, or else when it has two or more stages and rises.
 */
export function keptStages<S extends { percent: number; loose?: boolean }>(stages: S[]): S[] {
  const stated = new Set(stages.filter((s) => !s.loose).map((s) => s.percent));
  const kept = stages.filter((s) => !s.loose || !stated.has(s.percent));
  if (stated.size > 0) return kept;
  return kept.length >= 2 && kept.every((s, k) => k === 0 || s.percent > kept[k - 1].percent) ? kept : [];
}

/** "Shadow the new flow", "Validate metrics, expand", "Widen the audience": a step of a numbered flow that moves exposure without a share. */
const FLOW_STEP = /\b(staging|pre-?prod\w*|shadow\w*|mirror\w*|dark[\s-]launch\w*|expand\w*|widen\w*|broaden\w*|ramp\s+up|increase\s+(?:the\s+)?(?:share|exposure|traffic|rollout))\b/i;

/** A numbered item that is a stage of the flow with no share ("1. Shadow new agent flow"): kept only beside stages with shares, its share asked. */
export function flowStepOfOrderedItem(text: string, n: number): { line: number; label: string; percent: 0; shareUnknown: true; flow: true } | null {
  if (text.length > 120 || /\d\s*%/.test(text) || METRIC_WORDS.test(text.replace(/\bmetrics?\b/gi, "")) || !FLOW_STEP.test(text)) return null;
  return { line: n, label: text.replace(/[.:;]+$/, "").slice(0, 80), percent: 0, shareUnknown: true, flow: true };
}

/** Who a stage releases to, named as people rather than a share: yourself, the team, beta testers, early adopters. */
const AUDIENCE = /\b(?:yourself|myself|ourselves|internal|team|staff|employees?|colleagues|dogfood\w*|beta|alpha|early[\s-]?(?:access|adopters?)|insiders?|pilot|friends(?:\s+and\s+family)?|testers?|qa|cohorts?|segments?|customers?|users?|organi[sz]ations?|orgs?|tenants?|accounts?|partners?|champions?|power\s+users?|volunteers?|opt[\s-]?in|developers?|admins?)\b/i;
/** "Users: Engineering team", "Cohort: internal_test": a field of a stage's description, not a stage named by its audience. */
const FIELD_LABEL = /^(?:target\s+)?(?:cohorts?|users?|segments?|audiences?|customers?|accounts?|tenants?|organi[sz]ations?|groups?|who)$/i;
/** "Internal team: set the rule to ...", "Beta testers – enable for the beta group": the label before the colon. */
const AUDIENCE_LABEL = /^([A-Za-z][\w ,'&/+-]{1,40}?)\s*(?::|–|—|\s-)\s+\S/;

/**
 * A numbered or bulleted item named by the audience it releases to ("Internal team: ...", "Beta users: ...") with
 * no share: a cohort stage of the flow, named by its label, its share asked. Kept only in a run that ends at
 * everyone (keptWithFlowSteps).
 */
export function cohortStepOfItem(text: string, n: number): { line: number; label: string; percent: 0; shareUnknown: true; flow: true; cohort: true } | null {
  const m = text.match(AUDIENCE_LABEL);
  if (!m || !AUDIENCE.test(m[1]) || FIELD_LABEL.test(m[1].trim()) || METRIC_WORDS.test(m[1]) || CONDITION.test(m[1]) || /\d/.test(m[1])) return null;
  return { line: n, label: m[1].trim(), percent: 0, shareUnknown: true, flow: true, cohort: true };
}

/**
 * A run's stages with its flow steps (flowStepOfOrderedItem) put back in their places, when what stands of the
 * shares themselves (keptStages) is not empty; flow steps alone make no ramp. Two or more cohorts named by their
 * audience ("Yourself", "Internal team", "Beta users") before one last stage to everyone are a ramp too: the
 * cohorts are its stages, their shares asked.
 */
export function keptWithFlowSteps<S extends { line: number; percent: number; loose?: boolean; flow?: boolean; cohort?: boolean }>(stages: S[]): S[] {
  const shares = stages.filter((s) => !s.flow);
  let kept = keptStages(shares);
  const last = stages[stages.length - 1];
  if (kept.length === 0 && shares.length === 1 && last === shares[0] && last.percent === 100 && stages.filter((s) => s.cohort).length >= 2) kept = shares;
  if (kept.length === 0) return [];
  return [...kept, ...stages.filter((s) => s.flow)].sort((a, b) => a.line - b.line);
}
