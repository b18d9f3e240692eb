import { describe, expect, it } from "vitest";
import { can, type Permission } from "./roles";
import { parseStoredScopes, resolveTokenScopes, scopesGrant, type TokenScope } from "./token-scopes";

const ALL: Permission[] = ["read", "checklist", "command", "manage", "ingest", "create", "steer", "control"];
const granted = (scopes: TokenScope[]) => ALL.filter((p) => scopesGrant(scopes, p));

describe("token scopes", () => {
  it("grant exactly their permissions", () => {
    expect(granted(["ingest"])).toEqual(["ingest"]);
    expect(granted(["read"])).toEqual(["read"]);
    expect(granted(["sdk"])).toEqual([]);
    expect(granted(["pipeline"])).toEqual(["read", "create", "steer"]);
    // Issue 24: Flagger's or Argo's token reads and asks; it steers nothing.
    expect(granted(["controller"])).toEqual(["read", "control"]);
    expect(granted(["ingest", "read"])).toEqual(["read", "ingest"]);
    // No scope reaches what only people may do.
    for (const p of ["checklist", "command", "manage"] as const) expect(scopesGrant(["ingest", "read", "pipeline", "controller"], p)).toBe(false);
    // Only a controller token asks the controller questions: no other scope, no person.
    expect(scopesGrant(["ingest", "read", "pipeline"], "control")).toBe(false);
  });

  it("keep the commanders' rights for people: steer with command, create with manage", () => {
    expect(can("commander", "steer")).toBe(true);
    expect(can("commander", "create")).toBe(false);
    expect(can("admin", "create")).toBe(true);
    expect(can("approver", "steer")).toBe(false);
    expect(can("viewer", "create")).toBe(false);
  });

  it("resolve both spellings of a token request", () => {
    expect(resolveTokenScopes({})).toEqual({ ok: true, scopes: ["ingest", "read"] });
    expect(resolveTokenScopes({ kind: "api" })).toEqual({ ok: true, scopes: ["ingest", "read"] });
    expect(resolveTokenScopes({ kind: "sdk" })).toEqual({ ok: true, scopes: ["sdk"] });
    expect(resolveTokenScopes({ scopes: ["sdk"] })).toEqual({ ok: true, scopes: ["sdk"] });
    expect(resolveTokenScopes({ kind: "sdk", scopes: ["sdk"] })).toEqual({ ok: true, scopes: ["sdk"] });
    expect(resolveTokenScopes({ scopes: ["pipeline", "read", "pipeline"] })).toEqual({ ok: true, scopes: ["read", "pipeline"] });
  });

  it("refuse contradictions and SDK keys that carry more", () => {
    expect(resolveTokenScopes({ scopes: [] }).ok).toBe(false);
    expect(resolveTokenScopes({ scopes: ["sdk", "read"] }).ok).toBe(false);
    expect(resolveTokenScopes({ kind: "sdk", scopes: ["read"] }).ok).toBe(false);
    expect(resolveTokenScopes({ kind: "api", scopes: ["sdk"] }).ok).toBe(false);
  });

  it("read stored scopes strictly: unknown or broken values grant nothing", () => {
    expect(parseStoredScopes('["ingest","read"]')).toEqual(["ingest", "read"]);
    expect(parseStoredScopes('["pipeline","admin"]')).toEqual(["pipeline"]);
    expect(parseStoredScopes("not json")).toEqual([]);
    expect(parseStoredScopes('{"read":true}')).toEqual([]);
    expect(parseStoredScopes(null)).toEqual([]);
  });
});
