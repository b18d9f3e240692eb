// The demo's people, one per role: the demo seeds them and the sign-in page offers them. Demo mode only: outside it
// there are no default passwords.
import "server-only";
import type { NewUser } from "./create-user";

export const DEMO_USERS: (NewUser & { password: string })[] = [
  { email: "commander@tidegate.local", name: "Casey Commander", password: "tidegate-commander", role: "commander", signoffRoles: ["Incident Commander"] },
  {
    email: "approver@tidegate.local",
    name: "Pat Approver",
    password: "tidegate-approver",
    role: "approver",
    signoffRoles: ["Product Manager", "Development Lead", "Operations Lead", "Security"],
  },
  { email: "viewer@tidegate.local", name: "Sam Stakeholder", password: "tidegate-viewer", role: "viewer" },
  { email: "admin@tidegate.local", name: "Alex Admin", password: "tidegate-admin", role: "admin" },
];
