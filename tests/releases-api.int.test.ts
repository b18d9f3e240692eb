// The release API on SQLite and PostgreSQL: conflicts, idempotency, gap-free events, nothing written on refusal.
import { describe, expect, it } from "vitest";
import { as, createStartedRelease, simplePlan } from "./support/fixtures";
import { workerTargets } from "./support/targets";

const targets = workerTargets();

describe.each(targets)("release API on $name", ({ baseUrl }) => {
  async function events(id: string, after = 0) {
    const commander = await as("commander", baseUrl);
    const res = await commander.get(`/api/releases/${id}/events?after=${after}`);
    expect(res.status).toBe(200);
    return res.body.events as { seq: number; type: string; actor: string; reason: string | null; at: string }[];
  }
  function expectGapFree(list: { seq: number }[]) {
    expect(list.map((e) => e.seq)).toEqual(list.map((_, i) => i + 1));
  }

  it("creates a release from a plan and reads it back", async () => {
    const admin = await as("admin", baseUrl);
    const plan = simplePlan(4);
    const created = await admin.post("/api/releases", plan);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: plan.name, status: "draft", currentWaveIndex: 0, trafficPercent: 0, version: 1 });
    const read = await admin.get(`/api/releases/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body.waves.map((w: { trafficPercent: number; status: string }) => [w.trafficPercent, w.status])).toEqual([
      [25, "pending"],
      [50, "pending"],
      [75, "pending"],
      [100, "pending"],
    ]);
    expect(read.body.gate).toMatchObject({ action: "start", open: true, unmet: [] });
    const list = await admin.get("/api/releases");
    expect(list.body.releases.some((r: { id: string }) => r.id === created.body.id)).toBe(true);
  });

  it("rejects a bad plan with 400 naming the fields, and stores nothing", async () => {
    const admin = await as("admin", baseUrl);
    const before = (await admin.get("/api/releases")).body.releases.length;
    const bad = simplePlan(3);
    bad.waves[1].trafficPercent = 10;
    (bad as Record<string, unknown>).name = "";
    const res = await admin.post("/api/releases", bad);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_request");
    const paths = res.body.error.details.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["name", "waves.1.trafficPercent"]));
    const junk = await admin.request("POST", "/api/releases", "{not json");
    expect(junk.status).toBe(400);
    expect(junk.body.error.code).toBe("invalid_json");
    expect((await admin.get("/api/releases")).body.releases.length).toBe(before);
  });

  it("refuses guardrails that can never fire, naming the field and why; returns warnings for the doubtful", async () => {
    const admin = await as("admin", baseUrl);
    const before = (await admin.get("/api/releases")).body.releases.length;
    const errorRateAtTwo = simplePlan(2);
    errorRateAtTwo.guardrails = [{ metric: "error_rate", comparator: ">", critical: 2 }];
    const refusedRate = await admin.post("/api/releases", errorRateAtTwo);
    expect(refusedRate.status).toBe(400);
    const rateIssue = refusedRate.body.error.details.issues.find((i: { path: string }) => i.path === "guardrails.0.critical");
    expect(rateIssue?.message).toMatch(/ratio|0\.\.1|percent/i);
    const latencyAt150s = simplePlan(2);
    latencyAt150s.guardrails = [{ metric: "latency_p95_ms", comparator: ">", critical: 150000 }];
    const refusedLatency = await admin.post("/api/releases", latencyAt150s);
    expect(refusedLatency.status).toBe(400);
    const latencyIssue = refusedLatency.body.error.details.issues.find((i: { path: string }) => i.path === "guardrails.0.critical");
    expect(latencyIssue?.message).toMatch(/ms|latency|minutes|seconds/i);
    expect((await admin.get("/api/releases")).body.releases.length).toBe(before);
    const backwards = simplePlan(2);
    backwards.guardrails = [{ metric: "error_rate", comparator: "<", critical: 0.02 }];
    const created = await admin.post("/api/releases", backwards);
    expect(created.status).toBe(201);
    expect(created.body.warnings).toEqual([expect.objectContaining({ code: "comparator_against_metric", path: ["guardrails", 0, "comparator"] })]);
  });

  it("walks every wave to completion with a gap-free audit trail", async () => {
    const release = await createStartedRelease(baseUrl, simplePlan(3));
    const commander = await as("commander", baseUrl);
    let version = release.version;
    for (const expected of [[1, 67], [2, 100]]) {
      const res = await commander.post(`/api/releases/${release.id}/actions`, { action: "continue", expectedVersion: version, reason: "healthy" });
      expect(res.status).toBe(200);
      expect([res.body.currentWaveIndex, res.body.trafficPercent]).toEqual(expected);
      version = res.body.version;
    }
    const done = await commander.post(`/api/releases/${release.id}/actions`, { action: "continue", expectedVersion: version });
    expect(done.body).toMatchObject({ status: "completed", trafficPercent: 100 });
    const list = await events(release.id);
    expectGapFree(list);
    // The first command also makes its sender the release's commander (issue 15), audited.
    expect(list.map((e) => e.type)).toEqual(["created", "started", "commander_changed", "promoted", "promoted", "completed"]);
    expect(list[3]).toMatchObject({ actor: "commander@test.local", reason: "healthy" });
    expect(await events(release.id, 4)).toHaveLength(2);
  });

  it("races commands with the same expectedVersion: one step forward at most, stop commands apply when legal", async () => {
    const commander = await as("commander", baseUrl);
    for (let round = 0; round < 8; round++) {
      const release = await createStartedRelease(baseUrl, simplePlan(4));
      const actions = ["continue", "continue", "rollback", "pause", "continue", "rollback"];
      const results = await Promise.all(
        actions.map((action) =>
          commander.post(`/api/releases/${release.id}/actions`, { action, expectedVersion: release.version, reason: "race" }),
        ),
      );
      const statuses = results.map((r) => r.status);
      const list = await events(release.id);
      const story = JSON.stringify({ statuses, events: list.map((e) => e.type), errors: results.map((r) => r.body?.error?.message) });
      expect(statuses.every((s) => s === 200 || s === 409), story).toBe(true);
      expectGapFree(list);
      // CONTINUE decided on wave 1 never promotes twice and never skips a wave.
      expect(list.filter((e) => e.type === "promoted").length).toBeLessThanOrEqual(1);
      // Exactly one rollback applies (the second meets a rolled-back release: 409 naming who did it first).
      expect(list.filter((e) => e.type === "rolled_back"), story).toHaveLength(1);
      const after = (await commander.get(`/api/releases/${release.id}`)).body;
      expect(after.status).toBe("rolled_back");
      expect(after.currentWaveIndex).toBeLessThanOrEqual(1);
      for (const loser of results.filter((r) => r.status === 409)) {
        expect(loser.body.error.code).toBe("version_conflict");
        expect(loser.body.error.details.currentVersion).toBeLessThanOrEqual(after.version);
        expect(loser.body.error.details.missedEvents.length).toBeGreaterThan(0);
      }
      const secondRollback = results.filter((r, i) => actions[i] === "rollback" && r.status === 409);
      expect(secondRollback, story).toHaveLength(1);
      expect(secondRollback[0].body.error.message).toMatch(/commander@test\.local rolled back/);
    }
  });

  it("applies two CONTINUEs decided on the same wave once (a double click)", async () => {
    const commander = await as("commander", baseUrl);
    const release = await createStartedRelease(baseUrl, simplePlan(4));
    const url = `/api/releases/${release.id}/actions`;
    const pair = await Promise.all([1, 2].map(() => commander.post(url, { action: "continue", expectedVersion: release.version })));
    expect(pair.map((r) => r.status).sort()).toEqual([200, 409]);
    const after = (await commander.get(`/api/releases/${release.id}`)).body;
    expect(after.currentWaveIndex).toBe(1);
  });

  it("serializes commands without expectedVersion so none is lost", async () => {
    const commander = await as("commander", baseUrl);
    const release = await createStartedRelease(baseUrl, simplePlan(12));
    const results = await Promise.all(
      Array.from({ length: 10 }, () => commander.post(`/api/releases/${release.id}/actions`, { action: "continue" })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
    const after = (await commander.get(`/api/releases/${release.id}`)).body;
    expect(after.currentWaveIndex).toBe(10);
    expect(after.version).toBe(release.version + 10);
    const list = await events(release.id);
    expectGapFree(list);
    expect(list.filter((e) => e.type === "promoted")).toHaveLength(10);
  });

  it("returns the first result for a retried Idempotency-Key instead of applying twice", async () => {
    const commander = await as("commander", baseUrl);
    const release = await createStartedRelease(baseUrl, simplePlan(4));
    const body = { action: "continue", expectedVersion: release.version };
    const key = { "idempotency-key": `k-${release.id}` };
    const first = await commander.post(`/api/releases/${release.id}/actions`, body, key);
    const again = await Promise.all([1, 2, 3].map(() => commander.post(`/api/releases/${release.id}/actions`, body, key)));
    expect(first.status).toBe(200);
    for (const r of again) {
      expect(r.status).toBe(200);
      expect(r.headers.get("idempotent-replayed")).toBe("true");
      expect(r.body.version).toBe(first.body.version);
    }
    const parallelKey = { "idempotency-key": `p-${release.id}` };
    const parallel = await Promise.all(
      [1, 2, 3, 4].map(() => commander.post(`/api/releases/${release.id}/actions`, { action: "pause" }, parallelKey)),
    );
    expect(parallel.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const list = await events(release.id);
    expect(list.filter((e) => e.type === "promoted")).toHaveLength(1);
    expect(list.filter((e) => e.type === "paused")).toHaveLength(1);
    const reused = await commander.post(`/api/releases/${release.id}/actions`, { action: "rollback", reason: "x" }, key);
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe("idempotency_key_reused");
    // Another caller reusing the key gets a refusal, never the first caller's answer.
    const admin = await as("admin", baseUrl);
    const stolen = await admin.post(`/api/releases/${release.id}/actions`, { action: "pause" }, parallelKey);
    expect(stolen.status).toBe(422);
    expect(stolen.body.error.code).toBe("idempotency_key_reused");
  });

  it("writes nothing when a command is refused", async () => {
    const commander = await as("commander", baseUrl);
    const release = await createStartedRelease(baseUrl, simplePlan(4, { waves: [
      { name: "Canary", trafficPercent: 10, bakeSeconds: 3600 },
      { name: "All", trafficPercent: 100 },
    ] }));
    const url = `/api/releases/${release.id}/actions`;
    const refusals = [
      [await commander.post(url, { action: "resume" }), 409, "invalid_transition"],
      [await commander.post(url, { action: "continue" }), 422, "gates_unmet"],
      [await commander.post(url, { action: "continue", override: true }), 400, "reason_required"],
      [await commander.post(url, { action: "explode" }), 400, "invalid_request"],
      [await commander.post(url, { action: "pause", expectedVersion: release.version + 5 }), 409, "version_conflict"],
      [await commander.post("/api/releases/does-not-exist/actions", { action: "pause" }), 404, "not_found"],
    ] as const;
    for (const [res, status, code] of refusals) {
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      expect(res.body.error.code).toBe(code);
      expect(typeof res.body.error.message).toBe("string");
    }
    expect(refusals[1][0].body.error.details.unmet[0]).toMatchObject({ kind: "bake" });
    const after = (await commander.get(`/api/releases/${release.id}`)).body;
    expect([after.version, after.lastSeq, after.status]).toEqual([release.version, release.lastSeq, "running"]);
    const overridden = await commander.post(url, { action: "continue", override: true, reason: "bake waived: hotfix", expectedVersion: release.version });
    expect(overridden.status).toBe(200);
    expect(overridden.body.events.map((e: { type: string }) => e.type)).toEqual(["override", "promoted"]);
  });

  it("reports health with the database status", async () => {
    const res = await fetch(`${baseUrl}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", database: { ok: true } });
  });
});
