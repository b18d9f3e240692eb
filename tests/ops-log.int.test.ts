// The operational log of a real server: one JSON line per command, refusal, guardrail decision and sign-in, each
// naming the release and the actor.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareDatabase } from "./support/global-setup";
import { simplePlan } from "./support/fixtures";
import { eventually } from "./support/poll";
import { startServer, type ServerProcess } from "./support/server-process";
import { SessionClient } from "./support/session-client";
import { TEST_PASSWORD, TEST_USERS } from "./support/test-users";

type Line = Record<string, unknown>;

describe("operational logs", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "tidegate-ops-log-"));
  let server: ServerProcess;

  beforeAll(async () => {
    const url = `file:${path.join(dir, "ops.db")}`;
    await prepareDatabase(url);
    server = await startServer({ NEXTAUTH_SECRET: "integration-test-secret-0123456789", DATABASE_URL: url, GUARDRAIL_TICK_MS: "500" });
  });

  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Every JSON line the server wrote so far (the ready banner and other prose are skipped). */
  const lines = (): Line[] =>
    server
      .output()
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as Line);
  const find = (match: Partial<Line>) => lines().find((l) => Object.entries(match).every(([k, v]) => l[k] === v));
  const logged = (match: Partial<Line>) => eventually(async () => find(match), (l) => l !== undefined, 10_000, 50) as Promise<Line>;

  it("logs sign-ins, commands, refusals and guardrail decisions with release and actor", async () => {
    const admin = new SessionClient(server.baseUrl);
    expect(await admin.signIn(TEST_USERS.admin.email, TEST_PASSWORD)).toBe(true);
    expect(await logged({ kind: "sign-in", msg: "signed in", actor: TEST_USERS.admin.email })).toMatchObject({ provider: "credentials", level: "info" });
    expect(await new SessionClient(server.baseUrl).signIn(TEST_USERS.viewer.email, "a-wrong-password")).toBe(false);
    expect(JSON.stringify(await logged({ kind: "sign-in", msg: "sign-in failed", actor: TEST_USERS.viewer.email }))).not.toContain("a-wrong-password");

    const token = (await admin.post("/api/tokens", { name: "deploy-ops", scopes: ["pipeline"], service: "ops-svc" })).body.token as string;
    const pipeline = SessionClient.withToken(server.baseUrl, token);
    const guarded = simplePlan(3, {
      service: "ops-svc",
      guardrails: [{ metric: "error_rate", comparator: ">", critical: 0.1, forSeconds: 0, windowSeconds: 10, onCritical: "rollback" }],
    });
    const created = await pipeline.post("/api/releases", guarded);
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await pipeline.post(`/api/releases/${id}/actions`, { action: "start", reason: "deploy #42" })).status).toBe(200);
    expect(await logged({ kind: "command", msg: "command applied", releaseId: id, action: "start" })).toMatchObject({
      actor: "token:deploy-ops",
      reason: "deploy #42",
      outcome: "applied",
      status: "running",
      waveIndex: 0,
    });

    expect((await pipeline.post(`/api/releases/${id}/actions`, { action: "continue", expectedVersion: 1 })).status).toBe(409);
    expect(await logged({ kind: "command", msg: "command refused", releaseId: id, action: "continue" })).toMatchObject({
      actor: "token:deploy-ops",
      code: "version_conflict",
      httpStatus: 409,
      level: "warn",
    });
    expect(await logged({ kind: "refusal", msg: "request refused", releaseId: id, status: 409 })).toMatchObject({ actor: "token:deploy-ops", method: "POST" });

    // Overriding a gate is a person's call: a pipeline token is refused, and the refusal names who and where.
    expect((await pipeline.post(`/api/releases/${id}/actions`, { action: "continue", override: true, reason: "ship it" })).status).toBe(403);
    expect(await logged({ kind: "refusal", msg: "forbidden", releaseId: id })).toMatchObject({ actor: "token:deploy-ops", permission: "command", status: 403 });

    // No data arrives for the guarded metric: the guardrail marks it inconclusive, and says so in the log.
    expect(await logged({ kind: "guardrail", msg: "guardrail decision", releaseId: id, decision: "inconclusive" })).toMatchObject({
      actor: "guardrail",
      metric: "error_rate",
    });
    // Nothing the server logs bypasses the one logger: every JSON line has the same frame.
    for (const line of lines()) expect(Object.keys(line).slice(0, 2)).toEqual(["level", "time"]);
  });
});
