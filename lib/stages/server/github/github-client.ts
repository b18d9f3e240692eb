// Calls to GitHub's REST API for deployment reviews: an installation token (GitHub App JWT -> POST
// /app/installations/{id}/access_tokens, cached until shortly before it expires) or a configured token, and one POST
// through the outbound guard (lib/platform/net) on the address actually connected to. Never throws on a bad answer.
import "server-only";
import { createSign } from "node:crypto";
import http from "node:http";
import https from "node:https";
import { config } from "../../../platform/config/config";
import { allowedNetworks, guardedLookup } from "../../../platform/net/outbound-address";
import type { ProtectionRuleReview } from "../../core/github-protection-rule";

const TIMEOUT_MS = 10_000;
const KEEP_BODY = 2048;

export interface GithubAnswer {
  status: number | null;
  body: string;
  error: string | null;
}

function request(method: "POST", url: string, headers: Record<string, string>, body: string): Promise<GithubAnswer> {
  const cfg = config();
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.resolve({ status: null, body: "", error: `"${url}" is not a URL` });
  }
  const transport = target.protocol === "https:" ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (a: GithubAnswer) => {
      if (!settled) {
        settled = true;
        resolve(a);
      }
    };
    const req = transport.request(
      target,
      {
        method,
        headers: {
          accept: "application/vnd.github+json",
          "x-github-api-version": "2022-11-28",
          "user-agent": "Tidegate",
          "content-type": "application/json",
          "content-length": String(Buffer.byteLength(body)),
          ...headers,
        },
        lookup: guardedLookup(allowedNetworks(cfg.GITHUB_ALLOWED_NETWORKS)) as never,
        timeout: TIMEOUT_MS,
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => {
          if (text.length < KEEP_BODY) text += c;
        });
        res.on("end", () => finish({ status: res.statusCode ?? 0, body: text.slice(0, KEEP_BODY), error: null }));
        res.on("error", (e) => finish({ status: null, body: "", error: e.message }));
      },
    );
    const deadline = setTimeout(() => req.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS);
    req.on("timeout", () => req.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000} s`)));
    req.on("error", (e) => finish({ status: null, body: "", error: e.message }));
    req.on("close", () => clearTimeout(deadline));
    req.end(body);
  });
}

const base = () => config().GITHUB_API_URL.replace(/\/+$/, "");

/** A GitHub App JWT (RS256, issued a minute in the past against clock drift, valid 9 minutes). */
export function appJwt(appId: string, privateKeyPem: string, nowSeconds: number): string {
  const b64 = (v: object | Buffer) => (Buffer.isBuffer(v) ? v : Buffer.from(JSON.stringify(v))).toString("base64url");
  const head = b64({ alg: "RS256", typ: "JWT" });
  const payload = b64({ iat: nowSeconds - 60, exp: nowSeconds + 540, iss: appId });
  const signer = createSign("RSA-SHA256");
  signer.update(`${head}.${payload}`);
  return `${head}.${payload}.${b64(signer.sign(privateKeyPem.replace(/\\n/g, "\n")))}`;
}

// Installation tokens last an hour; kept per installation (bounded: one entry per installation seen).
const tokens = new Map<string, { token: string; expiresAt: number }>();
const MAX_CACHED_TOKENS = 100;

export async function githubToken(installationId: string | null): Promise<{ token: string } | { error: string }> {
  const cfg = config();
  if (cfg.GITHUB_TOKEN) return { token: cfg.GITHUB_TOKEN };
  if (!cfg.GITHUB_APP_ID || !cfg.GITHUB_APP_PRIVATE_KEY) return { error: "neither GITHUB_TOKEN nor GITHUB_APP_ID with GITHUB_APP_PRIVATE_KEY is set" };
  if (!installationId) return { error: "the webhook named no installation: install the GitHub App on the repository" };
  const hit = tokens.get(installationId);
  if (hit && hit.expiresAt - 60_000 > Date.now()) return { token: hit.token };
  let jwt: string;
  try {
    jwt = appJwt(cfg.GITHUB_APP_ID, cfg.GITHUB_APP_PRIVATE_KEY, Math.floor(Date.now() / 1000));
  } catch (e) {
    return { error: `GITHUB_APP_PRIVATE_KEY cannot sign: ${(e as Error).message}` };
  }
  const answer = await request("POST", `${base()}/app/installations/${encodeURIComponent(installationId)}/access_tokens`, { authorization: `Bearer ${jwt}` }, "{}");
  if (answer.status !== 201) return { error: `installation token: ${answer.status ?? answer.error} ${answer.body.slice(0, 200)}` };
  try {
    const parsed = JSON.parse(answer.body) as { token: string; expires_at: string };
    if (tokens.size >= MAX_CACHED_TOKENS) tokens.delete(tokens.keys().next().value!);
    tokens.set(installationId, { token: parsed.token, expiresAt: Date.parse(parsed.expires_at) || Date.now() + 3_000_000 });
    return { token: parsed.token };
  } catch {
    return { error: "installation token: an answer that is not JSON" };
  }
}

/** POST /repos/{owner}/{repo}/actions/runs/{run_id}/deployment_protection_rule (GitHub answers 204). */
export async function reviewDeployment(owner: string, repo: string, runId: string, installationId: string | null, review: ProtectionRuleReview): Promise<GithubAnswer> {
  const token = await githubToken(installationId);
  if ("error" in token) return { status: null, body: "", error: token.error };
  const url = `${base()}/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/actions/runs/${encodeURIComponent(runId)}/deployment_protection_rule`;
  return request("POST", url, { authorization: `Bearer ${token.token}` }, JSON.stringify(review));
}
