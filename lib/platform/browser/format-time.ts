// Clock times and elapsed durations for people reading a board under pressure.

const DAY = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric" });
const DAY_UTC = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });

const pad2 = (n: number) => String(n).padStart(2, "0");

// Pages are rendered on the server, whose time zone is not the reader's. Until the page has hydrated, clocks are
// written in UTC on both sides, so the browser's first render matches the server's HTML; right after, the
// screens' one-second tick redraws them in local time.
let localClock = false;

/** Called once the app has hydrated in the browser (app/providers.tsx). */
export function switchClocksToLocalTime(): void {
  localClock = true;
}

/** "14:03:27" (24-hour, local time, the same in every locale); with the date in front when it is not today. */
export function formatClock(at: string | number | Date, now = Date.now()): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return "—";
  if (!localClock) {
    const clock = `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
    return new Date(now).toISOString().slice(0, 10) === d.toISOString().slice(0, 10) ? clock : `${DAY_UTC.format(d)} ${clock}`;
  }
  const clock = `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
  return new Date(now).toDateString() === d.toDateString() ? clock : `${DAY.format(d)} ${clock}`;
}

/** "45s", "12m 05s", "3h 04m", "2d 5h": seconds only while they still matter. */
export function formatElapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const pad = (n: number) => String(n).padStart(2, "0");
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${pad(m)}m`;
  if (m > 0) return `${m}m ${pad(sec)}s`;
  return `${sec}s`;
}

/** How long ago, coarse: "just now", "4m ago", "2h ago". */
export function formatAgo(at: string | number | Date, now = Date.now()): string {
  const ms = now - new Date(at).getTime();
  if (!Number.isFinite(ms)) return "";
  if (ms < 10_000) return "just now";
  return `${formatElapsed(ms).split(" ")[0]} ago`;
}
