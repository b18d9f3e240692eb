import { deletePolicy, PolicyPatchSchema, updatePolicy } from "@/lib/policies/server";
import { notFound } from "@/lib/platform/http/app-error";
import { errorResponse, handle, json, readJson } from "@/lib/platform/http/handle";

export const dynamic = "force-dynamic";

export const PATCH = handle<{ id: string }>("manage", async ({ req, params, actor }) => {
  const patch = await readJson(req, PolicyPatchSchema, "policy change");
  const updated = await updatePolicy(params.id, patch, actor);
  if (!updated) return errorResponse(notFound("Policy", params.id));
  return updated.ok ? json(updated.value) : errorResponse(updated.error);
});

export const DELETE = handle<{ id: string }>("manage", async ({ params, actor }) =>
  (await deletePolicy(params.id, actor)) ? json({ deleted: true }) : errorResponse(notFound("Policy", params.id)),
);
