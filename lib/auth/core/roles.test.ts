// Tests for the role permission matrix shared by server and UI.
import { describe, it, expect } from "vitest";
import { ROLES, can, type Permission, type Role } from "./roles";

const PERMISSIONS: Permission[] = ["read", "checklist", "command", "manage", "ingest", "create", "steer", "control"];

const MATRIX: Record<Role, Record<Permission, boolean>> = {
  viewer: { read: true, checklist: false, command: false, manage: false, ingest: false, create: false, steer: false, control: false },
  approver: { read: true, checklist: true, command: false, manage: false, ingest: false, create: false, steer: false, control: false },
  commander: { read: true, checklist: true, command: true, manage: false, ingest: false, create: false, steer: true, control: false },
  admin: { read: true, checklist: true, command: true, manage: true, ingest: false, create: true, steer: true, control: false },
};

describe("can", () => {
  it("knows exactly the four roles", () => {
    expect([...ROLES]).toEqual(["viewer", "approver", "commander", "admin"]);
  });

  for (const role of ROLES) {
    for (const permission of PERMISSIONS) {
      const expected = MATRIX[role][permission];
      it(`${role} ${expected ? "may" : "may not"} ${permission}`, () => {
        expect(can(role, permission)).toBe(expected);
      });
    }
  }

  it("grants nothing without a role (null or undefined)", () => {
    for (const permission of PERMISSIONS) {
      expect(can(null, permission)).toBe(false);
      expect(can(undefined, permission)).toBe(false);
    }
  });
});
