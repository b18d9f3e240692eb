// Issue 26 against the real server: a plan that breaks a release policy is refused naming the policy and the rule;
// under separateApprover the creator's own sign-off does not open the gate; an expired API token is 401
// token_expired; with AUTH_PASSWORD=off the credentials callback refuses.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, simplePlan } from "./support/fixtures";
import { startServer, type ServerProcess } from "./support/server-process";
import { SessionClient } from "./support/session-client";
import { workerTargets } from "./support/targets";
import { TEST_PASSWORD, TEST_USERS } from "./support/test-users";

const targets = workerTargets();
const unique = () => Math.random().toString(36).slice(2, 8);

describe.each(targets)("policies, separate approvers and expiring tokens on $name", ({ baseUrl }) => {
  const service = `payments-${unique()}`;
  const created: string[] = [];

  afterAll(async () => {
    // The servers are shared with the worker's other files: leave no policy behind.
    const admin = await as("admin", baseUrl);
    for (const id of created) await admin.delete(`/api/policies/${id}`);
  });

  it("refuses a plan that breaks a policy with 422 naming the policy and the rule, and keeps the policy on a release that meets it", async () => {
    const admin = await as("admin", baseUrl);
    const policy = await admin.post("/api/policies", {
      name: `payments-prod-${unique()}`,
      match: { service, environment: "prod*" },
      requiredGuardrails: [{ metric: "error_rate", maxThreshold: 0.05, action: "rollback" }],
      requiredSignoffs: [{ role: "Security" }],
    });
    expect(policy.status, JSON.stringify(policy.body)).toBe(201);
    created.push(policy.body.id);
    expect((await (await as("commander", baseUrl)).get("/api/policies")).status).toBe(403);

    const bare = simplePlan(2, { service, environment: "production" });
    const refused = await admin.post("/api/releases", bare);
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe("policy_violation");
    expect(refused.body.error.message).toContain(`Policy "${policy.body.name}"`);
    expect(refused.body.error.message).toContain("error_rate");
    expect(refused.body.error.details.violations.map((v: { rule: string }) => v.rule)).toEqual(["requiredGuardrails", "requiredSignoffs"]);

    // Another environment is not matched.
    expect((await admin.post("/api/releases", simplePlan(2, { service, environment: "staging" }))).status).toBe(201);

    const compliant = simplePlan(2, {
      service,
      environment: "production",
      guardrails: [{ metric: "error_rate", comparator: ">", critical: 0.02, onCritical: "rollback" }],
      waves: [
        { name: "Canary", trafficPercent: 10, signoffs: ["Security"] },
        { name: "All", trafficPercent: 100 },
      ],
    });
    const ok = await admin.post("/api/releases", compliant);
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body.policies).toEqual([{ id: policy.body.id, name: policy.body.name, separateApprover: false }]);

    // A later edit is audited and does not reach the release created before it.
    const edited = await admin.patch(`/api/policies/${policy.body.id}`, { separateApprover: true });
    expect(edited.status).toBe(200);
    expect((await admin.get(`/api/releases/${ok.body.id}`)).body.separateApprover).toBe(false);
    const audit = await admin.get("/api/audit?action=policy.updated");
    expect(JSON.stringify(audit.body)).toContain(policy.body.name);
  });

  it("does not let the creator's own sign-off open a separateApprover gate; another approver's does", async () => {
    const admin = await as("admin", baseUrl);
    const users = (await admin.get("/api/users")).body.users as { id: string; email: string; signoffRoles: string[] }[];
    const me = users.find((u) => u.email === TEST_USERS.admin.email)!;
    expect((await admin.patch(`/api/users/${me.id}`, { signoffRoles: ["Product Manager"] })).status).toBe(200);
    try {
      const plan = simplePlan(2, {
        service: `self-${unique()}`,
        separateApprover: true,
        waves: [
          { name: "Canary", trafficPercent: 10, signoffs: ["Product Manager"] },
          { name: "All", trafficPercent: 100 },
        ],
      });
      const release = (await admin.post("/api/releases", plan)).body;
      const commander = await as("commander", baseUrl);
      expect((await commander.post(`/api/releases/${release.id}/actions`, { action: "start" })).status).toBe(200);

      expect((await admin.post(`/api/releases/${release.id}/waves/0/signoffs`, { role: "Product Manager", decision: "approve" })).status).toBe(201);
      const blocked = await commander.post(`/api/releases/${release.id}/actions`, { action: "continue" });
      expect(blocked.status).toBe(422);
      expect(JSON.stringify(blocked.body)).toContain(`does not count because ${TEST_USERS.admin.email} created this release`);
      const view = (await admin.get(`/api/releases/${release.id}`)).body;
      expect(view.waves[0].signoffs[0].doesNotCount).toMatch(/created this release, and this release needs a separate approver/);

      expect((await (await as("approver", baseUrl)).post(`/api/releases/${release.id}/waves/0/signoffs`, { role: "Product Manager", decision: "approve" })).status).toBe(201);
      expect((await commander.post(`/api/releases/${release.id}/actions`, { action: "continue" })).status).toBe(200);
    } finally {
      await admin.patch(`/api/users/${me.id}`, { signoffRoles: [] });
    }
  });

  it("a role's quorum counts distinct people: 'Product Manager: 1 of 2 sign-offs' until a second person approves; a policy may require it", async () => {
    const admin = await as("admin", baseUrl);
    const quorumService = `quorum-${unique()}`;
    const policy = await admin.post("/api/policies", { name: `two-pms-${unique()}`, match: { service: quorumService }, signoffQuorum: { "Product Manager": 2 } });
    expect(policy.status, JSON.stringify(policy.body)).toBe(201);
    created.push(policy.body.id);
    const waves = (quorum?: number) => [
      { name: "Canary", trafficPercent: 10, signoffs: ["Product Manager"], ...(quorum ? { signoffQuorum: { "Product Manager": quorum } } : {}) },
      { name: "All", trafficPercent: 100 },
    ];
    const refused = await admin.post("/api/releases", simplePlan(2, { service: quorumService, waves: waves() }));
    expect(refused.status).toBe(422);
    expect(refused.body.error.details.violations).toEqual([expect.objectContaining({ policy: policy.body.name, rule: "signoffQuorum" })]);

    const users = (await admin.get("/api/users")).body.users as { id: string; email: string }[];
    const me = users.find((u) => u.email === TEST_USERS.admin.email)!;
    expect((await admin.patch(`/api/users/${me.id}`, { signoffRoles: ["Product Manager"] })).status).toBe(200);
    try {
      const release = await admin.post("/api/releases", simplePlan(2, { service: quorumService, waves: waves(2) }));
      expect(release.status, JSON.stringify(release.body)).toBe(201);
      const id = release.body.id as string;
      const commander = await as("commander", baseUrl);
      const approver = await as("approver", baseUrl);
      expect((await commander.post(`/api/releases/${id}/actions`, { action: "start" })).status).toBe(200);

      // The same person twice is one approval.
      for (let i = 0; i < 2; i++) expect((await approver.post(`/api/releases/${id}/waves/0/signoffs`, { role: "Product Manager", decision: "approve" })).status).toBe(201);
      const blocked = await commander.post(`/api/releases/${id}/actions`, { action: "continue" });
      expect(blocked.status).toBe(422);
      expect(blocked.body.error.details.unmet).toEqual([expect.objectContaining({ kind: "signoff", message: "Sign-off: Product Manager: 1 of 2 sign-offs", approvals: 1, needed: 2 })]);
      expect((await admin.get(`/api/releases/${id}`)).body.waves[0]).toMatchObject({ signoffQuorum: { "Product Manager": 2 }, signoffs: [{ by: TEST_USERS.approver.email, decision: "approve" }] });

      expect((await admin.post(`/api/releases/${id}/waves/0/signoffs`, { role: "Product Manager", decision: "approve" })).status).toBe(201);
      const view = (await admin.get(`/api/releases/${id}`)).body;
      expect(view.waves[0].signoffs.map((s: { by: string }) => s.by).sort()).toEqual([TEST_USERS.admin.email, TEST_USERS.approver.email].sort());
      // A person withdraws only their own decision.
      expect((await approver.post(`/api/releases/${id}/waves/0/signoffs`, { role: "Product Manager", decision: "withdraw" })).status).toBe(201);
      expect((await admin.get(`/api/releases/${id}`)).body.waves[0].signoffs.map((s: { by: string }) => s.by)).toEqual([TEST_USERS.admin.email]);
      expect((await commander.post(`/api/releases/${id}/actions`, { action: "continue" })).status).toBe(422);
      expect((await approver.post(`/api/releases/${id}/waves/0/signoffs`, { role: "Product Manager", decision: "approve" })).status).toBe(201);
      const promoted = await commander.post(`/api/releases/${id}/actions`, { action: "continue" });
      expect(promoted.status, JSON.stringify(promoted.body)).toBe(200);
      // Every decision is audited, each under its person.
      const events = (await admin.get(`/api/releases/${id}/events`)).body.events as { type: string; actor: string; data: { decision?: string } }[];
      expect(events.filter((e) => e.type === "signoff").map((e) => `${e.actor}:${e.data.decision}`)).toEqual([
        `${TEST_USERS.approver.email}:approve`,
        `${TEST_USERS.approver.email}:approve`,
        `${TEST_USERS.admin.email}:approve`,
        `${TEST_USERS.approver.email}:withdraw`,
        `${TEST_USERS.approver.email}:approve`,
      ]);
    } finally {
      await admin.patch(`/api/users/${me.id}`, { signoffRoles: [] });
    }
  });

  it("answers an expired API token with 401 token_expired", async () => {
    const admin = await as("admin", baseUrl);
    const past = await admin.post("/api/tokens", { name: `past-${unique()}`, expiresAt: new Date(Date.now() - 1000).toISOString() });
    expect(past.status).toBe(400);
    const expiresAt = Date.now() + 5000;
    const token = await admin.post("/api/tokens", { name: `short-${unique()}`, scopes: ["read"], expiresAt: new Date(expiresAt).toISOString() });
    expect(token.status, JSON.stringify(token.body)).toBe(201);
    const client = SessionClient.withToken(baseUrl, token.body.token);
    expect((await client.get("/api/releases")).status).toBe(200);
    await new Promise((r) => setTimeout(r, Math.max(0, expiresAt - Date.now()) + 100));
    const expired = await client.get("/api/releases");
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe("token_expired");
    expect(expired.body.error.message).toMatch(/expired/);
    const listed = (await admin.get("/api/tokens")).body.tokens.find((t: { id: string }) => t.id === token.body.id);
    expect(listed.expiresAt).toBe(token.body.expiresAt);
    expect(listed.lastUsedAt).not.toBeNull();
  });
});

