import { describe, expect, it } from "vitest";
import { groupsOf, parseRoleMap, rightsFromGroups } from "./role-map";

const MAP = parseRoleMap("release-admins=admin, oncall=commander,pm=approver:Product Manager,sec=viewer:Security");

describe("parseRoleMap", () => {
  it("reads group=role[:Sign-off role] entries", () => {
    expect(MAP).toEqual([
      { group: "release-admins", role: "admin", signoffRole: null },
      { group: "oncall", role: "commander", signoffRole: null },
      { group: "pm", role: "approver", signoffRole: "Product Manager" },
      { group: "sec", role: "viewer", signoffRole: "Security" },
    ]);
  });

  it("takes the group up to the last '=' (Keycloak paths, Entra ids)", () => {
    expect(parseRoleMap("/teams/on=call=commander")[0]).toEqual({ group: "/teams/on=call", role: "commander", signoffRole: null });
    expect(parseRoleMap("3f1e0c2a-9b7d-4c1e-8f00-1234567890ab=admin")[0]?.group).toBe("3f1e0c2a-9b7d-4c1e-8f00-1234567890ab");
  });

  it("is empty for an empty spec and ignores stray commas", () => {
    expect(parseRoleMap("")).toEqual([]);
    expect(parseRoleMap(" , oncall=commander ,")).toHaveLength(1);
  });

  it("names the malformed entry", () => {
    expect(() => parseRoleMap("oncall")).toThrow(/"oncall" is not group=role/);
    expect(() => parseRoleMap("oncall=captain")).toThrow(/"captain" is not a role/);
    expect(() => parseRoleMap("=admin")).toThrow(/not group=role/);
  });
});

describe("rightsFromGroups", () => {
  it("grants the strongest role of the person's groups and every sign-off role", () => {
    expect(rightsFromGroups(MAP, ["pm", "oncall", "sec"], "viewer")).toEqual({
      role: "commander",
      signoffRoles: ["Product Manager", "Security"],
      matchedGroups: ["oncall", "pm", "sec"],
    });
  });

  it("falls back to the default role with no sign-off role once the groups are gone", () => {
    expect(rightsFromGroups(MAP, ["other"], "viewer")).toEqual({ role: "viewer", signoffRoles: [], matchedGroups: [] });
    expect(rightsFromGroups(MAP, [], "approver").role).toBe("approver");
  });

  it("never lowers below the default role", () => {
    expect(rightsFromGroups(MAP, ["sec"], "approver")).toEqual({ role: "approver", signoffRoles: ["Security"], matchedGroups: ["sec"] });
  });
});

describe("groupsOf", () => {
  it("reads an array, a single string, or a dotted path; ignores anything else", () => {
    expect(groupsOf({ groups: ["a", 1, "b"] }, "groups")).toEqual(["a", "b"]);
    expect(groupsOf({ groups: "a" }, "groups")).toEqual(["a"]);
    expect(groupsOf({ realm_access: { roles: ["oncall"] } }, "realm_access.roles")).toEqual(["oncall"]);
    expect(groupsOf({}, "groups")).toEqual([]);
    expect(groupsOf({ groups: { a: 1 } }, "groups")).toEqual([]);
  });
});
