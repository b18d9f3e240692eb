// Who may do what. Pure, so the server enforces it and the UI shows the same answer.
export const ROLES = ["viewer", "approver", "commander", "admin"] as const;
export type Role = (typeof ROLES)[number];

export type Permission =
  | "read" // see releases, events, metrics
  | "checklist" // tick checklist items, sign off waves
  | "command" // start / continue / pause / resume / rollback / retry / override, acknowledge alerts
  | "manage" // create releases, users, API tokens
  | "ingest"; // push metric samples (API tokens)

const GRANTS: Record<Role, Permission[]> = {
  viewer: ["read"],
  approver: ["read", "checklist"],
  commander: ["read", "checklist", "command"],
  admin: ["read", "checklist", "command", "manage"],
};

export function can(role: Role | null | undefined, permission: Permission): boolean {
  return !!role && GRANTS[role].includes(permission);
}
