// The guardrails in force in a wave. No zod here (types only), so client code can import it without the schemas.
import type { Guardrail, Plan } from "./plan";

/** Issue 22: where each track of a programme stands, as far as its guardrails care. */
export type TrackPositions = Readonly<Record<string, { status: string; currentWaveIndex: number }>>;

const ACTIVE = new Set(["running", "paused", "hypercare"]);

/**
 * Plan-level guardrails apply to every wave; a wave's own guardrail for the same metric replaces it. In a programme
 * the plan's guardrails watch every running track, with each active track's own guardrails and its current wave's
 * on top (without positions: every track's own guardrails).
 */
export function guardrailsForWave(plan: Plan, waveIndex: number, tracks?: TrackPositions): Guardrail[] {
  if (plan.tracks?.length) {
    const own: Guardrail[] = [];
    for (const t of plan.tracks) {
      const at = tracks?.[t.key];
      if (tracks && !(at && ACTIVE.has(at.status))) continue;
      own.push(...(t.guardrails ?? []), ...((at && t.waves?.[at.currentWaveIndex]?.guardrails) || []));
    }
    return replacing(plan.guardrails, own);
  }
  const wave = plan.waves[waveIndex];
  return replacing(plan.guardrails, wave?.guardrails ?? []);
}

/** The first rule for a metric wins among `own`; any of them replaces the plan's rule for that metric. */
function replacing(base: Guardrail[], own: Guardrail[]): Guardrail[] {
  const seen = new Set<string>();
  const unique = own.filter((g) => !seen.has(g.metric) && seen.add(g.metric));
  return [...base.filter((g) => !seen.has(g.metric)), ...unique];
}
