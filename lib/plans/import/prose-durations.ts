// How long a stage lasts, said in its prose: "keep it there for a week", "promote after 2 days", "wait 30 minutes".
// Only within a stage's own section: the same words elsewhere say nothing about a stage.
import { parseDuration } from "./conditions";

const AMOUNT = "(a|an|one|two|three|four|five|six|seven|ten|twelve|\\d+(?:\\.\\d+)?)";
const UNIT = "(minutes?|mins?|hours?|hrs?|days?|weeks?)";
export const NUMBER_WORDS: Record<string, string> = { a: "1", an: "1", one: "1", two: "2", three: "3", four: "4", five: "5", six: "6", seven: "7", ten: "10", twelve: "12" };

const PATTERNS = [
  // "wait 30 minutes", "bake for at least 2 hours", "monitor it for a day", "let it run for a week"
  new RegExp(`\\b(?:wait(?:ed|ing)?|bake|soak|monitor|observe|hold|keep|run|stay|leave)\\b[^.;:]{0,30}?\\b(?:for\\s+)?(?:at least\\s+|about\\s+|roughly\\s+)?${AMOUNT}\\s+${UNIT}\\b`, "i"),
  // "promote after 2 days", "after a week without incidents"
  new RegExp(`\\bafter\\s+(?:at least\\s+)?${AMOUNT}\\s+${UNIT}\\b`, "i"),
  // "for a week"
  new RegExp(`\\bfor\\s+(?:at least\\s+)?${AMOUNT}\\s+${UNIT}\\b`, "i"),
];

/** Seconds of the first stated wait in a line of prose, or undefined. */
export function proseWaitSeconds(text: string): number | undefined {
  for (const re of PATTERNS) {
    const m = text.match(re);
    if (!m) continue;
    const amount = NUMBER_WORDS[m[1].toLowerCase()] ?? m[1];
    const d = parseDuration(`${amount} ${m[2]}`);
    if (d && d.seconds > 0) return d.seconds;
  }
  return undefined;
}
