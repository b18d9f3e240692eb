// A fake of the two GitHub REST endpoints Tidegate calls for deployment protection rules, written from GitHub's
// documentation: POST /app/installations/{id}/access_tokens (an App JWT in `Authorization: Bearer`, answers 201 with
// { token, expires_at }) and POST /repos/{owner}/{repo}/actions/runs/{run_id}/deployment_protection_rule (an
// installation token; body { environment_name, state: "approved" | "rejected", comment? }; 204, or 422 on a body
// GitHub would refuse, 401 without a token it issued). Every call and body is recorded.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface GithubCall {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
  status: number;
}

export interface FakeGithub {
  url: string;
  calls: GithubCall[];
  reviews(): { owner: string; repo: string; runId: string; body: { environment_name: string; state: string; comment?: string } }[];
  /** A token the fake accepts without the App flow (the GITHUB_TOKEN case). */
  staticToken: string;
  close(): Promise<void>;
}

const REVIEW_PATH = /^\/repos\/([^/]+)\/([^/]+)\/actions\/runs\/(\d+)\/deployment_protection_rule$/;
const TOKEN_PATH = /^\/app\/installations\/(\d+)\/access_tokens$/;

export async function startFakeGithub(staticToken = "ghs_static_test_token"): Promise<FakeGithub> {
  const calls: GithubCall[] = [];
  const issued = new Set<string>([staticToken]);
  let counter = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const path = (req.url ?? "/").split("?")[0]!;
      const text = Buffer.concat(chunks).toString("utf8");
      let body: unknown = null;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        body = text;
      }
      const answer = (status: number, payload?: unknown) => {
        calls.push({ method: req.method ?? "", path, headers: req.headers, body, status });
        res.writeHead(status, payload === undefined ? {} : { "content-type": "application/json" });
        res.end(payload === undefined ? undefined : JSON.stringify(payload));
      };
      const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? "")?.[1];
      if (req.method !== "POST") return answer(404, { message: "Not Found" });
      if (TOKEN_PATH.test(path)) {
        // An App JWT: three base64url parts, RS256 header, iss set (the fake does not hold the public key).
        const parts = bearer?.split(".") ?? [];
        const head = parts.length === 3 ? JSON.parse(Buffer.from(parts[0]!, "base64url").toString()) : null;
        const claims = parts.length === 3 ? JSON.parse(Buffer.from(parts[1]!, "base64url").toString()) : null;
        if (head?.alg !== "RS256" || !claims?.iss || !(claims.exp > claims.iat)) return answer(401, { message: "A JSON web token could not be decoded" });
        const token = `ghs_installation_${++counter}`;
        issued.add(token);
        return answer(201, { token, expires_at: new Date(Date.now() + 3_600_000).toISOString(), permissions: { deployments: "write" } });
      }
      if (REVIEW_PATH.test(path)) {
        if (!bearer || !issued.has(bearer)) return answer(401, { message: "Bad credentials" });
        const b = body as Record<string, unknown> | null;
        const valid =
          !!b &&
          typeof b === "object" &&
          typeof b.environment_name === "string" &&
          (b.state === "approved" || b.state === "rejected") &&
          (b.comment === undefined || typeof b.comment === "string") &&
          Object.keys(b).every((k) => ["environment_name", "state", "comment"].includes(k));
        if (!valid) return answer(422, { message: "Invalid request.", documentation_url: "https://docs.github.com/rest/actions/workflow-runs#review-custom-deployment-protection-rules-for-a-workflow-run" });
        return answer(204);
      }
      return answer(404, { message: "Not Found" });
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    staticToken,
    reviews: () =>
      calls
        .filter((c) => c.status === 204 && REVIEW_PATH.test(c.path))
        .map((c) => {
          const [, owner, repo, runId] = REVIEW_PATH.exec(c.path)!;
          return { owner: owner!, repo: repo!, runId: runId!, body: c.body as { environment_name: string; state: string; comment?: string } };
        }),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
