import { ROLES, can, type Permission } from "@/lib/rollout/roles";
import { handle, json } from "@/lib/server/http/handle";

export const dynamic = "force-dynamic";

const PERMISSIONS: Permission[] = ["read", "checklist", "command", "manage"];

export const GET = handle("read", async ({ actor }) =>
  json({
    user: { id: actor.id, name: actor.displayName, email: actor.name, role: actor.role, signoffRoles: actor.signoffRoles },
    permissions: PERMISSIONS.filter((p) => can(actor.role, p)),
    roles: ROLES,
  }),
);
