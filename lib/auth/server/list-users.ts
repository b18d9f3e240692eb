// The people who can sign in, for the admin screen (never their password hashes).
import "server-only";
import { db } from "../../platform/db/client";

export async function listUsers() {
  const rows = await db().user.findMany({ orderBy: { email: "asc" } });
  return rows.map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    signoffRoles: JSON.parse(u.signoffRoles) as string[],
    disabled: u.disabled,
    createdAt: u.createdAt.toISOString(),
  }));
}
