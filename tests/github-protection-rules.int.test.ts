// Issue 25: GitHub deployment protection rules against a fake GitHub API (tests/support/fake-github.ts) and the real
// production server: the webhook's signature is checked (a bad or missing one is 401), the deployment's environment
// is mapped to a stage, and the review is POSTed with an installation token from the GitHub App flow (App JWT ->
// access token): approved when the stage's gate opens, rejected with the reason when it fails.
import { generateKeyPairSync, createHmac } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as } from "./support/fixtures";
import { startFakeGithub, type FakeGithub } from "./support/fake-github";
import { prepareDatabase } from "./support/global-setup";
import { startServer, type ServerProcess } from "./support/server-process";
import { SessionClient } from "./support/session-client";

const SECRET = "github-webhook-test-secret";
const uniq = () => Math.random().toString(36).slice(2, 8);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function eventually<T>(check: () => Promise<T> | T, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await sleep(100);
    }
  }
}

describe("GitHub deployment protection rules", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "tidegate-github-"));
  const url = `file:${path.join(dir, "github.db")}`;
  let server: ServerProcess;
  let github: FakeGithub;

  beforeAll(async () => {
    github = await startFakeGithub();
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    await prepareDatabase(url);
    server = await startServer({
      NEXTAUTH_SECRET: "integration-test-secret-0123456789",
      DATABASE_URL: url,
      GITHUB_WEBHOOK_SECRET: SECRET,
      GITHUB_API_URL: github.url,
      GITHUB_APP_ID: "424242",
      GITHUB_APP_PRIVATE_KEY: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
      GITHUB_ALLOWED_NETWORKS: "loopback",
      GITHUB_UNMATCHED_REJECT_SECONDS: "2",
      GUARDRAIL_TICK_MS: "1000",
    });
  });

  afterAll(async () => {
    await server?.stop();
    await github?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  let runs = 1000;
  function payload(environment: string, repo = "checkout") {
    const runId = ++runs;
    return {
      runId,
      body: {
        action: "requested",
        environment,
        event: "push",
        deployment_callback_url: `https://api.github.com/repos/acme/${repo}/actions/runs/${runId}/deployment_protection_rule`,
        deployment: { id: 90_000 + runId, sha: "a".repeat(40), ref: "main", environment },
        repository: { name: repo, full_name: `acme/${repo}`, owner: { login: "acme" } },
        installation: { id: 77 },
        sender: { login: "octocat" },
      },
    };
  }

  function deliver(body: unknown, signature?: string | null) {
    const text = JSON.stringify(body);
    const sig = signature === undefined ? `sha256=${createHmac("sha256", SECRET).update(text).digest("hex")}` : signature;
    return fetch(`${server.baseUrl}/api/integrations/github/webhook`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-github-event": "deployment_protection_rule", "x-github-delivery": uniq(), ...(sig ? { "x-hub-signature-256": sig } : {}) },
      body: text,
    });
  }

  async function stagedRelease(envs: { eu: string; us: string }, soakSeconds: number, guarded = false) {
    const admin = await as("admin", server.baseUrl);
    for (const name of Object.values(envs)) expect((await admin.post("/api/environments", { name })).status).toBe(201);
    const created = await admin.post("/api/releases", {
      name: `Checkout ${uniq()}`,
      service: "checkout",
      version: "3.1",
      ...(guarded ? { guardrails: [{ metric: "error_rate", comparator: ">", critical: 0.05, forSeconds: 0, windowSeconds: 10, onCritical: "notify", minSamples: 1 }] } : {}),
      tracks: [
        { key: "eu", name: "EU", environment: envs.eu, soakSeconds, waves: [{ name: "EU all", trafficPercent: 100 }] },
        { key: "us", name: "US", environment: envs.us, after: { track: "eu" }, waves: [{ name: "US all", trafficPercent: 100 }] },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body.id as string;
  }

  it("refuses a missing or wrong signature with 401 and stores nothing", async () => {
    const { body } = payload("nowhere");
    for (const sig of [null, "sha256=" + "0".repeat(64), "sha1=abc"]) {
      const res = await deliver(body, sig);
      expect(res.status).toBe(401);
      expect((await res.json()).error.code).toBe("bad_signature");
    }
    // A body changed after signing fails too.
    const text = JSON.stringify(body);
    const res = await fetch(`${server.baseUrl}/api/integrations/github/webhook`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-github-event": "deployment_protection_rule", "x-hub-signature-256": `sha256=${createHmac("sha256", SECRET).update(text).digest("hex")}` },
      body: text.replace("nowhere", "elsewhere"),
    });
    expect(res.status).toBe(401);
  });

  it("approves the deployment when its stage opens, with an installation token from the App flow", async () => {
    const n = uniq();
    const envs = { eu: `eu-${n}`, us: `us-${n}` };
    const id = await stagedRelease(envs, 1);
    const { runId, body } = payload(envs.us);
    const res = await deliver(body);
    expect(res.status).toBe(202);
    // Redelivery finds the same review.
    const again = await deliver(body);
    expect((await again.json()).created).toBe(false);
    // us waits for eu: GitHub hears nothing yet.
    await sleep(1500);
    expect(github.reviews().filter((r) => r.runId === String(runId))).toEqual([]);
    // eu completes and soaks (1 s): us's gate opens and GitHub hears "approved".
    const commander = await as("commander", server.baseUrl);
    for (const action of ["start", "continue"]) expect((await commander.post(`/api/releases/${id}/actions`, { action, track: "eu", reason: "go" })).status).toBe(200);
    const review = await eventually(() => {
      const found = github.reviews().find((r) => r.runId === String(runId));
      expect(found).toBeTruthy();
      return found!;
    });
    expect(review).toMatchObject({ owner: "acme", repo: "checkout", body: { environment_name: envs.us, state: "approved" } });
    expect(review.body.comment).toMatch(/promotion into US/);
    const tokenCall = github.calls.find((c) => c.path === "/app/installations/77/access_tokens");
    expect(tokenCall?.status).toBe(201);
  });

  it("rejects with the reason when the stage's gate fails (a critical breach during the upstream soak)", async () => {
    const n = uniq();
    const envs = { eu: `eu-${n}`, us: `us-${n}` };
    const id = await stagedRelease(envs, 30, true);
    const admin = await as("admin", server.baseUrl);
    const token = (await admin.post("/api/tokens", { name: `pusher ${uniq()}`, releaseId: id })).body.token as string;
    const pusher = SessionClient.withToken(server.baseUrl, token);
    const commander = await as("commander", server.baseUrl);
    expect((await commander.post(`/api/releases/${id}/actions`, { action: "start", track: "eu", reason: "go" })).status).toBe(200);
    // The wave needs canary evidence before CONTINUE: a healthy sample first.
    await pusher.post(`/api/releases/${id}/metrics`, { samples: [{ metric: "error_rate", value: 0.001, cohort: "canary", ts: new Date().toISOString() }] });
    const done = await commander.post(`/api/releases/${id}/actions`, { action: "continue", track: "eu", reason: "go" });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const { runId, body } = payload(envs.us);
    expect((await deliver(body)).status).toBe(202);
    const review = await eventually(async () => {
      await pusher.post(`/api/releases/${id}/metrics`, { samples: [{ metric: "error_rate", value: 0.3, cohort: "canary", ts: new Date().toISOString() }] });
      const found = github.reviews().find((r) => r.runId === String(runId));
      expect(found, `calls: ${JSON.stringify(github.calls.map((c) => [c.path, c.status]))}\n${server.output().slice(-4000)}`).toBeTruthy();
      return found!;
    }, 45_000);
    expect(review.body).toMatchObject({ environment_name: envs.us, state: "rejected" });
    expect(review.body.comment).toMatch(/critical breach of error_rate during EU's soak/);
  });

  it("rejects a deployment no release has a stage for, after the configured wait", async () => {
    const { runId, body } = payload(`nowhere-${uniq()}`);
    expect((await deliver(body)).status).toBe(202);
    const review = await eventually(() => {
      const found = github.reviews().find((r) => r.runId === String(runId));
      expect(found).toBeTruthy();
      return found!;
    });
    expect(review.body.state).toBe("rejected");
    expect(review.body.comment).toMatch(/no release has a stage/);
  });
});
