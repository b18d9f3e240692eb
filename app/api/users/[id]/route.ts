import { notFound } from "@/lib/platform/http/app-error";
import { errorResponse, handle, json, readJson } from "@/lib/platform/http/handle";
import { updateUser, UserPatchSchema } from "@/lib/auth/server/update-user";

export const dynamic = "force-dynamic";

export const PATCH = handle<{ id: string }>("manage", async ({ req, params, actor }) => {
  const patch = await readJson(req, UserPatchSchema, "user change");
  const user = await updateUser(params.id, patch, actor);
  return user ? json(user) : errorResponse(notFound("User", params.id));
});
