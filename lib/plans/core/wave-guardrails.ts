// The guardrails in force in a wave. No zod here (types only), so client code can import it without the schemas.
import type { Guardrail, Plan } from "./plan";

/** Plan-level guardrails apply to every wave; a wave's own guardrail for the same metric replaces it. */
export function guardrailsForWave(plan: Plan, waveIndex: number): Guardrail[] {
  const wave = plan.waves[waveIndex];
  const own = wave?.guardrails ?? [];
  const overridden = new Set(own.map((g) => g.metric));
  return [...plan.guardrails.filter((g) => !overridden.has(g.metric)), ...own];
}
