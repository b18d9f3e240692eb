// Seeds the demo: one user per role and the "Batch patches" release, pre-deployment checklist done, wave 1 running.
// Idempotent: an existing demo release is left as it is.
import { readFileSync } from "node:fs";
import { PlanSchema } from "../../lib/plans/core/plan";
import type { Role } from "../../lib/auth/core/roles";
import type { Actor } from "../../lib/auth/server/actor";
import { db } from "../../lib/platform/db/client";
import { applyCommand } from "../../lib/releases/server/apply-command";
import { createRelease } from "../../lib/releases/server/create-release";
import { setSimulatorScenario } from "../../lib/simulator/server/set-simulator-scenario";
import { updateChecklistItem } from "../../lib/releases/server/update-checklist-item";
import { createUser } from "../../lib/auth/server/create-user";
import { DEMO_USERS } from "../../lib/auth/server/demo-users";

export async function seedDemo(): Promise<{ releaseId: string; created: boolean }> {
  const actors = new Map<string, Actor>();
  for (const u of DEMO_USERS) {
    const user = await createUser(db(), u);
    actors.set(user.role, { kind: "user", id: user.id, name: user.email, displayName: user.name, role: user.role as Role, signoffRoles: user.signoffRoles, releaseScope: null });
  }
  const plan = PlanSchema.parse(JSON.parse(readFileSync("prisma/demo-plan.json", "utf8")));
  const existing = await db().release.findFirst({ where: { name: plan.name, serviceVersion: plan.version } });
  if (existing) return { releaseId: existing.id, created: false };

  const admin = actors.get("admin")!;
  const commander = actors.get("commander")!;
  const approver = actors.get("approver")!;
  const release = await createRelease(plan, admin.name, admin.role);
  for (const item of release.preChecklist.filter((c) => c.required)) {
    const who = item.ownerRole === "Incident Commander" ? commander : approver;
    const outcome = await updateChecklistItem(release.id, item.id, { state: "met" }, who);
    if (!outcome.ok) throw new Error(outcome.error.message);
  }
  const started = await applyCommand(release.id, {
    command: { type: "start", actor: commander.name, reason: "Pre-deployment checklist complete; starting wave 1" },
    actorRole: commander.role,
  });
  if (!started.ok) throw new Error(started.error.message);
  // Marks this release as the simulator's: only releases with a scenario show the simulator panel on the board.
  const simulated = await setSimulatorScenario(release.id, "healthy", commander);
  if (!simulated.ok) throw new Error(simulated.error.message);
  return { releaseId: release.id, created: true };
}

if (process.argv[1]?.endsWith("seed.ts")) {
  seedDemo()
    .then((r) => console.log(`Demo release ${r.created ? "created" : "already there"}: /releases/${r.releaseId}`))
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
