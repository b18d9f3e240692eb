import { ROLES, can, type Permission } from "@/lib/rollout/roles";
import { scopesGrant } from "@/lib/rollout/token-scopes";
import { handle, json } from "@/lib/server/http/handle";

export const dynamic = "force-dynamic";

const PERMISSIONS: Permission[] = ["read", "checklist", "command", "manage"];
const TOKEN_PERMISSIONS: Permission[] = ["read", "ingest", "create", "steer"];

// Whoever may read may ask who they are, a token limited to a release or service included (the answer names only
// the caller).
export const GET = handle(
  "read",
  async ({ actor }) =>
    json({
      user: { id: actor.id, name: actor.displayName, email: actor.name, role: actor.role, signoffRoles: actor.signoffRoles },
      permissions:
        actor.kind === "token" ? TOKEN_PERMISSIONS.filter((p) => scopesGrant(actor.scopes ?? [], p)) : PERMISSIONS.filter((p) => can(actor.role, p)),
      roles: ROLES,
      ...(actor.kind === "token"
        ? { token: { name: actor.displayName, scopes: actor.scopes ?? [], releaseId: actor.releaseScope, service: actor.serviceScope ?? null } }
        : {}),
    }),
  { withinScope: true },
);
