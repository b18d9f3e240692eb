import { createUser, NewUserSchema } from "@/lib/server/users/create-user";
import { listUsers } from "@/lib/server/users/list-users";
import { db } from "@/lib/server/db/client";
import { appError } from "@/lib/server/http/app-error";
import { errorResponse, handle, json, readJson } from "@/lib/server/http/handle";

export const dynamic = "force-dynamic";

export const GET = handle("manage", async () => json({ users: await listUsers() }));

export const POST = handle("manage", async ({ req }) => {
  const body = await readJson(req, NewUserSchema, "user");
  if (await db().user.findUnique({ where: { email: body.email } })) {
    return errorResponse(appError(409, "already_exists", `A user with email ${body.email} already exists`, { field: "email" }));
  }
  return json(await createUser(db(), body), 201);
});
