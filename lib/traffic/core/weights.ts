// A wave's percentage as two router weights. Exact where the router's scale can say it; otherwise the nearest pair,
// with the share it really gives, so the board can show "10 % asked, 9.98 % set".
import type { RouterWeights } from "./router";

export interface WeightsForShare {
  weights: RouterWeights;
  /** The canary share those weights give, in percent. */
  canaryPercent: number;
  exact: boolean;
}

/** The canary share (percent) that two weights give. All-zero weights serve nothing: reported as 0. */
export function shareOf(weights: RouterWeights): number {
  const total = weights.stable + weights.canary;
  return total === 0 ? 0 : (weights.canary / total) * 100;
}

/**
 * Weights whose canary share is nearest `percent`, each in 0..maxWeight. Among equally near pairs, the one with the
 * larger weights (finer later steps and smoother balancing). 0 % is canary 0 and 100 % stable 0, always exact.
 */
export function weightsForShare(percent: number, maxWeight: number): WeightsForShare {
  if (!(percent >= 0 && percent <= 100)) throw new RangeError(`canary share ${percent} is not within 0-100 %`);
  if (!Number.isInteger(maxWeight) || maxWeight < 1) throw new RangeError(`maxWeight ${maxWeight} must be a positive integer`);
  if (percent === 0) return { weights: { stable: maxWeight, canary: 0 }, canaryPercent: 0, exact: true };
  if (percent === 100) return { weights: { stable: 0, canary: maxWeight }, canaryPercent: 100, exact: true };
  const want = percent / 100;
  let best: RouterWeights = { stable: maxWeight, canary: 0 };
  let bestError = Number.POSITIVE_INFINITY;
  // For each canary weight the best stable weight is a rounding away: O(maxWeight), which is fine for HAProxy's 256.
  // Large scales (Gateway API's 1,000,000) are proportional: one rounding gives an error below half a unit.
  if (maxWeight > 4096) {
    const canary = Math.round(want * maxWeight);
    const weights = { stable: maxWeight - canary, canary };
    const canaryPercent = shareOf(weights);
    return { weights, canaryPercent, exact: Math.abs(canaryPercent - percent) < 1e-9 };
  }
  for (let canary = 1; canary <= maxWeight; canary++) {
    const stable = Math.min(maxWeight, Math.max(0, Math.round((canary * (1 - want)) / want)));
    const error = Math.abs(canary / (canary + stable) - want);
    if (error < bestError - 1e-12 || (Math.abs(error - bestError) <= 1e-12 && canary + stable > best.canary + best.stable)) {
      best = { stable, canary };
      bestError = error;
    }
  }
  const canaryPercent = shareOf(best);
  return { weights: best, canaryPercent, exact: Math.abs(canaryPercent - percent) < 1e-9 };
}
