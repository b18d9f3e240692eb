// OIDC_ROLE_MAP: which identity-provider groups grant which role and sign-off roles. Pure: parsed once at start-up
// (lib/platform/config) and applied at every OIDC sign-in, so the IdP's groups, not a hand edit, decide.
import { ROLES, type Role } from "./roles";

export interface RoleMapEntry {
  group: string;
  role: Role;
  /** A sign-off role the group's members hold ("pm=approver:Product Manager"). */
  signoffRole: string | null;
}

export type RoleMap = RoleMapEntry[];

/**
 * `group=role[:Sign-off role]`, comma-separated: `release-admins=admin,oncall=commander,pm=approver:Product Manager`.
 * The group is everything before the last `=` (Keycloak paths such as `/teams/oncall` and Entra ID object ids both
 * fit); throws with the entry named when one is malformed, so the server refuses to start rather than guess.
 */
export function parseRoleMap(spec: string): RoleMap {
  const entries: RoleMap = [];
  for (const raw of spec.split(",")) {
    const text = raw.trim();
    if (!text) continue;
    const eq = text.lastIndexOf("=");
    if (eq <= 0) throw new Error(`OIDC_ROLE_MAP entry "${text}" is not group=role[:Sign-off role]`);
    const group = text.slice(0, eq).trim();
    const rest = text.slice(eq + 1).trim();
    const colon = rest.indexOf(":");
    const roleText = (colon < 0 ? rest : rest.slice(0, colon)).trim();
    const signoffRole = colon < 0 ? null : rest.slice(colon + 1).trim() || null;
    if (!(ROLES as readonly string[]).includes(roleText)) {
      throw new Error(`OIDC_ROLE_MAP entry "${text}": "${roleText}" is not a role (${ROLES.join(", ")})`);
    }
    if (group.length > 200 || (signoffRole?.length ?? 0) > 80) throw new Error(`OIDC_ROLE_MAP entry "${text}" is too long`);
    entries.push({ group, role: roleText as Role, signoffRole });
  }
  if (entries.length > 200) throw new Error("OIDC_ROLE_MAP has more than 200 entries");
  return entries;
}

/** The groups claim as providers send it: an array of strings, or one string (some send a single group so). */
export function groupsOf(claims: Record<string, unknown>, claimName: string): string[] {
  // A dotted name reaches into nested claims (Keycloak's `realm_access.roles`).
  let value: unknown = claims;
  for (const part of claimName.split(".")) value = value && typeof value === "object" ? (value as Record<string, unknown>)[part] : undefined;
  if (typeof value === "string") return [value];
  if (!Array.isArray(value)) return [];
  return value.filter((g): g is string => typeof g === "string").slice(0, 1000);
}

export interface MappedRights {
  role: Role;
  signoffRoles: string[];
  /** The groups that granted anything, for the sign-in log. */
  matchedGroups: string[];
}

/**
 * The strongest role any of the person's groups grants, and every sign-off role their groups grant; without a
 * matching group, the default role and no sign-off role (so leaving the group takes the rights away).
 */
export function rightsFromGroups(map: RoleMap, groups: readonly string[], defaultRole: Role): MappedRights {
  const held = new Set(groups);
  let role = defaultRole;
  const signoffRoles: string[] = [];
  const matchedGroups: string[] = [];
  for (const entry of map) {
    if (!held.has(entry.group)) continue;
    if (!matchedGroups.includes(entry.group)) matchedGroups.push(entry.group);
    if (ROLES.indexOf(entry.role) > ROLES.indexOf(role)) role = entry.role;
    if (entry.signoffRole && !signoffRoles.includes(entry.signoffRole)) signoffRoles.push(entry.signoffRole);
  }
  return { role, signoffRoles, matchedGroups };
}
