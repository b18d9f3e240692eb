import { z } from "zod";
import { type Plan, PlanSchema } from "@/lib/rollout/plan";
import { appError } from "@/lib/server/http/app-error";
import { errorResponse, handle, json, parseWith, readJson } from "@/lib/server/http/handle";
import { importedSource } from "@/lib/server/plans/imported-source";
import { dryRunPlanQueries } from "@/lib/server/prometheus/dry-run-plan-queries";
import { createRelease, type PlanSourceInput } from "@/lib/server/releases/create-release";
import { listReleases } from "@/lib/server/releases/list-releases";

export const dynamic = "force-dynamic";

export const GET = handle("read", async () => json({ releases: await listReleases() }));

/** A plan alone, or a plan with the Markdown it was imported from: `{ plan, source: { format, markdown } }`. */
const ImportedPlanBody = z
  .object({ plan: PlanSchema, source: z.object({ format: z.literal("markdown"), markdown: z.string() }).strict() })
  .strict();
// Told apart by their keys rather than a zod union, so a bad plain plan still gets errors at its own paths.
const isImportEnvelope = (body: unknown) => typeof body === "object" && body !== null && "plan" in body && "source" in body;

export const POST = handle("manage", async ({ req, actor }) => {
  const body = await readJson(req, z.unknown(), "plan");
  let plan: Plan;
  let source: PlanSourceInput | undefined;
  if (isImportEnvelope(body)) {
    const imported = parseWith(ImportedPlanBody, body, "plan");
    plan = imported.plan;
    source = importedSource(imported.source.markdown);
  } else {
    plan = parseWith(PlanSchema, body, "plan");
  }
  const badQueries = await dryRunPlanQueries(plan);
  if (badQueries.length > 0) {
    return errorResponse(
      appError(400, "invalid_request", `Invalid plan: ${badQueries.map((p) => `${p.path}: ${p.message}`).join("; ")}`, { issues: badQueries }),
    );
  }
  const release = await createRelease(plan, actor.name, actor.role, source);
  return json(release, 201, { Location: `/api/releases/${release.id}` });
});
