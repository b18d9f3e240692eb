// Shares written in running text rather than as one stage per line:
// - an inline ramp, several rising shares joined only by connectors ("1% → 5% → 25%", "2%, 10%, then 40%",
//   "5 -> 20 -> 60 percent", "3% and 30% before going to 100%");
// - a share a sentence says is moved ("send 10% of traffic to v2", "shift 50 percent", "30% of requests are now
//   routed to the canary"), and a split written as "90% to v1 and 10% to v2" (the one named last is the new one).
// Pure text functions; the callers decide where in a document they apply.

/** "50 percent", "50 per cent", "50 pct" -> "50%" (the number must be attached to the word). */
export function percentWords(text: string): string {
  return text.replace(/(\d+(?:\.\d+)?)\s*(?:per\s?cent|pct)\b/gi, "$1%");
}

const SHARE = /(\d+(?:\.\d+)?)\s*%/g;
/** A cheap test first: a ramp needs two shares on the line. */
const HAS_TWO_SHARES = /\d\s*(?:%|per\s?cent|pct)[\s\S]*\d\s*(?:%|per\s?cent|pct)/i;
/** What may stand between two shares of one ramp: punctuation, arrows and a few joining words, no other numbers. */
const CONNECTOR = /^[\s,;:/|>→⟶➔=()*_-]*(?:(?:and|then|to|up|finally|before|after|going|moving|releasing|rolling|out|ramping|increasing|next|on|a|full|at|by)\b[\s,;:/|>→⟶➔=()*_-]*){0,4}$/i;

export interface InlineShare {
  percent: number;
  /** Offset of the share in the text. */
  index: number;
}

/**
 * The longest run of at least three rising shares (or two joined by an arrow) that only connectors separate. A
 * ramp that is not rising (a 90/10 split) or that other words interrupt is no ramp.
 */
export function inlineRamp(line: string): InlineShare[] | null {
  if (line.length > 2000 || !HAS_TWO_SHARES.test(line)) return null;
  const text = percentWords(line);
  const shares: { value: number; index: number; end: number }[] = [];
  for (const m of text.matchAll(SHARE)) {
    if (shares.length >= 40) break;
    // "0.5%" of an error budget is a share as much as a ramp step; a range "5-10%" is not a ramp.
    if (/\d\s*(?:-|–)\s*$/.test(text.slice(Math.max(0, m.index - 3), m.index))) continue;
    shares.push({ value: Number(m[1]), index: m.index, end: m.index + m[0].length });
  }
  let best: typeof shares = [];
  let run: typeof shares = [];
  let arrow = false;
  let bestArrow = false;
  for (const s of shares) {
    const prev = run[run.length - 1];
    const gap = prev ? text.slice(prev.end, s.index) : "";
    if (prev && s.value > prev.value && s.value <= 100 && CONNECTOR.test(gap)) {
      run.push(s);
      arrow ||= /→|⟶|➔|->|=>|>/.test(gap);
    } else {
      run = s.value > 0 && s.value <= 100 ? [s] : [];
      arrow = false;
    }
    if (run.length > best.length) {
      best = [...run];
      bestArrow = arrow;
    }
  }
  if (!(best.length >= 3 || (best.length === 2 && bestArrow))) return null;
  // "scale the flag from 10% → 25%": two shares after "from" are one step's move, not a ramp.
  if (best.length === 2 && /\bfrom\s*[*_`]*\s*$/i.test(text.slice(Math.max(0, best[0].index - 16), best[0].index))) return null;
  // "e.g. 20%, 40%, 60% ...": an example of what a value may be is no plan.
  if (/\b(e\.\s?g\.?|for example|for instance|such as)\s*[:,]?\s*$/i.test(text.slice(Math.max(0, best[0].index - 24), best[0].index))) return null;
  return best.map((s) => ({ percent: s.value, index: s.index }));
}

const MOVE_VERB = String.raw`(?:ship|split|shift|route|send|direct|mov|divert|expos|promot|increas|ramp|open|releas|roll)\w*(?:\s+(?:it|up|out))?`;
const WHAT = String.raw`(?:of\s+)?(?:the\s+|all\s+|your\s+|live\s+|production\s+|user\s+|incoming\s+)*(?:our\s+|its\s+)?(?:traffic|requests|users|user\s?base|customers|clients|calls|load)`;
/** "send 10% of traffic", "shift 50%", "increase the weight to 30%", "route 25 percent of requests". */
const VERB_FIRST = new RegExp(String.raw`\b${MOVE_VERB}\s+(?:(?:over|the\s+\w+|it|(?:a|an|the)\s+(?:new\s+)?(?:version|release|build|update))\s+)?(?:to\s+)?(\d+(?:\.\d+)?)\s*%(?:\s+${WHAT})?`, "i");
/** "10% of the traffic is routed to", "30% of requests are now sent to", "100% of the traffic is being routed". */
const SHARE_FIRST = new RegExp(String.raw`\b(\d+(?:\.\d+)?)\s*%\s+${WHAT}\s+(?:(?:is|are|will|be|being|now|gets?|goes|go)\s+)*(?:directed|routed|shifted|sent|split|moved|diverted|going|served|handled|(?:get|receive)s?\s+(?:the|it|this|that)\b)`, "i");
/** "90% to `v1` and 10% to `v2`", "90% for the old one and 10% for the new one": the last named is the new one. */
const SPLIT = /\b(\d+(?:\.\d+)?)\s*%\s+(?:of\s+\w+\s+)?(?:to|for|on)\s+[^,.;]{1,60}?\s+and\s+(\d+(?:\.\d+)?)\s*%\s+(?:of\s+\w+\s+)?(?:to|for|on)\b/i;

/**
 * The share a sentence says is being moved to the new version, or null. A share said to stay ("90% of traffic sent to
 * the old service will continue") is not one.
 */
export function movedShare(sentence: string): { percent: number; index: number } | null {
  const text = percentWords(sentence);
  const split = SPLIT.exec(text);
  if (split) {
    const a = Number(split[1]);
    const b = Number(split[2]);
    if (Math.abs(a + b - 100) < 0.001) return { percent: b, index: split.index };
  }
  const pair = receivedSplit(text);
  if (pair) return pair;
  const found = [VERB_FIRST.exec(text), SHARE_FIRST.exec(text)].filter((m): m is RegExpExecArray => m !== null).sort((x, y) => x.index - y.index)[0];
  if (!found) return null;
  if (/^[^.;,]*\b(continu|remain|stay|keep)/i.test(text.slice(found.index + found[0].length))) return null;
  const value = Number(found[1]);
  return value > 0 && value <= 100 ? { percent: value, index: found.index } : null;
}

/** "`v1` receives 90/100=90% of the traffic and `v2` receives 10/100=10% of the traffic": the one named last is new. */
const RECEIVES = /\b(?:receives?|gets?|takes?|serves?|handles?)\s+(?:\d+\s*\/\s*\d+\s*=\s*)?(\d+(?:\.\d+)?)\s*%\s+of\s+(?:the\s+|all\s+)?(?:traffic|requests|users|load)\b/gi;
function receivedSplit(text: string): { percent: number; index: number } | null {
  const hits = [...text.slice(0, 4000).matchAll(RECEIVES)].slice(0, 2);
  if (hits.length !== 2) return null;
  const [a, b] = hits.map((h) => Number(h[1]));
  // Two parts of one split, in one sentence (no full stop between them).
  if (Math.abs(a + b - 100) > 0.001 || /[.;]\s/.test(text.slice(hits[0].index, hits[1].index))) return null;
  return b > 0 && b < 100 ? { percent: b, index: hits[0].index } : null;
}
