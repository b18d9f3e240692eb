// A person arriving through OIDC or GitHub: created on first sign-in; with OIDC_ROLE_MAP set, their role and
// sign-off roles follow their identity-provider groups at every sign-in (re-roled in one transaction, audited, and
// their open sockets re-checked at once so a lost role stops working within a socket round).
import "server-only";
import { randomUUID } from "node:crypto";
import type { Role } from "../core/roles";
import { rightsFromGroups } from "../core/role-map";
import { config } from "../../platform/config/config";
import { db } from "../../platform/db/client";
import { cutSocketsSoon } from "../../realtime/server/revalidate-sockets";
import { recordAdminAction } from "../../audit/server/record-admin-action";
import { hashPassword } from "./password";

/** Who the audit log names for changes the identity provider's groups made. */
export const IDP_ACTOR = { id: "oidc", name: "identity provider (OIDC_ROLE_MAP)" } as const;

export async function signInOAuthUser(input: { email: string; name: string; groups: string[] | null }) {
  const cfg = config();
  const mapped = input.groups && cfg.roleMap.length > 0 ? rightsFromGroups(cfg.roleMap, input.groups, cfg.OIDC_DEFAULT_ROLE) : null;
  // A first sign-in's unusable password, hashed outside the transaction: scrypt is slow and a SQLite write lock should
  // not wait for it; a returning person pays nothing for it.
  const known = await db().user.findUnique({ where: { email: input.email }, select: { id: true } });
  const passwordHash = known ? "" : await hashPassword(randomUUID());
  const now = new Date();
  const { row, changed } = await db().$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email: input.email } });
    if (!existing) {
      const hash = passwordHash || (await hashPassword(randomUUID()));
      const role: Role = mapped?.role ?? cfg.OIDC_DEFAULT_ROLE;
      const signoffRoles = mapped?.signoffRoles ?? [];
      const created = await tx.user.create({
        data: { id: randomUUID(), email: input.email, name: input.name, passwordHash: hash, role, signoffRoles: JSON.stringify(signoffRoles) },
      });
      await recordAdminAction(tx, IDP_ACTOR, { action: "user.created", targetId: created.id, data: { email: created.email, role, signoffRoles } }, now);
      return { row: created, changed: false };
    }
    if (!mapped) return { row: existing, changed: false };
    const signoffRoles = JSON.stringify(mapped.signoffRoles);
    if (existing.role === mapped.role && existing.signoffRoles === signoffRoles) return { row: existing, changed: false };
    const updated = await tx.user.update({ where: { id: existing.id }, data: { role: mapped.role, signoffRoles } });
    if (existing.role !== mapped.role) {
      await recordAdminAction(tx, IDP_ACTOR, { action: "user.role_changed", targetId: existing.id, data: { email: existing.email, from: existing.role as Role, to: mapped.role } }, now);
    }
    if (existing.signoffRoles !== signoffRoles) {
      const changes = [{ field: "signoffRoles", from: existing.signoffRoles, to: signoffRoles }];
      await recordAdminAction(tx, IDP_ACTOR, { action: "user.updated", targetId: existing.id, data: { email: existing.email, changes } }, now);
    }
    return { row: updated, changed: true };
  });
  if (changed) cutSocketsSoon();
  return row;
}
