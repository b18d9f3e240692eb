import { createUser, NewUserSchema } from "@/lib/auth/server/create-user";
import { listUsers } from "@/lib/auth/server/list-users";
import { db } from "@/lib/platform/db/client";
import { appError } from "@/lib/platform/http/app-error";
import { errorResponse, handle, json, readJson } from "@/lib/platform/http/handle";

export const dynamic = "force-dynamic";

export const GET = handle("manage", async () => json({ users: await listUsers() }));

export const POST = handle("manage", async ({ req, actor }) => {
  const body = await readJson(req, NewUserSchema, "user");
  if (await db().user.findUnique({ where: { email: body.email } })) {
    return errorResponse(appError(409, "already_exists", `A user with email ${body.email} already exists`, { field: "email" }));
  }
  return json(await createUser(db(), body, actor), 201);
});
