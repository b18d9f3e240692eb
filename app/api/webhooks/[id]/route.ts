import { EndpointPatchSchema } from "@/lib/webhooks/core/endpoint-schema";
import { notFound } from "@/lib/platform/http/app-error";
import { errorResponse, handle, json, readJson } from "@/lib/platform/http/handle";
import { deleteEndpoint, getEndpoint, updateEndpoint } from "@/lib/webhooks/server/manage-endpoints";

export const dynamic = "force-dynamic";

export const GET = handle<{ id: string }>("manage", async ({ params }) => json(await getEndpoint(params.id)));

export const PATCH = handle<{ id: string }>("manage", async ({ req, params, actor }) => {
  const patch = await readJson(req, EndpointPatchSchema, "webhook endpoint change");
  return json(await updateEndpoint(params.id, patch, actor));
});

/** Deletes the endpoint and its delivery log. */
export const DELETE = handle<{ id: string }>("manage", async ({ params, actor }) =>
  (await deleteEndpoint(params.id, actor)) ? json({ deleted: true }) : errorResponse(notFound("Webhook endpoint", params.id)),
);
