import type { NextRequest } from "next/server";
import { errorFor, errorResponse, json } from "@/lib/platform/http/handle";
import { handleGithubWebhook } from "@/lib/stages/server/github/handle-github-webhook";

export const dynamic = "force-dynamic";

/** Issue 25: GitHub's deployment_protection_rule webhook (signed, no session): the stage's answer follows by API. */
export async function POST(req: NextRequest) {
  try {
    const answer = await handleGithubWebhook(req);
    return json(answer.body, answer.status);
  } catch (e) {
    return errorResponse(errorFor(e));
  }
}
