import { describe, expect, it } from "vitest";
import { ADMIN_ACTIONS, checkAdminAction } from "./admin-actions";
import { describeAdminAction } from "./describe-admin-action";

const entry = (action: string, data: unknown) => ({ action, target: { id: "t1" }, data });

describe("admin actions", () => {
  it("says what an admin did, from the typed data", () => {
    expect(describeAdminAction(entry("api_token.created", { name: "ci", scopes: ["read", "ingest"], releaseId: null, service: "checkout" }))).toBe(
      'created the API token "ci" (read, ingest) for service checkout',
    );
    expect(describeAdminAction(entry("user.role_changed", { email: "a@x", from: "viewer", to: "admin" }))).toBe("changed a@x's role from viewer to admin");
    expect(describeAdminAction(entry("webhook_endpoint.updated", { fields: ["enabled"], enabled: true }))).toBe("enabled a webhook endpoint");
    const told = { httpStatus: 403, reason: "Sign-off: waiting for Product Manager", releaseStatus: "running", waveIndex: 0 };
    expect(describeAdminAction(entry("controller.answered", { controller: "flagger", question: "confirm-traffic-increase", answer: "hold", canary: "test/podinfo", ...told }))).toBe(
      'told Flagger (canary test/podinfo) "hold" (403) on confirm-traffic-increase for release t1: Sign-off: waiting for Product Manager',
    );
    expect(describeAdminAction(entry("controller.answered", { controller: "argo", question: "verdict", answer: "pass", canary: null, ...told, httpStatus: 200, reason: "met" }))).toBe(
      'told Argo Rollouts "pass" (200) for release t1: met',
    );
  });

  it("shows an entry that no longer reads as its stored action, never throwing", () => {
    expect(describeAdminAction(entry("user.created", { email: "a@x" }))).toBe("user: created");
    expect(describeAdminAction(entry("group.deleted", null))).toBe("group: deleted");
  });

  it("refuses at write time a field the schema does not name, such as a token's value", () => {
    expect(() => checkAdminAction({ action: "api_token.created", data: { name: "ci", scopes: ["read"], releaseId: null, service: null, token: "tg_x" } })).toThrow(
      /token/,
    );
    expect(() => checkAdminAction({ action: "nope", data: {} })).toThrow(/Unknown admin action/);
  });

  it("has no field in any schema that could hold a secret", () => {
    for (const [action, spec] of Object.entries(ADMIN_ACTIONS)) {
      for (const key of Object.keys(spec.data.shape)) expect(key, action).not.toMatch(/secret|token$|password|hash|^url$/i);
    }
  });
});
