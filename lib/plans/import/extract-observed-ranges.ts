// "Latency remains within the observed ranges below" over a list of observed bands ("p95: 977ms to 1,212 ms",
// "Acceptance rate: 13.9% to 20.4%"): each band is a guardrail on the side that hurts. A latency above the band's
// top, an error rate above it, any other rate (success, acceptance, conversion) below its bottom.
import { cleanInline, type Section } from "./document";
import type { Draft } from "./draft";
import { addGuardrailRow } from "./extract-guardrails";
import { metricSlug } from "./conditions";
import { thresholdScale } from "../core/check-guardrails";

const WITHIN = /\b(within|inside)\b[^.;]{0,40}?\b(range|band|bound)s?\b/i;
const BAND = /^\s*(?:[-*+]|\d{1,2}[.)])\s+(.{1,40}?):\s*(\d[\d,]*(?:\.\d+)?)\s*(ms|s|sec|seconds?|%)?\s*(?:to|-|–|—)\s*(\d[\d,]*(?:\.\d+)?)\s*(ms|s|sec|seconds?|%)?\s*$/i;

const num = (s: string) => Number(s.replace(/,/g, ""));

/** What a band measures, from its label and the caption above it ("_Observed latency from May to June_"). */
function bandMetric(label: string, caption: string): { metric: string; kind: "latency" | "error" | "rate" } | null {
  const l = label.toLowerCase();
  const context = `${l} ${caption.toLowerCase()}`;
  const percentile = l.match(/\bp ?(50|75|90|95|99|999)\b/);
  if (/latenc|response time|duration/.test(context) && (percentile || /latenc|response time|duration/.test(l))) {
    return { metric: `latency_p${percentile ? percentile[1] : "95"}_ms`, kind: "latency" };
  }
  if (/error|fail/.test(l)) return { metric: "error_rate", kind: "error" };
  if (/rate|ratio|success|acceptance|conversion|availability/.test(l)) {
    const slug = metricSlug(l);
    return slug ? { metric: slug, kind: "rate" } : null;
  }
  return null;
}

export function extractObservedRanges(d: Draft) {
  const { doc } = d;
  for (const s of doc.sections) {
    if (!saysWithinRange(d, s)) continue;
    let caption = "";
    for (let n = s.bodyFrom; n <= s.bodyTo; n++) {
      if (doc.inCode[n]) continue;
      const raw = doc.lines[n - 1] ?? "";
      const m = raw.match(BAND);
      if (!m) {
        if (raw.trim() && !/^\s*(?:[-*+]|\d{1,2}[.)])\s/.test(raw)) caption = cleanInline(raw);
        continue;
      }
      const label = cleanInline(m[1]);
      const guess = bandMetric(label, caption);
      if (!guess) continue;
      const unit = (m[3] ?? m[5] ?? "").toLowerCase();
      const lo = num(m[2]);
      const hi = num(m[4]);
      if (!(hi >= lo)) continue;
      if (guess.kind === "latency") {
        // A latency band without a unit is not guessed: no guardrail rather than one off by a thousand.
        if (!unit || unit === "%") continue;
        const factor = unit === "ms" ? 1 : 1000;
        addGuardrailRow(d, row(n, label, guess.metric, ">", hi * factor));
      } else {
        if (unit !== "%") continue;
        addGuardrailRow(d, guess.kind === "error" ? row(n, label, guess.metric, ">", hi / 100) : row(n, label, guess.metric, "<", lo / 100));
        // "13.9%" is written as 0.139: the plan says so for a metric whose name does not.
        if (thresholdScale(guess.metric) !== "ratio" && !d.metrics.some((x) => x.key === guess.metric)) d.metrics.push({ key: guess.metric, label: label.slice(0, 80), unit: "ratio" });
      }
      d.mark(n);
    }
  }
}

/** The section (or its parent's text before it) says the numbers are a range to stay within. */
function saysWithinRange(d: Draft, s: Section): boolean {
  for (let n = s.bodyFrom; n <= Math.min(s.bodyTo, s.bodyFrom + 60); n++) if (!d.doc.inCode[n] && WITHIN.test(d.doc.lines[n - 1] ?? "")) return true;
  return false;
}

function row(line: number, metricText: string, metric: string, comparator: ">" | "<", critical: number) {
  return { line, metricText, metric, knownMetric: true, percentileUnspecified: false, comparator, critical: Math.round(critical * 1e6) / 1e6, cells: { critical: String(critical) } };
}
