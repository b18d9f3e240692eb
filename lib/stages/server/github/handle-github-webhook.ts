// Issue 25: POST /api/integrations/github/webhook. GitHub authenticates by signature, not by session or token: the
// raw body's HMAC (X-Hub-Signature-256) with GITHUB_WEBHOOK_SECRET, checked before anything is parsed or stored.
import "server-only";
import { config } from "../../../platform/config/config";
import { appError, HttpError } from "../../../platform/http/app-error";
import { decodeUtf8, readBodyBytes } from "../../../platform/http/read-json-body";
import { ProtectionRulePayloadSchema } from "../../core/github-protection-rule";
import { receiveProtectionRule } from "./receive-protection-rule";
import { verifyGithubSignature } from "./verify-signature";

/** The payload schema the webhook reads (after the signature), for the API catalogue's documentation of the route. */
export { ProtectionRulePayloadSchema };

/** A protection-rule payload is a few kB; GitHub caps any at 25 MB, which Tidegate has no reason to accept. */
const MAX_BODY = 512 * 1024;

export async function handleGithubWebhook(req: Request): Promise<{ status: number; body: unknown }> {
  const secret = config().GITHUB_WEBHOOK_SECRET;
  if (!secret) throw new HttpError(appError(503, "not_configured", "GitHub webhooks are not configured on this server (GITHUB_WEBHOOK_SECRET)"));
  const bytes = await readBodyBytes(req, MAX_BODY);
  if (!verifyGithubSignature(secret, bytes, req.headers.get("x-hub-signature-256"))) {
    throw new HttpError(appError(401, "bad_signature", "X-Hub-Signature-256 is missing or does not match the body signed with the webhook secret", { header: "x-hub-signature-256" }));
  }
  const event = req.headers.get("x-github-event");
  if (event === "ping") return { status: 200, body: { ok: true } };
  if (event !== "deployment_protection_rule") return { status: 202, body: { ignored: event ?? "no X-GitHub-Event" } };
  let raw: unknown;
  try {
    raw = JSON.parse(decodeUtf8(bytes));
  } catch {
    throw new HttpError(appError(400, "invalid_json", "The webhook body is not JSON"));
  }
  const parsed = ProtectionRulePayloadSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    throw new HttpError(appError(400, "invalid_request", `Not a deployment_protection_rule payload: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`, { issues }));
  }
  if (parsed.data.action !== "requested") return { status: 202, body: { ignored: `action ${parsed.data.action}` } };
  const review = await receiveProtectionRule(parsed.data);
  return { status: 202, body: { review: review.id, created: review.created } };
}
