// Durations in the plan form as people type them ("90s", "15m", "1h 30m", "3d", or plain seconds), written back
// exactly (formatDuration on the board rounds "1d 3h 5m" to "1d 3h"; a form field must not lose minutes).
import { parseDuration } from "@/lib/releases/core/duration";

/** Whole seconds, or null when the text is not a duration. */
export function parseDurationText(text: string): number | null {
  const ms = parseDuration(text.replace(/\s+/g, ""));
  return ms === null ? null : Math.round(ms / 1000);
}

const UNITS: [string, number][] = [
  ["d", 86400],
  ["h", 3600],
  ["m", 60],
  ["s", 1],
];

/** "1h 30m"; "0s" for zero. */
export function durationText(seconds: number): string {
  let rest = Math.max(0, Math.round(seconds));
  const parts: string[] = [];
  for (const [unit, size] of UNITS) {
    const n = Math.floor(rest / size);
    if (n > 0) parts.push(`${n}${unit}`);
    rest -= n * size;
  }
  return parts.length ? parts.join(" ") : "0s";
}
