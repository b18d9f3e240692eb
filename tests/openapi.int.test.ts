// The OpenAPI catalogue against the real server: each answer of a representative set of routes matches the response
// schema its catalogue entry documents (the error shape for refusals), and the served document is the catalogue's.
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { OPERATIONS, openApiDocument } from "../lib/api/server/catalogue";
import { ErrorBodySchema } from "../lib/platform/http/api-catalogue";
import { as, simplePlan } from "./support/fixtures";
import { workerTargets } from "./support/targets";

// One database is enough: the shapes do not depend on it (the release API tests run both).
const [{ baseUrl }] = workerTargets();

function schemaFor(method: string, path: string, status: number): z.ZodType {
  const op = OPERATIONS.find((o) => o.method === method && o.path === path);
  if (!op) throw new Error(`no catalogue entry for ${method} ${path}`);
  if (status >= 400) return ErrorBodySchema;
  const schema = op.responses[status]?.schema;
  if (!schema) throw new Error(`${method} ${path} documents no ${status} answer (it documents ${Object.keys(op.responses).join(", ")})`);
  return schema;
}

/** Flagger's hold is a documented 403 answer (its body, not the error shape). */
const FlaggerHold = OPERATIONS.find((o) => o.path === "/api/integrations/flagger/{hook}")?.responses[403]?.schema as z.ZodType;

function expectMatches(method: string, path: string, res: { status: number; body: unknown }) {
  const parsed = schemaFor(method, path, res.status).safeParse(res.body);
  const issues = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  expect(issues, `${method} ${path} answered ${res.status} off its schema: ${issues.join("; ")}`).toEqual([]);
}

