// Whether what apps were told matches the planned share. Pure. A rollback that does not reach the apps is an incident.
export type DriftLevel = "ok" | "drift" | "too_few";

/**
 * Observed is the share of evaluations that returned on since the share last changed. With n evaluations a fair
 * coin at p % wanders by about sqrt(p(1-p)/n); more than 4 of those (and at least 2 points) is not chance. A flag
 * planned at 0 % that anyone still gets is drift as soon as it is seen: the apps are not following.
 */
export function flagDrift(plannedPercent: number, observedPercent: number | null, samples: number): DriftLevel {
  if (observedPercent === null || samples === 0) return "too_few";
  if (plannedPercent <= 0) return observedPercent > 0 ? "drift" : "ok";
  if (plannedPercent >= 100) return observedPercent < 100 && samples >= 20 ? "drift" : samples >= 20 ? "ok" : "too_few";
  if (samples < 100) return "too_few";
  const p = plannedPercent / 100;
  const sigma = 100 * Math.sqrt((p * (1 - p)) / samples);
  return Math.abs(observedPercent - plannedPercent) > Math.max(2, 4 * sigma) ? "drift" : "ok";
}
