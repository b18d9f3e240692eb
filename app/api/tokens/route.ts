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
  if (body.releaseId && !(await releaseExists(body.releaseId))) {
    return errorResponse(notFound("Release", body.releaseId));
  }
  const created = await createApiToken({ name: body.name, scopes: scopes.scopes, releaseId: body.releaseId, service: body.service, createdBy: actor.name, actor });
  return json(created, 201);
});
