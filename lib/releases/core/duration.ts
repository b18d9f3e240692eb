// Durations as people write them (90s, 15m, 2h, 1h30m, 1d), or plain seconds: the CLI's "--timeout 2h" and the plan form.
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Milliseconds, or null when the text is not a duration. */
export function parseDuration(text: string): number | null {
  const t = text.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(t)) return Math.round(Number(t) * 1000);
  if (!/^(\d+(\.\d+)?(ms|s|m|h|d))+$/.test(t)) return null;
  let total = 0;
  for (const [, value, , unit] of t.matchAll(/(\d+(\.\d+)?)(ms|s|m|h|d)/g)) total += Number(value) * UNIT_MS[unit];
  return Math.round(total);
}

