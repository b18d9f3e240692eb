// Issue 25: GitHub's `deployment_protection_rule` webhook as Tidegate reads it, and the review it answers with
// (POST /repos/{owner}/{repo}/actions/runs/{run_id}/deployment_protection_rule). Pure zod; only the fields used.
import { z } from "zod";

export const ProtectionRulePayloadSchema = z.object({
  action: z.string(),
  /** The environment the job deploys to: Tidegate maps it to a stage bound to the environment of that name. */
  environment: z.string().min(1).max(255),
  event: z.string().optional(),
  /** https://api.github.com/repos/OWNER/REPO/actions/runs/RUN_ID/deployment_protection_rule */
  deployment_callback_url: z.string().url(),
  deployment: z.object({ id: z.number().int(), sha: z.string().optional(), ref: z.string().optional() }).passthrough(),
  repository: z.object({ name: z.string(), full_name: z.string(), owner: z.object({ login: z.string() }).passthrough() }).passthrough().optional(),
  installation: z.object({ id: z.number().int() }).passthrough().optional(),
});

export type ProtectionRulePayload = z.infer<typeof ProtectionRulePayloadSchema>;

/** Owner, repository and run id from the callback URL GitHub sends (the run id is nowhere else in the payload). */
export function runOfCallback(url: string): { owner: string; repo: string; runId: string } | null {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return null;
  }
  const m = /\/repos\/([^/]+)\/([^/]+)\/actions\/runs\/(\d+)\/deployment_protection_rule$/.exec(path);
  return m ? { owner: decodeURIComponent(m[1]), repo: decodeURIComponent(m[2]), runId: m[3] } : null;
}

/** The review body GitHub expects; anything else is a 422 there. */
export interface ProtectionRuleReview {
  environment_name: string;
  state: "approved" | "rejected";
  comment: string;
}

/** GitHub keeps comments short; a long reason is cut, not refused. */
export const MAX_REVIEW_COMMENT = 1024;

export function reviewBody(environment: string, state: "approved" | "rejected", comment: string): ProtectionRuleReview {
  return { environment_name: environment, state, comment: comment.length > MAX_REVIEW_COMMENT ? `${comment.slice(0, MAX_REVIEW_COMMENT - 1)}…` : comment };
}

/** Seconds before the next attempt after `attempts` failed ones: 1, 2, 4, ... at most 5 min. */
export const retryDelaySeconds = (attempts: number) => Math.min(300, 2 ** Math.max(0, attempts - 1));
