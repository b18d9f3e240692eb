// What GET /api/me answers, and what pages render on the server for the signed-in person: one shape. A token gets
// the permissions its scopes grant, and its name, scopes and limits.
import "server-only";
import { ROLES, can, type Permission } from "../core/roles";
import { scopesGrant } from "../core/token-scopes";
import type { Actor } from "./actor";

const PERMISSIONS: Permission[] = ["read", "checklist", "command", "manage"];
const TOKEN_PERMISSIONS: Permission[] = ["read", "ingest", "create", "steer"];

export function meView(actor: Actor) {
  return {
    user: { id: actor.id, name: actor.displayName, email: actor.name, role: actor.role, signoffRoles: actor.signoffRoles },
    permissions: actor.kind === "token" ? TOKEN_PERMISSIONS.filter((p) => scopesGrant(actor.scopes ?? [], p)) : PERMISSIONS.filter((p) => can(actor.role, p)),
    roles: ROLES,
    ...(actor.kind === "token"
      ? { token: { name: actor.displayName, scopes: actor.scopes ?? [], releaseId: actor.releaseScope, service: actor.serviceScope ?? null } }
      : {}),
  };
}
