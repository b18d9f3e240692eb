// Sticky, monotonic bucketing: identical to Unleash's gradual rollout at whole percentages, finer inside the
// boundary bucket. Pure: no I/O, no clock.
import { x86 } from "murmurhash3js";

/** Finest step a share can take: 0.001 % (one thousandth of a percent). */
export const PERCENT_STEPS = 1000;

/**
 * The same hash Unleash SDKs use for gradual rollout: murmur3_x86_32("<groupId>:<key>", seed 0). The library is the
 * one unleash-client itself imports, so both sides treat non-ASCII keys byte-for-byte alike.
 */
export function rolloutHash(key: string, groupId: string): number {
  return x86.hash32(`${groupId}:${key}`, 0);
}

/** Unleash's normalized value: 1..100. */
export function unleashBucket(key: string, groupId: string): number {
  return (rolloutHash(key, groupId) % 100) + 1;
}

/** A share in thousandths of a percent (0..100000), rounded to the finest step. */
export function shareInSteps(percent: number): number {
  if (!Number.isFinite(percent) || percent <= 0) return 0;
  if (percent >= 100) return 100 * PERCENT_STEPS;
  return Math.round(percent * PERCENT_STEPS);
}

/**
 * Whether `key` is inside the first `percent` % of flag `groupId`.
 *
 * Whole percentages: bucket <= p, exactly Unleash's rule. A fractional share p = w + f admits every bucket <= w and,
 * in the boundary bucket w + 1, the keys whose sub-position (the hash's quotient by 100, so independent of the
 * bucket) falls below f. Raising p only ever admits more keys, which is the monotonicity the rollout promises.
 */
export function inRollout(key: string, groupId: string, percent: number): boolean {
  const steps = shareInSteps(percent);
  if (steps === 0) return false;
  const hash = rolloutHash(key, groupId);
  const bucket = (hash % 100) + 1;
  const whole = Math.floor(steps / PERCENT_STEPS);
  if (bucket <= whole) return true;
  if (bucket !== whole + 1) return false;
  const sub = Math.floor(hash / 100) % PERCENT_STEPS;
  return sub < steps % PERCENT_STEPS;
}
