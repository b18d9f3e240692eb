import { z } from "zod";
import { ImportedPlanRequest } from "@/lib/api/core/requests";
import { type Plan, PlanSchema } from "@/lib/plans/core/plan";
import { appError } from "@/lib/platform/http/app-error";
import type { Actor } from "@/lib/auth/server/actor";
import { assertMay, errorResponse, handle, json, parseWith, readJson, type RouteContext } from "@/lib/platform/http/handle";
import { importedSource } from "@/lib/plans/server/imported-source";
import { dryRunPlanQueries } from "@/lib/guardrails/server/prometheus/dry-run-plan-queries";
import { createRelease, type PlanSourceInput } from "@/lib/releases/server/create-release";
import { listReleases } from "@/lib/releases/server/list-releases";
import { findIneffectiveGuardrails } from "@/lib/plans/core/check-guardrails";

export const dynamic = "force-dynamic";

/** A token limited to a release or a service lists only those; people and unlimited tokens list all. */
const visibleTo = (actor: Actor) => (actor.releaseScope ? { id: actor.releaseScope } : actor.serviceScope ? { service: actor.serviceScope } : {});

export const GET = handle("read", async ({ actor }) => json({ releases: await listReleases(visibleTo(actor)) }), { withinScope: true });

// Told apart by their keys rather than a zod union, so a bad plain plan still gets errors at its own paths.
const isImportEnvelope = (body: unknown) => typeof body === "object" && body !== null && "plan" in body && "source" in body;

// Admins, and pipeline tokens for their own service (checked once the plan names it, before anything is written).
async function create({ req, actor }: RouteContext<Record<string, string>>): Promise<Response> {
  const body = await readJson(req, z.unknown(), "plan");
  let plan: Plan;
  let sourceMarkdown: string | undefined;
  if (isImportEnvelope(body)) {
    const imported = parseWith(ImportedPlanRequest, body, "plan");
    plan = imported.plan;
    sourceMarkdown = imported.source.markdown;
  } else {
    plan = parseWith(PlanSchema, body, "plan");
  }
  await assertMay(req, actor, "create", { service: plan.service });
  // The source is read in the import pool (seconds for a large document), after the right to create is checked.
  const source: PlanSourceInput | undefined = sourceMarkdown === undefined ? undefined : await importedSource(sourceMarkdown);
  const badQueries = await dryRunPlanQueries(plan);
  if (badQueries.length > 0) {
    return errorResponse(
      appError(400, "invalid_request", `Invalid plan: ${badQueries.map((p) => `${p.path}: ${p.message}`).join("; ")}`, { issues: badQueries }),
    );
  }
  const release = await createRelease(plan, actor.name, actor.role, source);
  // Errors were refused by the schema; what is left may still protect less than its author thinks: said, not refused.
  const warnings = findIneffectiveGuardrails(plan).filter((f) => f.severity === "warning");
  return json({ ...release, warnings }, 201, { Location: `/api/releases/${release.id}` });
}

export const POST = handle("create", create, { withinScope: true });
