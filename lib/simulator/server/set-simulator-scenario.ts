// The demo's traffic simulator follows the scenario stored on the release; switching it is an audit event.
import "server-only";
import type { Scenario } from "../core/scenarios";
import type { Actor } from "../../auth/server/actor";
import { mutateRelease } from "../../releases/server/mutate-release";

export function setSimulatorScenario(releaseId: string, scenario: Scenario, actor: Actor) {
  return mutateRelease(releaseId, {}, (loaded, now) => ({
    ok: true,
    actorRole: actor.role,
    events: [
      {
        type: "simulator_scenario",
        actor: actor.name,
        reason: null,
        at: now,
        before: null,
        after: null,
        data: { from: loaded.row.simulatorScenario, to: scenario },
      },
    ],
    write: async (tx) => {
      await tx.release.update({ where: { id: releaseId }, data: { simulatorScenario: scenario } });
    },
  }));
}
