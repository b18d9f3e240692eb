// The Markdown import API on the real server, SQLite and PostgreSQL: admins only, nothing written by an import, clear
// 4xx for bad uploads, and a release created from the reference plan that keeps its source document and runs.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { applyAnswers } from "../lib/plans/import/apply-answers";
import type { ImportResult } from "../lib/plans/import/types";
import { as } from "./support/fixtures";
import { workerTargets } from "./support/targets";

const targets = workerTargets();
const reference = readFileSync(path.join(import.meta.dirname, "../lib/plans/import/fixtures/rollout-plan-batch-patches.md"), "utf8");

describe.each(targets)("plan import API on $name", ({ baseUrl }) => {
  async function releaseCount() {
    const admin = await as("admin", baseUrl);
    return (await admin.get("/api/releases")).body.releases.length as number;
  }

  /** A raw upload with the admin's session and CSRF token, for bodies the JSON helper cannot send. */
  async function upload(body: BodyInit, contentType: string) {
    const admin = await as("admin", baseUrl);
    const res = await admin.raw("/api/plans/import", {
      method: "POST",
      headers: { "content-type": contentType, "x-csrf-token": admin.csrfToken! },
      body,
    });
    return { status: res.status, body: await res.json() };
  }

  it("answers an admin with the draft plan, questions, unmapped sections and sources, and writes nothing", async () => {
    const before = await releaseCount();
    const admin = await as("admin", baseUrl);
    const res = await admin.post("/api/plans/import", { markdown: reference });
    expect(res.status).toBe(200);
    const result = res.body as ImportResult;
    expect((result.plan.waves as { trafficPercent: number }[]).map((w) => w.trafficPercent)).toEqual([10, 25, 50, 100]);
    expect(result.questions[0]).toMatchObject({ id: "q1", field: "waves[1].triggers[0].action", blocking: false, source: { fromLine: 134, toLine: 134 } });
    expect(result.unmapped).toHaveLength(14);
    expect(result.sources["guardrails[0].forSeconds"]).toEqual({ fromLine: 106, toLine: 106 });
    // The same document as text/markdown gives the same answer.
    const asText = await upload(reference, "text/markdown; charset=utf-8");
    expect(asText.status).toBe(200);
    expect(asText.body.plan).toEqual(result.plan);
    expect(await releaseCount()).toBe(before);
  });

  it("refuses people who may not create releases", async () => {
    const commander = await as("commander", baseUrl);
    const res = await commander.post("/api/plans/import", { markdown: reference });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("forbidden");
    const anonymous = await fetch(`${baseUrl}/api/plans/import`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ markdown: reference }),
    });
    expect(anonymous.status).toBe(401);
  });

  it("refuses bad uploads with a clear 4xx in the one error shape", async () => {
    const before = await releaseCount();
    const admin = await as("admin", baseUrl);
    const cases: [unknown, number, string][] = [
      [{ markdown: "" }, 400, "empty_document"],
      [{ markdown: JSON.stringify({ name: "x", waves: [] }) }, 422, "not_markdown"],
      [{ markdown: "Only one sentence, no structure." }, 422, "not_markdown"],
      [{ markdown: "# PNG\u0000\u0001binary" }, 415, "binary_document"],
      [{ text: "# wrong key" }, 400, "invalid_request"],
    ];
    for (const [body, status, code] of cases) {
      const res = await admin.post("/api/plans/import", body);
      expect(res.status, code).toBe(status);
      expect(res.body.error).toMatchObject({ code });
      expect(typeof res.body.error.message).toBe("string");
      expect(res.body.error).toHaveProperty("details");
    }
    const png = await upload(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), "application/octet-stream");
    expect(png).toMatchObject({ status: 415, body: { error: { code: "unsupported_media_type" } } });
    const invalidUtf8 = await upload(new Uint8Array(4096).map((_, i) => (i % 2 ? 0xff : 0xfe)), "text/markdown");
    expect(invalidUtf8).toMatchObject({ status: 415, body: { error: { code: "binary_document" } } });
    const enormous = await upload("# Big\n" + "- [ ] item\n".repeat(300_000), "text/markdown");
    expect(enormous).toMatchObject({ status: 413, body: { error: { code: "document_too_large" } } });
    const junk = await admin.request("POST", "/api/plans/import", "{not json");
    expect(junk.body.error.code).toBe("invalid_json");
    expect(await releaseCount()).toBe(before);
  });

  it("creates a release from the answered import, keeps the source document, and runs it", async () => {
    const admin = await as("admin", baseUrl);
    const imported = (await admin.post("/api/plans/import", { markdown: reference })).body as ImportResult;
    const answers = Object.fromEntries(imported.questions.filter((q) => q.blocking).map((q) => [q.id, "Incident Commander"]));
    const plan = applyAnswers(imported.plan, imported.questions, answers);
    const created = await admin.post("/api/releases", { plan, source: { format: "markdown", markdown: reference } });
    expect(created.status).toBe(201);
    expect(created.body.waves.map((w: { trafficPercent: number }) => w.trafficPercent)).toEqual([10, 25, 50, 100]);

    const source = await admin.get(`/api/releases/${created.body.id}/source`);
    expect(source.status).toBe(200);
    expect(source.body).toMatchObject({ format: "markdown", document: imported.normalized, createdBy: "admin@test.local" });
    expect(source.body.unmapped).toEqual(imported.unmapped);
    const events = await admin.get(`/api/releases/${created.body.id}/events`);
    expect(events.body.events[0]).toMatchObject({ type: "created" });

    // The pre-deployment checklist (31 items, incl. the sign-off roles' items) gates START; tick it, then start.
    const commander = await as("commander", baseUrl);
    for (const item of created.body.preChecklist as { id: string; required: boolean }[]) {
      const res = await commander.patch(`/api/releases/${created.body.id}/checklist/${item.id}`, { state: item.required ? "met" : "waived", reason: "checked" });
      expect(res.status).toBe(200);
    }
    // The document's sign-off roles became pre-start sign-offs (plan v2 preSignoffs): START waits for all four.
    expect(created.body.preSignoffs.roles).toEqual(["Development Lead", "Operations Lead", "Product Manager", "Incident Commander"]);
    const approver = await as("approver", baseUrl);
    for (const role of ["Development Lead", "Operations Lead", "Product Manager"]) {
      expect((await approver.post(`/api/releases/${created.body.id}/waves/pre/signoffs`, { role, decision: "approve" })).status).toBe(201);
    }
    expect((await commander.post(`/api/releases/${created.body.id}/waves/pre/signoffs`, { role: "Incident Commander", decision: "approve" })).status).toBe(201);
    const current = await commander.get(`/api/releases/${created.body.id}`);
    const started = await commander.post(`/api/releases/${created.body.id}/actions`, { action: "start", expectedVersion: current.body.version });
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ status: "running", currentWaveIndex: 0, trafficPercent: 10 });
  });

  it("refuses an import envelope whose source is not Markdown, and a release without one has no source", async () => {
    const admin = await as("admin", baseUrl);
    const imported = (await admin.post("/api/plans/import", { markdown: reference })).body as ImportResult;
    const bad = await admin.post("/api/releases", { plan: imported.plan, source: { format: "markdown", markdown: "" } });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: "empty_document" } } });
    const plain = await admin.post("/api/releases", imported.plan);
    expect(plain.status).toBe(201);
    const none = await admin.get(`/api/releases/${plain.body.id}/source`);
    expect(none).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
  });

  it("publishes the plan's JSON Schema without sign-in", async () => {
    const res = await fetch(`${baseUrl}/api/plan-schema.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/schema+json");
    const schema = await res.json();
    expect(schema.title).toBe("Tidegate rollout plan (format v2)");
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(["waves", "rollback", "hypercare", "triggers", "preSignoffs", "metrics"]));
  });

  it("creates a release from a v2 plan, and refuses v2 fields the engine does not carry out yet", async () => {
    const admin = await as("admin", baseUrl);
    const v2 = {
      name: "v2 plan",
      service: "svc",
      version: "2.0.0",
      guardrails: [{ metric: "error_rate", comparator: ">", critical: 0.1, onCritical: "rollback" }],
      waves: [
        { name: "Hosts", trafficPercent: 50, unit: "servers", audience: "5% of servers", triggers: [{ name: "Data corruption detected", level: 2 }] },
        { name: "Users", trafficPercent: 100, unit: "users", checklist: [{ text: "Support ready", ownerRole: "Support", group: "Go/No-Go" }] },
      ],
      rollback: { levels: [{ name: "Flag off", scope: "flag", objectiveSeconds: 30 }, { name: "Redeploy" }] },
      hypercare: { durationSeconds: 86400 },
      preSignoffs: { roles: ["CISO"] },
      metrics: [{ key: "queue_depth", label: "Queue depth", watchOnly: true }],
    };
    const created = await admin.post("/api/releases", v2);
    expect(created.status).toBe(201);
    // Every v2 field is carried out by the engine now (tests/plan-v2-engine.int.test.ts): none is refused.
    const auto = await admin.post("/api/releases", { ...v2, name: "v2 auto", waves: [{ ...v2.waves[0], autoContinue: true, maxSeconds: 3600 }, v2.waves[1]] });
    expect(auto.status).toBe(201);
  });
});
