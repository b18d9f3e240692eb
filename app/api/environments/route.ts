import { NewEnvironmentSchema } from "@/lib/stages/core/environment-schema";
import { handle, json, readJson } from "@/lib/platform/http/handle";
import { createEnvironment, listEnvironments } from "@/lib/stages/server/manage-environments";

export const dynamic = "force-dynamic";

/** Everyone who can read releases sees where their stages deploy. */
export const GET = handle("read", async () => json({ environments: await listEnvironments() }));

export const POST = handle("manage", async ({ req, actor }) => {
  const body = await readJson(req, NewEnvironmentSchema, "environment");
  return json(await createEnvironment(body, actor), 201);
});
