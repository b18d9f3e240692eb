import { ReleaseActionRequest } from "@/lib/api/core/requests";
import { appError } from "@/lib/platform/http/app-error";
import { assertMay, errorResponse, handle, json, readJson, type RouteContext } from "@/lib/platform/http/handle";
import { applyCommand } from "@/lib/releases/server/apply-command";

export const dynamic = "force-dynamic";

// Commanders, and pipeline tokens on releases of their service. Overriding an unmet gate is a person's judgement:
// it needs the full command permission, which no token scope grants.
async function act({ req, params, actor }: RouteContext<{ id: string }>): Promise<Response> {
  const body = await readJson(req, ReleaseActionRequest, "action");
  if (body.override) await assertMay(req, actor, "command", { releaseId: params.id });
  // Breaking a freeze is an admin's call (issue 25): "manage" is the admins' permission, which no token scope grants.
  if (body.breakFreeze) await assertMay(req, actor, "manage", { releaseId: params.id });
  const idempotencyKey = req.headers.get("idempotency-key") ?? undefined;
  if (idempotencyKey !== undefined && !/^[\w.:-]{1,200}$/.test(idempotencyKey)) {
    return errorResponse(
      appError(400, "invalid_request", "Idempotency-Key must be 1-200 characters of letters, digits, . _ : -", {
        header: "Idempotency-Key",
      }),
    );
  }
  const outcome = await applyCommand(params.id, {
    command: { type: body.action, actor: actor.name, reason: body.reason, override: body.override, level: body.level, track: body.track, breakFreeze: body.breakFreeze },
    actorRole: actor.role,
    expectedVersion: body.expectedVersion,
    idempotencyKey,
  });
  if (!outcome.ok) return errorResponse(outcome.error);
  return json(
    { ...outcome.release, events: outcome.events },
    outcome.status,
    outcome.replayed ? { "Idempotent-Replayed": "true" } : undefined,
  );
}

export const POST = handle("steer", act, { scope: "id" });
