// Declares a freeze (admins): the row and its admin audit entry in one transaction.
import "server-only";
import { randomUUID } from "node:crypto";
import type { Actor } from "../../auth/server/actor";
import { recordAdminAction } from "../../audit/server/record-admin-action";
import { db } from "../../platform/db/client";
import { forgetOpenFreezes } from "./freeze-store";
import { toFreezeView } from "./freeze-view";

export interface NewFreeze {
  from: Date;
  to: Date;
  reason: string;
  environments?: string[];
  services?: string[];
}

export async function createFreeze(input: NewFreeze, actor: Pick<Actor, "id" | "name">, now = new Date()) {
  const environments = input.environments?.length ? [...new Set(input.environments)] : null;
  const services = input.services?.length ? [...new Set(input.services)] : null;
  const row = await db().$transaction(async (tx) => {
    const created = await tx.freeze.create({
      data: {
        id: randomUUID(),
        from: input.from,
        to: input.to,
        reason: input.reason,
        createdBy: actor.name,
        createdAt: now,
        environmentsJson: environments ? JSON.stringify(environments) : null,
        servicesJson: services ? JSON.stringify(services) : null,
      },
    });
    const data = { from: created.from.toISOString(), to: created.to.toISOString(), reason: created.reason, environments, services };
    await recordAdminAction(tx, actor, { action: "freeze.created", targetId: created.id, data }, now);
    return created;
  });
  forgetOpenFreezes();
  return toFreezeView(row, now);
}
