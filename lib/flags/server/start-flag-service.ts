// Starts serving flags: the first load into memory, the version poll, and the exposure reset on each change.
import "server-only";
import { resetSinceChange } from "./exposure";
import { onFlagsChanged, startFlagStore } from "./flag-store";

export async function startFlagService(pollMs: number): Promise<() => void> {
  const stopPoll = await startFlagStore(pollMs);
  // "Observed share" compares with the share planned now, so counts start over when a flag's share moves.
  const unsubscribe = onFlagsChanged((keys) => keys.forEach(resetSinceChange));
  return () => {
    unsubscribe();
    stopPoll();
  };
}
