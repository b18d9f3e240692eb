import { z } from "zod";
import { nameText } from "@/lib/rollout/text";
import { createApiToken, listApiTokens } from "@/lib/server/auth/api-tokens";
import { db } from "@/lib/server/db/client";
import { notFound } from "@/lib/server/http/app-error";
import { errorResponse, handle, json, readJson } from "@/lib/server/http/handle";

export const dynamic = "force-dynamic";

const NewTokenSchema = z
  .object({
    name: nameText(80),
    /** "api" (default): read and push metrics. "sdk": evaluate flags and report SDK metrics only. */
    kind: z.enum(["api", "sdk"]).default("api"),
    releaseId: nameText(100).optional(),
    service: nameText(120).optional(),
  })
  .strict()
  .refine((b) => !(b.releaseId && b.service), { message: "scope a token to a release or to a service, not both", path: ["service"] })
  .refine((b) => b.kind === "sdk" || !b.service, { message: "only SDK keys can be scoped to a service", path: ["service"] });

export const GET = handle("manage", async () => json({ tokens: await listApiTokens() }));

export const POST = handle("manage", async ({ req, actor }) => {
  const body = await readJson(req, NewTokenSchema, "token");
  if (body.releaseId && !(await db().release.findUnique({ where: { id: body.releaseId }, select: { id: true } }))) {
    return errorResponse(notFound("Release", body.releaseId));
  }
  const created = await createApiToken({ name: body.name, kind: body.kind, releaseId: body.releaseId, service: body.service, createdBy: actor.name });
  return json(created, 201);
});
