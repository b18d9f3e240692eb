import { revokeApiToken } from "@/lib/auth/server/api-tokens";
import { notFound } from "@/lib/platform/http/app-error";
import { errorResponse, handle, json } from "@/lib/platform/http/handle";

export const dynamic = "force-dynamic";

/** Revokes the token; it is kept (revoked) for the record. */
export const DELETE = handle<{ id: string }>("manage", async ({ params, actor }) => {
  return (await revokeApiToken(params.id, actor)) ? json({ revoked: true }) : errorResponse(notFound("Active API token", params.id));
});
