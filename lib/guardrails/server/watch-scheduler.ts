// Runs watch passes as soon as data arrives, coalescing bursts: while a pass runs, further requests fold into
// one more pass right after it, and passes for one release start at most every WATCH_MIN_INTERVAL_MS, so a
// stream of one-sample batches is evaluated a few times a second instead of once per request. Detection never
// waits for the tick, and the first pass after a quiet spell starts at once.
import "server-only";
import { config } from "../../platform/config/config";
import { logError } from "../../platform/logging/ops-log";
import { watchReleaseOnce } from "./watch-release";

/** Short against the 250 ms breach -> rollback budget, long against a request's cost. */
export const WATCH_MIN_INTERVAL_MS = 100;

interface Slot {
  running: boolean;
  again: boolean;
  lastStartedAt: number;
  delayed: NodeJS.Timeout | null;
  trailing: NodeJS.Timeout | null;
  idle: Promise<void>;
}

const holder = globalThis as unknown as { __tidegateWatch?: Map<string, Slot> };
const slots = () => (holder.__tidegateWatch ??= new Map());

export function requestWatch(releaseId: string): void {
  let slot = slots().get(releaseId);
  if (!slot) {
    slot = { running: false, again: false, lastStartedAt: 0, delayed: null, trailing: null, idle: Promise.resolve() };
    slots().set(releaseId, slot);
  }
  if (slot.running) {
    slot.again = true;
    return;
  }
  if (slot.delayed) return;
  const wait = slot.lastStartedAt + WATCH_MIN_INTERVAL_MS - Date.now();
  if (wait > 0) {
    const s = slot;
    s.delayed = setTimeout(() => {
      s.delayed = null;
      requestWatch(releaseId);
    }, wait);
    return;
  }
  run(releaseId, slot);
}

function run(releaseId: string, s: Slot): void {
  s.running = true;
  s.idle = (async () => {
    do {
      const wait = s.lastStartedAt + WATCH_MIN_INTERVAL_MS - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      s.again = false;
      s.lastStartedAt = Date.now();
      try {
        const pass = await watchReleaseOnce(releaseId, new Date(), config().METRICS_BROADCAST_MS);
        if (pass && !pass.broadcast && !s.trailing) {
          // Held back by the throttle: make sure the latest values still go out.
          s.trailing = setTimeout(() => {
            s.trailing = null;
            requestWatch(releaseId);
          }, config().METRICS_BROADCAST_MS);
        }
      } catch (e) {
        logError("guardrail watch failed", { releaseId, error: (e as Error).message });
      }
    } while (s.again);
    s.running = false;
  })();
}
