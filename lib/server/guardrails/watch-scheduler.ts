// Runs watch passes as soon as data arrives, coalescing bursts: while a pass runs, further requests fold into
// one more pass right after it, so detection never waits for a timer and never piles up work.
import { config } from "../config";
import { watchReleaseOnce } from "./watch-release";

interface Slot {
  running: boolean;
  again: boolean;
  trailing: NodeJS.Timeout | null;
  idle: Promise<void>;
}

const holder = globalThis as unknown as { __tidegateWatch?: Map<string, Slot> };
const slots = () => (holder.__tidegateWatch ??= new Map());

export function requestWatch(releaseId: string): void {
  let slot = slots().get(releaseId);
  if (!slot) slots().set(releaseId, (slot = { running: false, again: false, trailing: null, idle: Promise.resolve() }));
  if (slot.running) {
    slot.again = true;
    return;
  }
  slot.running = true;
  const s = slot;
  s.idle = (async () => {
    do {
      s.again = false;
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
        console.error(JSON.stringify({ msg: "guardrail watch failed", releaseId, error: (e as Error).message }));
      }
    } while (s.again);
    s.running = false;
  })();
}

/** Resolves when no pass is running for the release (tests and benchmarks wait on it). */
export function watchIdle(releaseId: string): Promise<void> {
  return slots().get(releaseId)?.idle ?? Promise.resolve();
}