describe("AUTH_PASSWORD=off", () => {
  let dir: string;
  let server: ServerProcess;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "tidegate-nopw-"));
    const databaseUrl = `file:${path.join(dir, "nopw.db")}`;
    execFileSync(process.execPath, ["--import", "tsx", "scripts/test/prepare-database.ts"], { env: { ...process.env, DATABASE_URL: databaseUrl }, encoding: "utf8" });
    // An issuer is needed (off with no other way in is refused at start); nothing here signs in through it.
    server = await startServer({
      DATABASE_URL: databaseUrl,
      NEXTAUTH_SECRET: "integration-nopw-secret-0123456789",
      AUTH_PASSWORD: "off",
      OIDC_ISSUER: "http://127.0.0.1:9/",
      OIDC_CLIENT_ID: "x",
      OIDC_CLIENT_SECRET: "y",
    });
  });
  afterAll(async () => {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("refuses the credentials callback in the error shape and signs nobody in", async () => {
    const client = new SessionClient(server.baseUrl);
    expect(await client.signIn(TEST_USERS.admin.email, TEST_PASSWORD)).toBe(false);
    const res = await client.raw("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: TEST_USERS.admin.email, password: TEST_PASSWORD, json: "true" }).toString(),
    });
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe("password_sign_in_off");
  });
});
