import { z } from "zod";
import { SCENARIOS, SCENARIO_DESCRIPTIONS } from "@/lib/simulator/core/scenarios";
import { db } from "@/lib/platform/db/client";
import { notFound } from "@/lib/platform/http/app-error";
import { errorResponse, handle, json, readJson } from "@/lib/platform/http/handle";
import { setSimulatorScenario } from "@/lib/simulator/server/set-simulator-scenario";

export const dynamic = "force-dynamic";

export const GET = handle<{ id: string }>(
  "read",
  async ({ params }) => {
    const row = await db().release.findUnique({ where: { id: params.id }, select: { simulatorScenario: true } });
    if (!row) return errorResponse(notFound("Release", params.id));
    return json({ scenario: row.simulatorScenario, scenarios: SCENARIOS.map((s) => ({ id: s, description: SCENARIO_DESCRIPTIONS[s] })) });
  },
  { scope: "id" },
);

const ScenarioSchema = z.object({ scenario: z.enum(SCENARIOS) }).strict();

/** A presenter switches what the demo simulator sends (commanders and admins). */
export const PUT = handle<{ id: string }>("command", async ({ req, params, actor }) => {
  const { scenario } = await readJson(req, ScenarioSchema, "scenario");
  const outcome = await setSimulatorScenario(params.id, scenario, actor);
  if (!outcome.ok) return errorResponse(outcome.error);
  return json({ scenario, events: outcome.events });
});
