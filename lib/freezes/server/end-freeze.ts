// Ends a freeze before its time (admins), with a reason: the row and its admin audit entry in one transaction.
import "server-only";
import type { Actor } from "../../auth/server/actor";
import { recordAdminAction } from "../../audit/server/record-admin-action";
import { appError, notFound, type AppError } from "../../platform/http/app-error";
import { db } from "../../platform/db/client";
import { forgetOpenFreezes } from "./freeze-store";
import { toFreezeView, type FreezeView } from "./freeze-view";

export async function endFreeze(id: string, reason: string, actor: Pick<Actor, "id" | "name">, now = new Date()): Promise<{ ok: true; freeze: FreezeView } | { ok: false; error: AppError }> {
  const outcome = await endInTransaction(id, reason, actor, now);
  forgetOpenFreezes();
  return outcome;
}

function endInTransaction(id: string, reason: string, actor: Pick<Actor, "id" | "name">, now: Date): Promise<{ ok: true; freeze: FreezeView } | { ok: false; error: AppError }> {
  return db().$transaction(async (tx) => {
    const row = await tx.freeze.findUnique({ where: { id } });
    if (!row) return { ok: false as const, error: notFound("Freeze", id) };
    if (row.endedAt) return { ok: false as const, error: appError(409, "freeze_over", `The freeze "${row.reason}" was already ended by ${row.endedBy} at ${row.endedAt.toISOString()}`, { id, endedAt: row.endedAt.toISOString(), endedBy: row.endedBy }) };
    if (row.to.getTime() <= now.getTime()) return { ok: false as const, error: appError(409, "freeze_over", `The freeze "${row.reason}" is already over (it ended at ${row.to.toISOString()})`, { id, to: row.to.toISOString() }) };
    // Only if nobody ended it in between (a second admin's DELETE is the 409 above, not a second audit entry).
    const ended = await tx.freeze.updateMany({ where: { id, endedAt: null }, data: { endedAt: now, endedBy: actor.name, endReason: reason } });
    if (ended.count !== 1) return { ok: false as const, error: appError(409, "freeze_over", `The freeze "${row.reason}" was ended by someone else just now`, { id }) };
    await recordAdminAction(tx, actor, { action: "freeze.ended", targetId: id, data: { reason, freezeReason: row.reason, to: row.to.toISOString() } }, now);
    return { ok: true as const, freeze: toFreezeView({ ...row, endedAt: now, endedBy: actor.name, endReason: reason }, now) };
  });
}
