// The most recent problem on a release, from open alerts and from the audit trail.
import { describeEvent, ISSUE_EVENTS } from "./describe-event";
import type { AlertView, EventView } from "./types";

export interface Issue {
  at: string;
  text: string;
}

export function lastIssue(alerts: AlertView[], events: EventView[]): Issue | null {
  let best: Issue | null = null;
  const consider = (at: string, text: string) => {
    if (!best || new Date(at).getTime() > new Date(best.at).getTime()) best = { at, text };
  };
  for (const a of alerts) consider(a.openedAt, `${a.metric} ${a.level}: ${a.detail}`);
  // Events are in seq order, so the last issue event is the newest.
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i];
    if (ISSUE_EVENTS.has(e.type)) {
      consider(e.at, `${e.actor} ${describeEvent(e)}${e.reason ? `: ${e.reason}` : ""}`);
      break;
    }
  }
  return best;
}
