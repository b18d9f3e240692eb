// Starts serving flags: following the outbox, the first load into memory, the backstop poll, and the exposure
// reset on each change.
import "server-only";
import { resetSinceChange } from "./exposure";
import { onFlagsChanged, startFlagStore } from "./flag-store";
import { followOutboxForFlags } from "./follow-outbox";

export async function startFlagService(pollMs: number): Promise<() => void> {
  // Before the first load, so that nothing committed between the load and the consumer's start is missed.
  const stopFollowing = await followOutboxForFlags();
  const stopPoll = await startFlagStore(pollMs);
  // "Observed share" compares with the share planned now, so counts start over when a flag's share moves.
  const unsubscribe = onFlagsChanged((keys) => keys.forEach(resetSinceChange));
  return () => {
    unsubscribe();
    stopPoll();
    stopFollowing();
  };
}
