import { NewTokenRequest } from "@/lib/api/core/requests";
import { resolveTokenScopes } from "@/lib/auth/core/token-scopes";
import { createApiToken, listApiTokens } from "@/lib/auth/server/api-tokens";
import { releaseExists } from "@/lib/releases/server/release-exists";
import { appError, notFound } from "@/lib/platform/http/app-error";
import { errorResponse, handle, json, readJson } from "@/lib/platform/http/handle";

export const dynamic = "force-dynamic";


export const GET = handle("manage", async () => json({ tokens: await listApiTokens() }));

export const POST = handle("manage", async ({ req, actor }) => {
  const body = await readJson(req, NewTokenRequest, "token");
  const scopes = resolveTokenScopes(body);
  if (!scopes.ok) {
    return errorResponse(appError(400, "invalid_request", `Invalid token: scopes: ${scopes.message}`, { issues: [{ path: "scopes", message: scopes.message }] }));
  }
  const expiresAt = body.expiresAt ? new Date(body.expiresAt) : null;
  if (expiresAt && expiresAt.getTime() <= Date.now()) {
    return errorResponse(appError(400, "invalid_request", "Invalid token: expiresAt must be in the future", { issues: [{ path: "expiresAt", message: "must be in the future" }] }));
  }
  if (body.releaseId && !(await releaseExists(body.releaseId))) {
    return errorResponse(notFound("Release", body.releaseId));
  }
  const created = await createApiToken({ name: body.name, scopes: scopes.scopes, releaseId: body.releaseId, service: body.service, expiresAt, createdBy: actor.name, actor });
  return json(created, 201);
});
