import { SimulatorScenarioRequest } from "@/lib/api/core/requests";
import { notFound } from "@/lib/platform/http/app-error";
import { errorResponse, handle, json, readJson } from "@/lib/platform/http/handle";
import { readSimulatorScenario } from "@/lib/simulator/server/read-simulator-scenario";
import { setSimulatorScenario } from "@/lib/simulator/server/set-simulator-scenario";

export const dynamic = "force-dynamic";

export const GET = handle<{ id: string }>(
  "read",
  async ({ params }) => {
    const current = await readSimulatorScenario(params.id);
    return current ? json(current) : errorResponse(notFound("Release", params.id));
  },
  { scope: "id" },
);


/** A presenter switches what the demo simulator sends (commanders and admins). */
export const PUT = handle<{ id: string }>("command", async ({ req, params, actor }) => {
  const { scenario } = await readJson(req, SimulatorScenarioRequest, "scenario");
  const outcome = await setSimulatorScenario(params.id, scenario, actor);
  if (!outcome.ok) return errorResponse(outcome.error);
  return json({ scenario, events: outcome.events });
});
