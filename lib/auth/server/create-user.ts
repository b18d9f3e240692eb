// Creates (or updates the password and role of) a person who can sign in.
import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { ROLES } from "../core/roles";
import { nameText } from "../../releases/core/text";
import { hashPassword } from "./password";
import type { Db } from "../../platform/db/client";
import type { Actor } from "./actor";
import { recordAdminAction } from "../../audit/server/record-admin-action";

export const NewUserSchema = z
  .object({
    email: z.string().trim().toLowerCase().email(),
    name: nameText(120).optional(),
    password: z.string().min(10, "passwords need at least 10 characters").max(200),
    role: z.enum(ROLES),
    signoffRoles: z.array(nameText(80)).max(20).default([]),
  })
  .strict();

export type NewUser = z.input<typeof NewUserSchema>;

/**
 * `actor`: the administrator acting through the API; the creation is then recorded in the admin audit log in the same
 * transaction. Seeding and the command-line script run without one.
 */
export async function createUser(client: Db, input: NewUser, actor?: Pick<Actor, "id" | "name">) {
  const user = NewUserSchema.parse(input);
  const data = {
    name: user.name ?? user.email,
    passwordHash: await hashPassword(user.password),
    role: user.role,
    signoffRoles: JSON.stringify(user.signoffRoles),
  };
  const row = await client.$transaction(async (tx) => {
    const saved = await tx.user.upsert({
      where: { email: user.email },
      create: { id: randomUUID(), email: user.email, ...data },
      update: data,
    });
    if (actor) {
      const audit = { email: saved.email, role: user.role, signoffRoles: user.signoffRoles };
      await recordAdminAction(tx, actor, { action: "user.created", targetId: saved.id, data: audit });
    }
    return saved;
  });
  return { id: row.id, email: row.email, name: row.name, role: row.role, signoffRoles: user.signoffRoles };
}
