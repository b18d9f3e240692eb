// Flagger's webhooks (confirm-rollout, pre-rollout, confirm-traffic-increase, confirm-promotion, rollback) answered from
// the release's gates: 200 go, 403 hold (for `rollback`: 200 roll back, 403 keep going). The release is named by
// `metadata.release` in the Canary's webhook (or `?release=` on the URL). Flagger's webhooks carry no headers, so a
// controller token may come as `metadata.token` (its documented payload carries one) as well as `Authorization: Bearer`.
import type { NextRequest } from "next/server";
import { z } from "zod";
import { FlaggerWebhookRequest } from "@/lib/api/core/requests";
import { authorize } from "@/lib/auth/server/authorize";
import { FLAGGER_HOOKS } from "@/lib/controllers/core/answers";
import { answerFlagger } from "@/lib/controllers/server/answer-controller";
import { appError, notFound } from "@/lib/platform/http/app-error";
import { errorFor, errorResponse, json, parseWith, readJson } from "@/lib/platform/http/handle";

export const dynamic = "force-dynamic";

const HookSchema = z.object({ hook: z.enum(FLAGGER_HOOKS, { message: `a Flagger webhook type Tidegate answers: ${FLAGGER_HOOKS.join(", ")}` }) });
const ReleaseIdSchema = z.string().min(1).max(200).regex(/^[\w-]+$/, "a release id");

/** Webhook payloads are small: a Canary's metadata map. */
const PAYLOAD_LIMIT = 64 * 1024;

export async function POST(req: NextRequest, context: { params: Promise<{ hook: string }> }): Promise<Response> {
  try {
    const { hook } = parseWith(HookSchema, await context.params, "webhook type");
    const payload = await readJson(req, FlaggerWebhookRequest, "Flagger webhook payload", PAYLOAD_LIMIT);
    const named = payload.metadata?.release ?? req.nextUrl.searchParams.get("release");
    if (!named) {
      return errorResponse(
        appError(400, "invalid_request", "Name the release: metadata.release in the Canary's webhook, or ?release=<id> on its URL", { issues: [{ path: "metadata.release", message: "required" }] }),
      );
    }
    const releaseId = parseWith(ReleaseIdSchema, named, "release id");
    const authorization = req.headers.get("authorization") ?? (payload.metadata?.token ? `Bearer ${payload.metadata.token}` : undefined);
    const auth = await authorize({ method: req.method, url: req.url, headers: { authorization } }, "control", { releaseId });
    if (!auth.ok) return errorResponse(auth.error);
    const answered = await answerFlagger(auth.actor, releaseId, hook, `${payload.namespace}/${payload.name}`);
    return answered ? json(answered.body, answered.status) : errorResponse(notFound("Release", releaseId));
  } catch (e) {
    return errorResponse(errorFor(e));
  }
}
