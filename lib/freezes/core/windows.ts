// A plan's release windows (issue 25): when forward steps are allowed, as wall-clock hours on weekdays in a named
// time zone. Evaluated on the local wall clock (so DST moves nothing a person wrote), with Intl only. Pure: `now` in.
import { z } from "zod";

export const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const WindowRuleSchema = z
  .object({
    days: z.array(z.enum(WEEKDAYS)).min(1).max(7),
    /** "HH:MM" local time the window opens; a `to` earlier than `from` runs overnight into the next day. */
    from: z.string().regex(HHMM, 'a time is "HH:MM" (00:00-23:59, or 24:00 for `to`)'),
    to: z.string().regex(HHMM, 'a time is "HH:MM" (00:00-23:59, or 24:00 for `to`)'),
  })
  .strict()
  .refine((r) => r.from !== r.to, { message: "a window's from and to are the same time", path: ["to"] })
  .refine((r) => r.from !== "24:00", { message: "a window opens at 00:00-23:59", path: ["from"] });

export const WindowsSchema = z
  .object({
    /** An IANA time zone ("Europe/Berlin"); the hours below are its wall-clock hours. */
    timeZone: z.string().max(64).refine(isTimeZone, "not a time zone this server knows (IANA name, e.g. Europe/Berlin)"),
    allow: z.array(WindowRuleSchema).min(1).max(20),
  })
  .strict();

export type Windows = z.infer<typeof WindowsSchema>;
export type WindowRule = z.infer<typeof WindowRuleSchema>;

export interface WindowStatus {
  open: boolean;
  /** When closed: the first instant the windows open again (null if no rule ever opens, which the schema prevents). */
  opensAt: Date | null;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

// Formatters are costly to build; one per time zone, bounded (time zones come from plans).
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" });
    if (formatters.size >= 200) formatters.delete(formatters.keys().next().value!);
    formatters.set(timeZone, f);
  }
  return f;
}

/** The local wall clock at `t` in `timeZone`, as milliseconds of a naive UTC date (minute precision is what counts). */
export function localWallMs(t: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(t))) if (p.type !== "literal") parts[p.type] = Number(p.value);
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour % 24, parts.minute, parts.second) + (t % 1000 + 1000) % 1000;
}

const weekdayOfWall = (wall: number): number => (Math.floor(wall / DAY) + 4) % 7; // 1970-01-01 was a Thursday

function openAtWall(rules: readonly WindowRule[], wall: number): boolean {
  const dow = weekdayOfWall(wall);
  const prev = (dow + 6) % 7;
  const m = Math.floor((((wall % DAY) + DAY) % DAY) / MINUTE);
  return rules.some((r) => {
    const from = minutesOf(r.from);
    const to = minutesOf(r.to);
    const on = (d: number) => r.days.includes(WEEKDAYS[d]);
    if (from < to) return on(dow) && m >= from && m < to;
    return (on(dow) && m >= from) || (on(prev) && m < to);
  });
}

/**
 * The first instant after `after` whose local wall clock reads `wall` or later: a time skipped by DST opens when the
 * gap ends; a time the clock passes twice (fall back) opens at its next passing.
 */
function firstInstantAtOrAfterWall(wall: number, timeZone: string, after: number): number {
  const offsets = [wall - 36 * 3_600_000, wall + 36 * 3_600_000].map((t) => localWallMs(t, timeZone) - t);
  const candidates = [...new Set(offsets.map((o) => wall - o))].sort((a, b) => a - b);
  for (const t of candidates) if (t > after && localWallMs(t, timeZone) === wall) return t;
  // A spring-forward gap: the local clock is monotone across it; find the first minute it reads `wall` or later.
  let lo = candidates[0];
  let hi = candidates[candidates.length - 1];
  while (hi - lo > MINUTE) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
    if (localWallMs(mid, timeZone) >= wall) hi = mid;
    else lo = mid;
  }
  return hi;
}

export function windowStatus(windows: Windows, now: Date): WindowStatus {
  const wall = localWallMs(now.getTime(), windows.timeZone);
  if (openAtWall(windows.allow, wall)) return { open: true, opensAt: null };
  const today = Math.floor(wall / DAY) * DAY;
  let next: number | null = null;
  for (let k = 0; k <= 8; k++) {
    const day = today + k * DAY;
    const dow = weekdayOfWall(day);
    for (const r of windows.allow) {
      if (!r.days.includes(WEEKDAYS[dow])) continue;
      const opening = day + minutesOf(r.from) * MINUTE;
      if (opening > wall && (next === null || opening < next)) next = opening;
    }
    if (next !== null && next < day + DAY) break;
  }
  return { open: false, opensAt: next === null ? null : new Date(firstInstantAtOrAfterWall(next, windows.timeZone, now.getTime())) };
}

/** "mon-fri 09:00-16:00, sat 10:00-12:00 (Europe/Berlin)": the windows as a person wrote them. */
export function describeWindows(windows: Windows): string {
  const rules = windows.allow.map((r) => `${describeDays(r.days)} ${r.from}-${r.to}`);
  return `${rules.join(", ")} (${windows.timeZone})`;
}

function describeDays(days: readonly Weekday[]): string {
  const idx = [...new Set(days.map((d) => WEEKDAYS.indexOf(d)))].sort((a, b) => a - b);
  // Monday-first runs read better ("mon-fri"); Sunday sorts last.
  const order = idx.map((i) => (i + 6) % 7).sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1] === order[j] + 1) j++;
    const name = (k: number) => WEEKDAYS[(order[k] + 1) % 7];
    runs.push(j - i >= 2 ? `${name(i)}-${name(j)}` : order.slice(i, j + 1).map((_, k) => name(i + k)).join(","));
    i = j + 1;
  }
  return runs.join(",");
}
