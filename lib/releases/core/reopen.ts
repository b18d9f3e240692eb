// What a RETRY or a STEP BACK reopens (issue 15, ownership is a rule): the go/no-go decisions of the waves the
// release will run again. Ticks and sign-offs given for a run that failed must not stand for the next one
// ("Zero CRITICAL alerts: Met" next to an open critical breach). Metric-bound items re-evaluate themselves and are
// left alone; the pre-deployment checklist and pre-start sign-offs gated a START that already happened.
import type { ChecklistItemStatus, SignoffStatus } from "./gates";
import type { ReleaseState } from "./machine";

export interface Reopened {
  itemIds: string[];
  /** Wave indexes whose sign-offs are withdrawn (hypercare's as -2). */
  signoffWaves: number[];
}

export function reopenedBy(
  previous: ReleaseState,
  next: ReleaseState,
  checklist: readonly (ChecklistItemStatus & { bound: boolean })[],
  signoffs: readonly SignoffStatus[],
  waveCount: number,
): Reopened {
  const retried = previous.status === "rolled_back" && next.status === "running";
  const steppedBack = next.currentWaveIndex < previous.currentWaveIndex && next.status === "paused";
  if (!retried && !steppedBack) return { itemIds: [], signoffWaves: [] };
  // A retry runs every wave (and hypercare) again; a step back runs the wave it returns to and the ones after it.
  const from = retried ? 0 : next.currentWaveIndex;
  // The entry checklist of the wave being entered now already did its job.
  const again = (waveIndex: number | null, gate: ChecklistItemStatus["gate"]) =>
    gate === "hypercare" ||
    (waveIndex !== null && waveIndex >= from && waveIndex < waveCount && gate !== "rollback" && !(gate === "entry" && waveIndex === from));
  const itemIds = checklist.filter((c) => !c.bound && c.state !== "open" && again(c.waveIndex, c.gate)).map((c) => c.id);
  const signoffWaves = [...new Set(signoffs.filter((s) => s.waveIndex === -2 || (s.waveIndex >= from && s.waveIndex >= 0)).map((s) => s.waveIndex))].sort((a, b) => a - b);
  return { itemIds, signoffWaves };
}
