// An admin changes a person's role, sign-off roles or access; takes effect on their next request.
import "server-only";
import { z } from "zod";
import { ROLES } from "../core/roles";
import { nameText } from "../../releases/core/text";
import { db } from "../../platform/db/client";
import { cutSocketsSoon } from "../../realtime/server/revalidate-sockets";
import type { Actor } from "./actor";
import type { Role } from "../core/roles";
import type { AdminActionEntry } from "../../audit/core/admin-actions";
import { recordAdminAction } from "../../audit/server/record-admin-action";

export const UserPatchSchema = z
  .object({
    role: z.enum(ROLES).optional(),
    signoffRoles: z.array(nameText(80)).max(20).optional(),
    disabled: z.boolean().optional(),
    name: nameText(120).optional(),
  })
  .strict();

/** `actor`: the administrator; each change is recorded in the admin audit log in the update's transaction. */
export async function updateUser(id: string, patch: z.infer<typeof UserPatchSchema>, actor: Pick<Actor, "id" | "name">) {
  const row = await db().$transaction(async (tx) => {
    const found = await tx.user.findUnique({ where: { id } });
    if (!found) return null;
    const updated = await tx.user.update({
      where: { id },
      data: {
        ...(patch.role ? { role: patch.role } : {}),
        ...(patch.signoffRoles ? { signoffRoles: JSON.stringify(patch.signoffRoles) } : {}),
        ...(patch.disabled !== undefined ? { disabled: patch.disabled } : {}),
        ...(patch.name ? { name: patch.name } : {}),
      },
    });
    const now = new Date();
    for (const entry of userChanges(found, updated)) await recordAdminAction(tx, actor, entry, now);
    return updated;
  });
  if (!row) return null;
  if (patch.role || patch.disabled) cutSocketsSoon();
  return { id: row.id, email: row.email, name: row.name, role: row.role, signoffRoles: JSON.parse(row.signoffRoles), disabled: row.disabled };
}

type UserRow = { id: string; email: string; name: string; role: string; signoffRoles: string; disabled: boolean };

/** What an update changed, as audit entries: re-roled, disabled or enabled, and name or sign-off roles edited. */
function userChanges(before: UserRow, after: UserRow): AdminActionEntry[] {
  const entries: AdminActionEntry[] = [];
  const target = { targetId: after.id };
  if (before.role !== after.role) {
    entries.push({ action: "user.role_changed", ...target, data: { email: after.email, from: before.role as Role, to: after.role as Role } });
  }
  if (before.disabled !== after.disabled) entries.push({ action: after.disabled ? "user.disabled" : "user.enabled", ...target, data: { email: after.email } });
  const changes = [
    ...(before.name !== after.name ? [{ field: "name", from: before.name, to: after.name }] : []),
    ...(before.signoffRoles !== after.signoffRoles ? [{ field: "signoffRoles", from: before.signoffRoles, to: after.signoffRoles }] : []),
  ];
  if (changes.length > 0) entries.push({ action: "user.updated", ...target, data: { email: after.email, changes } });
  return entries;
}
