import { addUser } from "@/lib/auth/server/add-user";
import { NewUserSchema } from "@/lib/auth/server/create-user";
import { listUsers } from "@/lib/auth/server/list-users";
import { errorResponse, handle, json, readJson } from "@/lib/platform/http/handle";

export const dynamic = "force-dynamic";

export const GET = handle("manage", async () => json({ users: await listUsers() }));

export const POST = handle("manage", async ({ req, actor }) => {
  const body = await readJson(req, NewUserSchema, "user");
  const added = await addUser(body, actor);
  if (!added.ok) return errorResponse(added.error);
  return json(added.user, 201);
});
