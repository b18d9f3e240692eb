import { z } from "zod";
import { COMMANDS } from "@/lib/releases/core/machine";
import { freeText } from "@/lib/releases/core/text";
import { appError } from "@/lib/platform/http/app-error";
import { assertMay, errorResponse, handle, json, readJson, type RouteContext } from "@/lib/platform/http/handle";
import { applyCommand } from "@/lib/releases/server/apply-command";

export const dynamic = "force-dynamic";

const ActionSchema = z
  .object({
    action: z.enum(COMMANDS),
    reason: freeText(2000).optional(),
    expectedVersion: z.number().int().min(1).optional(),
    override: z.boolean().optional(),
    /** ROLLBACK only (plan v2): which rollback level is carried out, 1-based; default the first. */
    level: z.number().int().min(1).max(10).optional(),
    /** Issue 22, a programme: the track the command is for (PAUSE and ROLLBACK without one: every running track). */
    track: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "a track key is lower-case letters, digits and dashes").optional(),
    /** Issue 25: an admin passes a freeze (or a closed release window) for this one command, with a reason. */
    breakFreeze: z.object({ reason: freeText(2000).refine((r) => r.trim().length > 0, "breaking a freeze needs a written reason") }).strict().optional(),
  })
  .strict()
  .refine((b) => b.level === undefined || b.action === "rollback", { message: "level is only for rollback", path: ["level"] });

// Commanders, and pipeline tokens on releases of their service. Overriding an unmet gate is a person's judgement:
// it needs the full command permission, which no token scope grants.
async function act({ req, params, actor }: RouteContext<{ id: string }>): Promise<Response> {
  const body = await readJson(req, ActionSchema, "action");
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
