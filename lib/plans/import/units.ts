// Units a document leaves implicit: shares written as ranges ("5-10%"), ratio thresholds written in percent
// ("error_rate > 2" in a document that talks of percent), latency thresholds whose unit comes from an annotation
// ("p95 > 150ms") or the series name (`_seconds`). Nothing here guesses silently: an unknown unit is reported so the
// caller asks.
import { RATIO_METRICS } from "../core/plan";

export interface ParsedPercent {
  value: number;
  /** Upper end of a range ("5-10%"); `value` is the lower one. */
  max?: number;
  text: string;
  index: number;
}

const PERCENT = /(\d+(?:\.\d+)?)\s*%?\s*(?:-|–|to)\s*(\d+(?:\.\d+)?)\s*%|(\d+(?:\.\d+)?)\s*%/;

/** The first percentage in a text: "10%", "5-10%", "5% - 10%", "25 to 50%". */
export function parsePercent(text: string): ParsedPercent | null {
  const m = PERCENT.exec(text);
  if (!m) return null;
  if (m[3] !== undefined) return { value: Number(m[3]), text: m[0], index: m.index };
  const lo = Number(m[1]);
  const hi = Number(m[2]);
  if (!(hi > lo)) return { value: hi, text: m[0], index: m.index };
  return { value: lo, max: hi, text: m[0], index: m.index };
}

export type ThresholdUnit = "percent" | "ratio" | "ms" | "seconds";

/** A latency's unit as written next to its number ("> 150ms", "over 1.5 s"), or the series' unit suffix. */
export function latencyUnitOf(threshold: number, annotation: string, series: string): ThresholdUnit | undefined {
  const num = String(threshold).replace(".", "\\.");
  const near = new RegExp(`(?<![\\d.])${num}\\s*(ms|milliseconds?|s|sec|secs|seconds?)(?![a-z])`, "i").exec(annotation);
  if (near) return /^m/i.test(near[1]) ? "ms" : "seconds";
  if (/_(ms|milliseconds)(_|\b)/.test(series)) return "ms";
  if (/_(seconds|secs?)(_|\b)/.test(series)) return "seconds";
  return undefined;
}

/** Whether a ratio threshold is written in percent: "2%" beside the number, or the words around it say percent. */
export function ratioWrittenInPercent(threshold: number, annotation: string, context: string): boolean {
  const num = String(threshold).replace(".", "\\.");
  if (new RegExp(`(?<![\\d.])${num}\\s*%`).test(annotation)) return true;
  return /\bper ?cent(age)?s?\b/i.test(`${annotation} ${context}`) || new RegExp(`(?<![\\d.])${num}\\s*%`).test(context);
}

export const isRatioMetric = (metric: string) => RATIO_METRICS.includes(metric);
