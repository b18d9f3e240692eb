// What GET /api/me answers, and what pages render on the server for the signed-in person: one shape.
import { ROLES, can, type Permission } from "../../rollout/roles";
import type { Actor } from "./actor";

const PERMISSIONS: Permission[] = ["read", "checklist", "command", "manage"];

export function meView(actor: Actor) {
  return {
    user: { id: actor.id, name: actor.displayName, email: actor.name, role: actor.role, signoffRoles: actor.signoffRoles },
    permissions: PERMISSIONS.filter((p) => can(actor.role, p)),
    roles: ROLES,
  };
}
