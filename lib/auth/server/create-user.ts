// Creates (or updates the password and role of) a person who can sign in.
import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { ROLES } from "../core/roles";
import { nameText } from "../../releases/core/text";
import { hashPassword } from "./password";
import type { Db } from "../../platform/db/client";

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

export async function createUser(client: Db, input: NewUser) {
  const user = NewUserSchema.parse(input);
  const data = {
    name: user.name ?? user.email,
    passwordHash: await hashPassword(user.password),
    role: user.role,
    signoffRoles: JSON.stringify(user.signoffRoles),
  };
  const row = await client.user.upsert({
    where: { email: user.email },
    create: { id: randomUUID(), email: user.email, ...data },
    update: data,
  });
  return { id: row.id, email: row.email, name: row.name, role: row.role, signoffRoles: user.signoffRoles };
}
