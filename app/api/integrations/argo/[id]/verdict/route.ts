// Argo Rollouts' `web` metric provider: the release's verdict as JSON ({ verdict: "pass" | "fail" | "inconclusive",
// reason, status, wave, unmet, metrics }), for an AnalysisTemplate with `successCondition: result.verdict == "pass"`
// and `failureCondition: result.verdict == "fail"` on `jsonPath: "{$}"`. `?wave=<n>` (1-based) names the wave the
// Rollout's step stands for. GET, or POST as Argo's `method: POST` sends it.
import { ArgoVerdictQuery } from "@/lib/api/core/requests";
import { answerArgo } from "@/lib/controllers/server/answer-controller";
import { notFound } from "@/lib/platform/http/app-error";
import { errorResponse, handle, json, parseWith, type RouteContext } from "@/lib/platform/http/handle";

export const dynamic = "force-dynamic";

async function verdict({ req, params, actor }: RouteContext<{ id: string }>): Promise<Response> {
  const { wave } = parseWith(ArgoVerdictQuery, Object.fromEntries(req.nextUrl.searchParams), "query");
  const answer = await answerArgo(actor, params.id, wave);
  return answer ? json(answer) : errorResponse(notFound("Release", params.id));
}

export const GET = handle("control", verdict, { scope: "id" });
export const POST = handle("control", verdict, { scope: "id" });
