// What "Add" puts into a plan in the form: starting values that read as a plan people would write, chosen so the
// plan stays valid where it can (a new wave goes before the final 100% wave, halfway between its neighbours).
import { BUILT_IN_METRICS } from "@/lib/plans/core/plan";

type Json = Record<string, unknown>;

const percentOf = (wave: unknown) => {
  const p = (wave as Json | null)?.trafficPercent;
  return typeof p === "number" && Number.isFinite(p) ? p : null;
};

/** Where a new wave goes and what it holds. */
export function newWave(waves: readonly unknown[]): { index: number; wave: Json } {
  if (waves.length === 0) return { index: 0, wave: { name: "Full", trafficPercent: 100, bakeSeconds: 0 } };
  const last = waves[waves.length - 1];
  if (percentOf(last) === 100) {
    const before = waves.length >= 2 ? (percentOf(waves[waves.length - 2]) ?? 0) : 0;
    const traffic = Math.max(1, Math.round((before + 100) / 2));
    if (traffic > before && traffic < 100) return { index: waves.length - 1, wave: { name: `Wave ${waves.length}`, trafficPercent: traffic, bakeSeconds: 3600 } };
  }
  return { index: waves.length, wave: { name: `Wave ${waves.length + 1}`, trafficPercent: 100, bakeSeconds: 3600 } };
}

/** A guardrail on the first built-in metric the list does not watch yet. */
export function newGuardrail(guardrails: readonly unknown[]): Json {
  const used = new Set(guardrails.map((g) => (g as Json | null)?.metric));
  const metric = BUILT_IN_METRICS.find((m) => !used.has(m)) ?? "custom_metric";
  return { metric, comparator: ">", critical: 0, forSeconds: 60, onCritical: "pause" };
}
