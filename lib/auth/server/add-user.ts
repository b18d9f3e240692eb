// The admin screen's "new user": refuses an email that already has an account (createUser itself upserts, so the
// scripts can reset a password).
import "server-only";
import { db } from "../../platform/db/client";
import { appError, type AppError } from "../../platform/http/app-error";
import type { Actor } from "./actor";
import { createUser, type NewUser } from "./create-user";

export async function addUser(input: NewUser, actor: Pick<Actor, "id" | "name">): Promise<{ ok: true; user: Awaited<ReturnType<typeof createUser>> } | { ok: false; error: AppError }> {
  if (await db().user.findUnique({ where: { email: input.email }, select: { id: true } })) {
    return { ok: false, error: appError(409, "already_exists", `A user with email ${input.email} already exists`, { field: "email" }) };
  }
  return { ok: true, user: await createUser(db(), input, actor) };
}
