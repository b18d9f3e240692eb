import { NewEndpointSchema } from "@/lib/webhooks/core/endpoint-schema";
import { handle, json, readJson } from "@/lib/platform/http/handle";
import { createEndpoint, listEndpoints } from "@/lib/webhooks/server/manage-endpoints";

export const dynamic = "force-dynamic";

export const GET = handle("manage", async () => json({ endpoints: await listEndpoints() }));

/** 201 with the secret, shown this once. */
export const POST = handle("manage", async ({ req, actor }) => {
  const body = await readJson(req, NewEndpointSchema, "webhook endpoint");
  return json(await createEndpoint(body, actor), 201);
});
