// The people integration and end-to-end tests sign in as, one per role.
export const TEST_PASSWORD = "correct-horse-battery";

export const TEST_USERS = {
  viewer: { email: "viewer@test.local", role: "viewer", signoffRoles: [] as string[] },
  approver: { email: "approver@test.local", role: "approver", signoffRoles: ["Product Manager", "Development Lead", "Operations Lead"] },
  commander: { email: "commander@test.local", role: "commander", signoffRoles: ["Incident Commander"] },
  admin: { email: "admin@test.local", role: "admin", signoffRoles: [] as string[] },
} as const;

export type TestRole = keyof typeof TEST_USERS;
