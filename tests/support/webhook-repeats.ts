// Counts the webhook-ids a receiver got more than once (per path: one endpoint each), for the webhook kill test and
// the webhook benchmark. A repeat is "within the window" when a kill of the sender came after the id's first call
// and the repeat arrived at most windowMs after the last such kill before it; any other repeat is beyond it. The last
// kill, not the first: when the sender dies, the next leader re-claims the delivery once the dead one's claim runs
// out, and if that leader is killed too the delivery waits for its claim in turn (a fresh-clone run killed three
// leaders within 15 s and got a repeat 30 s after the first death, 15 s after the third).
import type { Received } from "./webhook-receiver";

export interface Repeats {
  /** Calls whose (path, webhook-id) had been received before. */
  repeats: number;
  withinWindow: number;
  beyondWindow: number;
  /** The longest time from an id's first call to a repeat of it. */
  worstGapMs: number;
  /** The longest time from the kill that preceded a repeat to the repeat (Infinity when no kill preceded one). */
  worstAfterKillMs: number;
}

export function countRepeats(received: readonly Received[], killedAt: readonly number[] = [], windowMs = 0): Repeats {
  const firstAt = new Map<string, number>();
  const out: Repeats = { repeats: 0, withinWindow: 0, beyondWindow: 0, worstGapMs: 0, worstAfterKillMs: 0 };
  for (const call of received) {
    const key = `${call.path} ${String(call.headers["webhook-id"])}`;
    const first = firstAt.get(key);
    if (first === undefined) {
      firstAt.set(key, call.at);
      continue;
    }
    out.repeats++;
    out.worstGapMs = Math.max(out.worstGapMs, call.at - first);
    const kill = killedAt.filter((k) => k >= first && k <= call.at).at(-1);
    const afterKill = kill === undefined ? Number.POSITIVE_INFINITY : call.at - kill;
    out.worstAfterKillMs = Math.max(out.worstAfterKillMs, afterKill);
    if (afterKill <= windowMs) out.withinWindow++;
    else out.beyondWindow++;
  }
  return out;
}
