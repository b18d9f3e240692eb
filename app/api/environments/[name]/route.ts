import { EnvironmentFieldsSchema } from "@/lib/stages/core/environment-schema";
import { handle, json, readJson } from "@/lib/platform/http/handle";
import { deleteEnvironment, updateEnvironment } from "@/lib/stages/server/manage-environments";

export const dynamic = "force-dynamic";

export const PATCH = handle<{ name: string }>("manage", async ({ req, params, actor }) => {
  const patch = await readJson(req, EnvironmentFieldsSchema, "environment change");
  return json(await updateEnvironment(params.name, patch, actor));
});

export const DELETE = handle<{ name: string }>("manage", async ({ params, actor }) => {
  await deleteEnvironment(params.name, actor);
  return json({ deleted: true });
});
