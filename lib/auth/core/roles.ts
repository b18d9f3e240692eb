// Who may do what. Pure, so the server enforces it and the UI shows the same answer.
export const ROLES = ["viewer", "approver", "commander", "admin"] as const;
export type Role = (typeof ROLES)[number];

export type Permission =
  | "read" // see releases, events, metrics
  | "checklist" // tick checklist items, sign off waves
  | "command" // start / continue / pause / resume / rollback / retry / override, acknowledge alerts
  | "manage" // create releases, users, API tokens
  | "ingest" // push metric samples (API tokens)
  | "create" // create releases (admins; pipeline tokens within their service)
  | "steer" // start / continue / pause / resume / rollback / retry, without override (commanders; pipeline tokens)
  | "control"; // ask the go/no-go and verdict as a progressive-delivery controller (Flagger, Argo Rollouts): controller tokens only

const GRANTS: Record<Role, Permission[]> = {
  viewer: ["read"],
  approver: ["read", "checklist"],
  commander: ["read", "checklist", "command", "steer"],
  admin: ["read", "checklist", "command", "manage", "create", "steer"],
};

export function can(role: Role | null | undefined, permission: Permission): boolean {
  return !!role && GRANTS[role].includes(permission);
}
