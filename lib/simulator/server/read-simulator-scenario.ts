// The scenario the demo simulator follows for a release, with the scenarios a presenter may switch to.
import "server-only";
import { SCENARIOS, SCENARIO_DESCRIPTIONS } from "../core/scenarios";
import { db } from "../../platform/db/client";

/** Null when the release does not exist. */
export async function readSimulatorScenario(releaseId: string) {
  const row = await db().release.findUnique({ where: { id: releaseId }, select: { simulatorScenario: true } });
  if (!row) return null;
  return { scenario: row.simulatorScenario, scenarios: SCENARIOS.map((s) => ({ id: s, description: SCENARIO_DESCRIPTIONS[s] })) };
}
