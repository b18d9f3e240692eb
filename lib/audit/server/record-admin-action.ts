// Writes one admin action to the audit log inside the caller's transaction, so the action and its record commit
// together or not at all (the house rule: every state change is one transaction with its audit event).
// The seed and admin scripts that create users and tokens load this under tsx, where "server-only" resolves to
// lib/platform/server-only-outside-next.ts (tsconfig paths), so the marker holds here too.
import "server-only";
import type { Actor } from "../../auth/server/actor";
import { checkAdminAction, type AdminActionEntry } from "../core/admin-actions";
import type { Tx } from "../../platform/db/client";

export async function recordAdminAction(tx: Tx, actor: Pick<Actor, "id" | "name">, entry: AdminActionEntry, at = new Date()): Promise<void> {
  // Validated again at run time: a writer that built its data with a cast still cannot store an unknown field.
  const { targetType, data } = checkAdminAction(entry);
  await tx.adminAuditEvent.create({
    data: { at, actorId: actor.id, actorLabel: actor.name, action: entry.action, targetType, targetId: entry.targetId, dataJson: JSON.stringify(data) },
  });
}
