// Lifts a quarantined service version (admins), with a reason: the row and its admin audit entry in one transaction.
import "server-only";
import type { Actor } from "../../auth/server/actor";
import { recordAdminAction } from "../../audit/server/record-admin-action";
import { appError, notFound, type AppError } from "../../platform/http/app-error";
import { db } from "../../platform/db/client";
import { toQuarantineView, type QuarantineView } from "./freeze-view";

export async function liftQuarantine(id: string, reason: string, actor: Pick<Actor, "id" | "name">, now = new Date()): Promise<{ ok: true; quarantine: QuarantineView } | { ok: false; error: AppError }> {
  return db().$transaction(async (tx) => {
    const row = await tx.quarantine.findUnique({ where: { id } });
    if (!row) return { ok: false as const, error: notFound("Quarantine", id) };
    const lifted = await tx.quarantine.updateMany({ where: { id, liftedAt: null }, data: { liftedAt: now, liftedBy: actor.name, liftReason: reason } });
    if (lifted.count !== 1) {
      return { ok: false as const, error: appError(409, "quarantine_lifted", `The quarantine of ${row.service} ${row.serviceVersion} was already lifted by ${row.liftedBy ?? "someone"}`, { id, liftedAt: row.liftedAt?.toISOString() ?? null, liftedBy: row.liftedBy }) };
    }
    await recordAdminAction(tx, actor, { action: "quarantine.lifted", targetId: id, data: { service: row.service, version: row.serviceVersion, releaseId: row.releaseId, reason } }, now);
    return { ok: true as const, quarantine: toQuarantineView({ ...row, liftedAt: now, liftedBy: actor.name, liftReason: reason }) };
  });
}
