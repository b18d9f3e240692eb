// Tidegate as the brain of Flagger and Argo Rollouts, against the real server: Flagger's webhooks with the payload its
// documentation gives (docs/gitbook/usage/webhooks.md: name, namespace, phase, metadata) and Argo's web metric
// (docs/analysis/web.md: GET with an Authorization header, the JSON body read through jsonPath "{$}"), answered from the
// release's gates; a controller token only; each change of answer audited once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../lib/platform/db/client";
import { as, createStartedRelease, simplePlan } from "./support/fixtures";
import { workerTargets } from "./support/targets";

// SQLite is enough: the answers read the same gates on either database (the gates have their own PostgreSQL tests).
const targets = workerTargets().filter((t) => t.name === "sqlite");
const unique = () => Math.random().toString(36).slice(2, 8);

describe.each(targets)("Flagger and Argo Rollouts ask Tidegate on $name", ({ baseUrl, databaseUrl }) => {
  const direct = createDb(databaseUrl);
  afterAll(() => direct.$disconnect());
  const tokens = { controller: "", read: "", pipeline: "" };
  let controllerName = "";

  beforeAll(async () => {
    const admin = await as("admin", baseUrl);
    for (const scope of ["controller", "read", "pipeline"] as const) {
      const name = `${scope}-${unique()}`;
      const res = await admin.post("/api/tokens", { name, scopes: [scope] });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      tokens[scope] = res.body.token;
      if (scope === "controller") controllerName = name;
    }
  });

  async function call(method: "GET" | "POST", path: string, body?: unknown, token: string | null = tokens.controller) {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }

  /** Flagger's documented webhook payload, naming the release in the Canary's webhook metadata. */
  const flaggerPayload = (release: string, extra: Record<string, string> = {}) => ({
    name: "podinfo",
    namespace: "test",
    phase: "Progressing",
    metadata: { release, ...extra },
  });
  const flagger = (hook: string, release: string, token: string | null = tokens.controller) => call("POST", `/api/integrations/flagger/${hook}`, flaggerPayload(release), token);
  const argo = (release: string, query = "", token: string | null = tokens.controller) => call("GET", `/api/integrations/argo/${release}/verdict${query}`, undefined, token);

  async function gatedRelease() {
    return createStartedRelease(
      baseUrl,
      simplePlan(2, {
        service: `shop-${unique()}`,
        waves: [
          { name: "Canary", trafficPercent: 10, signoffs: ["Product Manager"] },
          { name: "All", trafficPercent: 100 },
        ],
      }),
    );
  }

  it("Flagger: confirm-traffic-increase holds (403) while the wave's go/no-go is open and goes (200) once it is met", async () => {
    const release = await gatedRelease();
    const held = await flagger("confirm-traffic-increase", release.id);
    expect(held.status).toBe(403);
    expect(held.body).toMatchObject({ release: release.id, hook: "confirm-traffic-increase", answer: "hold", reason: "Holding at wave 1 of 2 (10 %): Sign-off: waiting for Product Manager" });
    expect(held.body.verdict.unmet).toEqual([{ kind: "signoff", message: "Sign-off: waiting for Product Manager" }]);
    // The release runs: Flagger may scale up the canary and route to it.
    expect((await flagger("confirm-rollout", release.id)).status).toBe(200);
    expect((await flagger("pre-rollout", release.id)).status).toBe(200);
    expect((await flagger("confirm-promotion", release.id)).status).toBe(403);

    const approver = await as("approver", baseUrl);
    expect((await approver.post(`/api/releases/${release.id}/waves/0/signoffs`, { role: "Product Manager", decision: "approve" })).status).toBe(201);
    const go = await flagger("confirm-traffic-increase", release.id);
    expect(go.status).toBe(200);
    expect(go.body).toMatchObject({ answer: "go", reason: "The go/no-go of wave 1 of 2 (10 %) is met" });

    // Flagger's webhooks carry no headers: the token may ride in the Canary's metadata, as the documented payload shows.
    const viaMetadata = await call("POST", "/api/integrations/flagger/confirm-traffic-increase", flaggerPayload(release.id, { token: tokens.controller }), null);
    expect(viaMetadata.status).toBe(200);
    // The release may be named on the URL instead of in metadata.
    const viaQuery = await call("POST", `/api/integrations/flagger/confirm-traffic-increase?release=${release.id}`, { name: "podinfo", namespace: "test", phase: "Progressing", metadata: {} });
    expect(viaQuery.status).toBe(200);
  });

  it("Flagger: the rollback hook says keep going (403) until Tidegate rolls back, then roll back (200)", async () => {
    const release = await gatedRelease();
    const before = await flagger("rollback", release.id);
    expect(before.status).toBe(403);
    expect(before.body.answer).toBe("hold");
    const commander = await as("commander", baseUrl);
    expect((await commander.post(`/api/releases/${release.id}/actions`, { action: "rollback", reason: "checkout 502s" })).status).toBe(200);
    const after = await flagger("rollback", release.id);
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ answer: "go", reason: "Tidegate rolled the release back: commander@test.local: checkout 502s" });
    // And nothing else moves forward.
    for (const hook of ["confirm-rollout", "pre-rollout", "confirm-traffic-increase", "confirm-promotion"]) expect((await flagger(hook, release.id)).status).toBe(403);
  });

  it("Argo: the verdict is inconclusive while the gate is open, pass once met, fail after a ROLLBACK; JSON as jsonPath {$} reads it", async () => {
    const release = await gatedRelease();
    const waiting = await argo(release.id);
    expect(waiting.status).toBe(200);
    expect(waiting.body).toMatchObject({ release: release.id, verdict: "inconclusive", status: "running", wave: { index: 0, of: 2, trafficPercent: 10 } });
    expect(waiting.body.reason).toMatch(/Sign-off: waiting for Product Manager/);

    const approver = await as("approver", baseUrl);
    await approver.post(`/api/releases/${release.id}/waves/0/signoffs`, { role: "Product Manager", decision: "approve" });
    expect((await argo(release.id)).body.verdict).toBe("pass");
    // Argo's step names the wave it stands for: wave 2 is not reached yet.
    expect((await argo(release.id, "?wave=2")).body.verdict).toBe("inconclusive");
    // POST, as `method: POST` in the AnalysisTemplate sends it.
    expect((await call("POST", `/api/integrations/argo/${release.id}/verdict`)).body.verdict).toBe("pass");

    const commander = await as("commander", baseUrl);
    await commander.post(`/api/releases/${release.id}/actions`, { action: "rollback", reason: "latency" });
    expect((await argo(release.id)).body).toMatchObject({ verdict: "fail", reason: "Tidegate rolled the release back: commander@test.local: latency" });
  });

  it("needs a controller token: 401 without one, 403 for another scope, 404 for an unknown release, 400 for a question it does not answer", async () => {
    const release = await gatedRelease();
    const anonymous = await flagger("confirm-rollout", release.id, null);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe("unauthenticated");
    expect((await argo(release.id, "", null)).status).toBe(401);
    expect((await argo(release.id, "", "not-a-token")).status).toBe(401);
    for (const token of [tokens.read, tokens.pipeline]) {
      const flaggerRefused = await flagger("confirm-rollout", release.id, token);
      expect(flaggerRefused.status).toBe(403);
      expect(flaggerRefused.body.error).toMatchObject({ code: "forbidden", details: { permission: "control" } });
      expect((await argo(release.id, "", token)).status).toBe(403);
    }
    // People do not ask as controllers either.
    const viewer = await as("viewer", baseUrl);
    expect((await viewer.get(`/api/integrations/argo/${release.id}/verdict`)).status).toBe(403);
    // The controller token reads releases and gates, and changes nothing.
    expect((await call("GET", `/api/releases/${release.id}`)).status).toBe(200);
    expect((await call("POST", `/api/releases/${release.id}/actions`, { action: "pause" })).status).toBe(403);

    expect((await argo("no-such-release")).status).toBe(404);
    expect((await flagger("confirm-rollout", "no-such-release")).status).toBe(404);
    const unknownHook = await flagger("post-rollout", release.id);
    expect(unknownHook.status).toBe(400);
    expect(unknownHook.body.error.message).toMatch(/confirm-rollout, pre-rollout, confirm-traffic-increase, confirm-promotion, rollback/);
    const unnamed = await call("POST", "/api/integrations/flagger/confirm-rollout", { name: "podinfo", namespace: "test", phase: "Progressing" });
    expect(unnamed.status).toBe(400);
    expect(unnamed.body.error.message).toMatch(/metadata\.release/);
  });

  it("audits what each controller was told, once per change of answer, not once per poll", async () => {
    const release = await gatedRelease();
    const rows = () =>
      direct.adminAuditEvent.findMany({ where: { action: "controller.answered", targetId: release.id }, orderBy: { id: "asc" } }).then((r) => r.map((x) => ({ actor: x.actorLabel, ...JSON.parse(x.dataJson) })));
    for (let i = 0; i < 5; i++) await argo(release.id);
    for (let i = 0; i < 3; i++) await flagger("confirm-traffic-increase", release.id);
    expect(await rows()).toMatchObject([
      { actor: `token:${controllerName}`, controller: "argo", question: "verdict", answer: "inconclusive", httpStatus: 200, waveIndex: 0 },
      { actor: `token:${controllerName}`, controller: "flagger", question: "confirm-traffic-increase", answer: "hold", httpStatus: 403, canary: "test/podinfo" },
    ]);
    await (await as("approver", baseUrl)).post(`/api/releases/${release.id}/waves/0/signoffs`, { role: "Product Manager", decision: "approve" });
    for (let i = 0; i < 3; i++) await argo(release.id);
    const after = await rows();
    expect(after).toHaveLength(3);
    expect(after[2]).toMatchObject({ controller: "argo", answer: "pass", reason: "The go/no-go of wave 1 of 2 (10 %) is met" });

    // The admin audit screen's API shows them in words.
    const audit = await (await as("admin", baseUrl)).get(`/api/audit?action=controller.answered&target=${release.id}`);
    expect(audit.status).toBe(200);
    expect(audit.body.entries[0]).toMatchObject({ action: "controller.answered", actor: { label: `token:${controllerName}` }, target: { type: "release", id: release.id } });
  });
});