describe("the HTTP API answers as its OpenAPI catalogue says", () => {
  it("serves the catalogue's document at /api/openapi.json, publicly and cacheably", async () => {
    const res = await fetch(`${baseUrl}/api/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toMatch(/max-age=\d+/);
    expect(await res.json()).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
    const page = await fetch(`${baseUrl}/api-docs`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("/api/releases/{id}/actions");
    expect(html).toContain("release:event");
    // GitHub's webhook is authenticated by its signature, not a session or token: the page says so.
    expect(html).toContain("GitHub&#x27;s webhook signature (X-Hub-Signature-256");
  });

  it("release routes: create, read, list, command, events, checklist, report, incidents, source, metrics", async () => {
    const admin = await as("admin", baseUrl);
    const commander = await as("commander", baseUrl);
    const created = await admin.post("/api/releases", simplePlan(3));
    expectMatches("POST", "/api/releases", created);
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const at = (p: string) => p.replace("{id}", encodeURIComponent(id));

    const read = await admin.get(at("/api/releases/{id}"));
    expectMatches("GET", "/api/releases/{id}", read);
    expect(read.body.hasSource).toBe(false);
    expectMatches("GET", "/api/releases", await admin.get("/api/releases"));

    const started = await commander.post(at("/api/releases/{id}/actions"), { action: "start", expectedVersion: created.body.version });
    expect(started.status).toBe(200);
    expectMatches("POST", "/api/releases/{id}/actions", started);
    // PAUSE and ROLLBACK apply to whatever state they meet; CONTINUE against an old version is refused.
    const stale = await commander.post(at("/api/releases/{id}/actions"), { action: "continue", expectedVersion: created.body.version });
    expect(stale.status).toBe(409);
    expectMatches("POST", "/api/releases/{id}/actions", stale);

    for (const path of [
      "/api/releases/{id}/events",
      "/api/releases/{id}/checklist",
      "/api/releases/{id}/report",
      "/api/releases/{id}/incidents",
      "/api/releases/{id}/metrics",
      "/api/releases/{id}/flags",
      "/api/releases/{id}/simulator",
    ]) {
      const res = await commander.get(at(path));
      expect(res.status, path).toBe(200);
      expectMatches("GET", path, res);
    }
    // Not imported: 404 in the error shape, and the view said so beforehand.
    const source = await commander.get(at("/api/releases/{id}/source"));
    expect(source.status).toBe(404);
    expectMatches("GET", "/api/releases/{id}/source", source);
  });

  it("an imported release has a source, and the view says so", async () => {
    const admin = await as("admin", baseUrl);
    const plan = simplePlan(2);
    const created = await admin.post("/api/releases", { plan, source: { format: "markdown", markdown: `# ${plan.name}\n\n- Wave 1: 50%\n- Wave 2: 100%\n` } });
    expect(created.status).toBe(201);
    expectMatches("POST", "/api/releases", created);
    const read = await admin.get(`/api/releases/${created.body.id}`);
    expect(read.body.hasSource).toBe(true);
    const source = await admin.get(`/api/releases/${created.body.id}/source`);
    expect(source.status).toBe(200);
    expectMatches("GET", "/api/releases/{id}/source", source);
  });

  it("administration, import and operations routes", async () => {
    const admin = await as("admin", baseUrl);
    for (const path of ["/api/me", "/api/users", "/api/tokens", "/api/webhooks", "/api/audit"]) {
      const res = await admin.get(path);
      expect(res.status, path).toBe(200);
      expectMatches("GET", path, res);
    }
    const health = await fetch(`${baseUrl}/api/health`);
    expectMatches("GET", "/api/health", { status: health.status, body: await health.json() });
    const imported = await admin.post("/api/plans/import", { markdown: "# Checkout 2.4\n\n## Wave 1 (10%)\n\nBake 1 hour.\n\n## Wave 2 (100%)\n" });
    expect(imported.status).toBe(200);
    expectMatches("POST", "/api/plans/import", imported);
    const token = await admin.post("/api/tokens", { name: `openapi-${Date.now()}`, scopes: ["read"] });
    expect(token.status).toBe(201);
    expectMatches("POST", "/api/tokens", token);
    const revoked = await admin.request("DELETE", `/api/tokens/${token.body.id}`);
    expectMatches("DELETE", "/api/tokens/{id}", revoked);
  });

  it("release rules, stages and traffic: environments, freezes, quarantines, policies, routers", async () => {
    const admin = await as("admin", baseUrl);
    const tag = `oa${Date.now().toString(36)}`;
    // Written so they touch no other test: an environment no plan names, a freeze a year ahead for a service no
    // plan has, a policy matching only that service; each is removed again.
    const env = await admin.post("/api/environments", { name: tag, region: "eu-west-1", order: 900, approverRoles: ["sre"], requiredApprovals: 1 });
    expect(env.status).toBe(201);
    expectMatches("POST", "/api/environments", env);
    const changed = await admin.patch(`/api/environments/${tag}`, { region: null });
    expectMatches("PATCH", "/api/environments/{name}", changed);
    const from = new Date(Date.now() + 300 * 86_400_000);
    const freeze = await admin.post("/api/freezes", { from: from.toISOString(), to: new Date(from.getTime() + 86_400_000).toISOString(), reason: "openapi test", services: [tag] });
    expect(freeze.status).toBe(201);
    expectMatches("POST", "/api/freezes", freeze);
    expect(freeze.body.state).toBe("upcoming");
    const policy = await admin.post("/api/policies", { name: tag, match: { service: tag }, minBakeSeconds: 60 });
    expect(policy.status).toBe(201);
    expectMatches("POST", "/api/policies", policy);

    for (const path of ["/api/environments", "/api/freezes?pastDays=7", "/api/quarantines?all=1", "/api/policies", "/api/traffic-routers"]) {
      const res = await admin.get(path);
      expect(res.status, path).toBe(200);
      expectMatches("GET", path.split("?")[0], res);
    }
    const listed = await admin.get("/api/freezes");
    expect(listed.body.freezes.map((f: { id: string }) => f.id)).toContain(freeze.body.id);
    // The route reads its query with the catalogue's schema: out of range is refused naming the parameter.
    const badQuery = await admin.get("/api/freezes?pastDays=91");
    expect(badQuery.status).toBe(400);
    expectMatches("GET", "/api/freezes", badQuery);
    expect(badQuery.body.error.details.issues.map((i: { path: string }) => i.path)).toContain("pastDays");

    const release = await admin.post("/api/releases", simplePlan(2));
    const traffic = await admin.get(`/api/releases/${release.body.id}/traffic`);
    expect(traffic.status).toBe(200);
    expectMatches("GET", "/api/releases/{id}/traffic", traffic);

    // The controllers' protocols: Argo's web metric reads the verdict; Flagger's webhook on a draft release holds (403).
    const controller = await admin.post("/api/tokens", { name: `${tag}-controller`, scopes: ["controller"] });
    const asController = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${controller.body.token}`, ...(body ? { "content-type": "application/json" } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      return { status: res.status, body: (await res.json()) as unknown };
    };
    const verdict = await asController("GET", `/api/integrations/argo/${release.body.id}/verdict?wave=1`);
    expect(verdict.status).toBe(200);
    expectMatches("GET", "/api/integrations/argo/{id}/verdict", verdict);
    expect((verdict.body as { verdict: string }).verdict).toBe("inconclusive");
    const hold = await asController("POST", "/api/integrations/flagger/confirm-rollout", { name: "podinfo", namespace: "test", phase: "Progressing", metadata: { release: release.body.id } });
    expect(hold.status).toBe(403);
    expect(FlaggerHold.safeParse(hold.body).success, JSON.stringify(hold.body)).toBe(true);
    await admin.request("DELETE", `/api/tokens/${controller.body.id}`);

    const ended = await admin.request("DELETE", `/api/freezes/${freeze.body.id}`, { reason: "openapi test done" });
    expect(ended.status).toBe(200);
    expectMatches("DELETE", "/api/freezes/{id}", ended);
    expect(ended.body.state).toBe("ended");
    const again = await admin.request("DELETE", `/api/freezes/${freeze.body.id}`, { reason: "again" });
    expect(again.status).toBe(409);
    expectMatches("DELETE", "/api/freezes/{id}", again);
    expectMatches("DELETE", "/api/policies/{id}", await admin.request("DELETE", `/api/policies/${policy.body.id}`));
    expectMatches("DELETE", "/api/environments/{name}", await admin.request("DELETE", `/api/environments/${tag}`));
  });

  it("refusals use the one error shape the document gives them", async () => {
    const admin = await as("admin", baseUrl);
    const viewer = await as("viewer", baseUrl);
    // The route reads with the catalogue's schema object: an unknown action is refused naming the field.
    const bad = await admin.post("/api/releases/nope/actions", { action: "launch" });
    expect(bad.status).toBe(400);
    expectMatches("POST", "/api/releases/{id}/actions", bad);
    expect(bad.body.error.details.issues.map((i: { path: string }) => i.path)).toContain("action");
    const missing = await admin.get("/api/releases/does-not-exist");
    expect(missing.status).toBe(404);
    expectMatches("GET", "/api/releases/{id}", missing);
    const forbidden = await viewer.get("/api/users");
    expect(forbidden.status).toBe(403);
    expectMatches("GET", "/api/users", forbidden);
    const badQuery = await admin.get("/api/releases/x/events?limit=0");
    expect(badQuery.status).toBe(400);
    expectMatches("GET", "/api/releases/{id}/events", badQuery);
  });
});
