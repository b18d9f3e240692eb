import { z } from "zod";
import { nameText } from "@/lib/releases/core/text";
import { resolveTokenScopes, TOKEN_SCOPES } from "@/lib/auth/core/token-scopes";
import { createApiToken, listApiTokens } from "@/lib/auth/server/api-tokens";
import { releaseExists } from "@/lib/releases/server/release-exists";
import { appError, notFound } from "@/lib/platform/http/app-error";
import { errorResponse, handle, json, readJson } from "@/lib/platform/http/handle";

export const dynamic = "force-dynamic";

const NewTokenSchema = z
  .object({
    name: nameText(80),
    /** What the token may do; without, today's ingest + read. */
    scopes: z.array(z.enum(TOKEN_SCOPES)).min(1).max(TOKEN_SCOPES.length).optional(),
    /** The older spelling: "api" = ingest + read, "sdk" = scopes ["sdk"] (flags only). */
    kind: z.enum(["api", "sdk"]).optional(),
    releaseId: nameText(100).optional(),
    service: nameText(120).optional(),
    /** Issue 26: when the token stops working (ISO 8601, in the future); absent = never. */
    expiresAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict()
  .refine((b) => !(b.releaseId && b.service), { message: "scope a token to a release or to a service, not both", path: ["service"] });

export const GET = handle("manage", async () => json({ tokens: await listApiTokens() }));

export const POST = handle("manage", async ({ req, actor }) => {
  const body = await readJson(req, NewTokenSchema, "token");
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
