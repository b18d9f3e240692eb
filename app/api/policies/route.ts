import { createPolicy, listPolicies, NewPolicySchema } from "@/lib/policies/server";
import { errorResponse, handle, json, readJson } from "@/lib/platform/http/handle";

export const dynamic = "force-dynamic";

export const GET = handle("manage", async () => json({ policies: await listPolicies() }));

export const POST = handle("manage", async ({ req, actor }) => {
  const body = await readJson(req, NewPolicySchema, "policy");
  const created = await createPolicy(body, actor);
  return created.ok ? json(created.value, 201) : errorResponse(created.error);
});
