// Plan v2 engine fields through the real server on SQLite and PostgreSQL: several rules per metric, a comparison with
// the level captured at START, STEP BACK, rollback levels with their steps and follow-up, declared triggers, and the
// metrics catalogue.
import { afterAll, expect, it } from "vitest";
import type { PlanInput } from "../lib/plans/core/plan";
import { createDb, type Db } from "../lib/platform/db/client";
import { as, createStartedRelease, simplePlan } from "./support/fixtures";
import { eventually } from "./support/poll";
import { SessionClient } from "./support/session-client";
import { describeEachAtOnce, workerTargets } from "./support/targets";

const targets = workerTargets();

type Ev = { type: string; actor: string; reason: string | null; data: Record<string, unknown> };
const sample = (metric: string, value: number, cohort = "canary") => ({ metric, value, ts: new Date().toISOString(), cohort });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Every test waits on the server's clock (ticks, bake times, windows), so the two databases run at the same time; the
// tests on each run in order (all 18 at once answered a release create with 500 on PostgreSQL at load 30).
describeEachAtOnce(targets, "plan v2 engine on $name", ({ baseUrl, databaseUrl }) => {
  const direct: Db = createDb(databaseUrl);
  afterAll(() => direct.$disconnect());

  async function pusher(releaseId: string) {
    const admin = await as("admin", baseUrl);
    const res = await admin.post("/api/tokens", { name: `pusher ${Math.random()}`, releaseId });
    expect(res.status).toBe(201);
    const client = SessionClient.withToken(baseUrl, res.body.token);
    return async (samples: unknown[]) => {
      const r = await client.post(`/api/releases/${releaseId}/metrics`, { samples });
      expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
    };
  }
  const eventsOf = async (id: string): Promise<Ev[]> => (await (await as("viewer", baseUrl)).get(`/api/releases/${id}/events`)).body.events;
  const releaseOf = async (id: string) => (await (await as("viewer", baseUrl)).get(`/api/releases/${id}`)).body;
  async function pushUntil(push: (s: unknown[]) => Promise<void>, id: string, samples: () => unknown[], accept: (events: Ev[]) => boolean, timeoutMs = 30_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await push(samples());
      const events = await eventsOf(id);
      if (accept(events)) return events;
      if (Date.now() > deadline) throw new Error(`not reached in ${timeoutMs} ms: ${events.map((e) => e.type).join(", ")}`);
      await sleep(300);
    }
  }
  const create = async (plan: PlanInput) => {
    const created = await (await as("admin", baseUrl)).post("/api/releases", plan);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body as { id: string; version: number };
  };

  it("levels[]: a notify rule warns and notifies, then the stronger rollback rule of the same metric rolls back", async () => {
    const release = await createStartedRelease(
      baseUrl,
      simplePlan(3, {
        guardrails: [
          {
            metric: "error_rate",
            comparator: ">",
            critical: 0.9,
            windowSeconds: 10,
            forSeconds: 0,
            onCritical: "pause",
            levels: [
              { threshold: 0.05, forSeconds: 0, action: "notify" },
              { threshold: 0.2, forSeconds: 2, action: "rollback" },
            ],
          },
        ],
      }),
    );
    const push = await pusher(release.id);
    await pushUntil(push, release.id, () => [sample("error_rate", 0.1)], (ev) => ev.some((e) => e.type === "guardrail_notified"));
    const warned = await releaseOf(release.id);
    expect(warned.alerts).toEqual([expect.objectContaining({ metric: "error_rate", level: "warning" })]);
    // A warning never blocks CONTINUE.
    expect(warned.gate.unmet.filter((u: { kind: string }) => u.kind === "breach")).toEqual([]);

    const events = await pushUntil(push, release.id, () => [sample("error_rate", 0.5)], (ev) => ev.some((e) => e.type === "rolled_back"));
    const types = events.map((e) => e.type);
    expect(types.indexOf("guardrail_notified")).toBeLessThan(types.indexOf("rolled_back"));
    expect(types).not.toContain("paused");
    expect(events.find((e) => e.type === "rolled_back")).toMatchObject({ actor: "guardrail", data: { metric: "error_rate", automatic: true } });
    expect(events.find((e) => e.type === "rolled_back")!.reason).toContain('rule "rollback" at 0.2');
  });

  it("relativeTo pre_rollout: the level before START is captured and a doubling over it rolls back", async () => {
    const { id } = await create(
      simplePlan(2, { guardrails: [{ metric: "latency_p95_ms", comparator: ">", critical: 0.5, windowSeconds: 10, forSeconds: 0, onCritical: "rollback", relativeTo: "pre_rollout" }] }),
    );
    const push = await pusher(id);
    // Before START, every cohort runs the old version at 100 ms; whole 10 s buckets must lie before START.
    const until = Date.now() + 11_000;
    while (Date.now() < until) {
      await push([sample("latency_p95_ms", 100, "baseline"), sample("latency_p95_ms", 100)]);
      await sleep(500);
    }
    const commander = await as("commander", baseUrl);
    expect((await commander.post(`/api/releases/${id}/actions`, { action: "start" })).status).toBe(200);
    const row = await direct.release.findUniqueOrThrow({ where: { id } });
    expect(JSON.parse(row.referenceLevelsJson!)).toEqual({ preRollout: { latency_p95_ms: 100 } });
    // The baseline degrades with the canary: only the pre-rollout comparison sees it.
    const events = await pushUntil(
      push,
      id,
      () => [sample("latency_p95_ms", 250, "baseline"), sample("latency_p95_ms", 250)],
      (ev) => ev.some((e) => e.type === "rolled_back"),
    );
    expect(events.find((e) => e.type === "breach")!.reason).toContain("vs pre-rollout level (250 vs 100)");
  });

  it("STEP BACK returns to the previous wave's traffic and holds; it is offered from the second wave only", async () => {
    const release = await createStartedRelease(baseUrl, simplePlan(3));
    const commander = await as("commander", baseUrl);
    const url = `/api/releases/${release.id}/actions`;
    expect(release).toMatchObject({ currentWaveIndex: 0 });
    expect((await releaseOf(release.id)).allowedActions).not.toContain("step_back");
    const first = await commander.post(url, { action: "step_back", reason: "x" });
    expect(first.status).toBe(409);
    expect(first.body.error.code).toBe("invalid_transition");
    const promoted = await commander.post(url, { action: "continue" });
    expect(promoted.body.allowedActions).toContain("step_back");
    const stepped = await commander.post(url, { action: "step_back", reason: "p95 creeping up", expectedVersion: promoted.body.version });
    expect(stepped.status, JSON.stringify(stepped.body)).toBe(200);
    expect(stepped.body).toMatchObject({ status: "paused", currentWaveIndex: 0, trafficPercent: 33 });
    expect(stepped.body.events[0]).toMatchObject({ type: "stepped_back", reason: "p95 creeping up", data: { fromWave: 1, toWave: 0, fromTraffic: 67, toTraffic: 33 } });
    expect(stepped.body.waves[0]).toMatchObject({ status: "paused", endedAt: null });
    expect(stepped.body.waves[1].endedAt).not.toBeNull();
  });

  const withRollback = (): PlanInput =>
    simplePlan(2, {
      triggers: [
        { name: "Data corruption detected", action: "rollback", level: 2 },
        { name: "Support flooded", action: "pause" },
      ],
      rollback: {
        levels: [
          { name: "Flag off", scope: "flag", objectiveSeconds: 1, steps: [{ text: "Disable the flag", command: "flagctl off batch" }] },
          {
            name: "Redeploy",
            steps: [{ text: "Deploy the previous build", ownerRole: "Operations Lead" }, { text: "Purge the cache" }],
            verification: { metric: "throughput_rps", comparator: "<", threshold: 1, withinSeconds: 1 },
          },
        ],
      },
    });

  it("ROLLBACK asks the level: the steps become a checklist, and a missed objective raises an alert once", async () => {
    const release = await createStartedRelease(baseUrl, withRollback());
    const commander = await as("commander", baseUrl);
    const bad = await commander.post(`/api/releases/${release.id}/actions`, { action: "rollback", level: 3 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual({ field: "level", level: 3, levels: 2 });
    expect((await releaseOf(release.id)).status).toBe("running");

    const rolled = await commander.post(`/api/releases/${release.id}/actions`, { action: "rollback", reason: "errors" });
    expect(rolled.status).toBe(200);
    expect(rolled.body.events[0]).toMatchObject({ type: "rolled_back", data: { level: 1, levelName: "Flag off" } });
    expect(rolled.body.rollback).toMatchObject({ level: 1, levelName: "Flag off", objective: "pending", verified: "none" });
    expect(rolled.body.rollback.steps.map((s: { text: string; gate: string }) => [s.text, s.gate])).toEqual([["Disable the flag: flagctl off batch", "rollback"]]);
    // Rollback steps are not pre-deployment items.
    expect(rolled.body.preChecklist).toEqual([]);

    const events = await eventually(() => eventsOf(release.id), (ev) => ev.some((e) => e.type === "rollback_alert"), 20_000);
    expect(events.filter((e) => e.type === "rollback_alert")).toEqual([
      expect.objectContaining({ actor: "schedule", data: { level: 1, kind: "objective_missed" } }),
    ]);
    await sleep(6_000);
    expect((await eventsOf(release.id)).filter((e) => e.type === "rollback_alert")).toHaveLength(1);
    expect((await releaseOf(release.id)).rollback).toMatchObject({ objective: "missed" });
  });

  it("a declared trigger is audited and applies its action with its level; verification failure raises an alert", async () => {
    const release = await createStartedRelease(baseUrl, withRollback());
    const commander = await as("commander", baseUrl);
    const unknown = await commander.post(`/api/releases/${release.id}/triggers`, { name: "Nope" });
    expect(unknown.status).toBe(404);
    const approver = await as("approver", baseUrl);
    expect((await approver.post(`/api/releases/${release.id}/triggers`, { name: "Support flooded" })).status).toBe(403);

    const paused = await commander.post(`/api/releases/${release.id}/triggers`, { name: "Support flooded" });
    expect(paused.status).toBe(200);
    expect(paused.body.events.map((e: Ev) => e.type)).toEqual(["trigger_declared", "paused"]);
    // Declared again on a paused release: recorded, not applied.
    const again = await commander.post(`/api/releases/${release.id}/triggers`, { name: "Support flooded" });
    expect(again.body.events).toEqual([expect.objectContaining({ type: "trigger_declared", data: expect.objectContaining({ applied: false }) })]);

    const push = await pusher(release.id);
    await push([sample("throughput_rps", 40)]);
    const declared = await commander.post(`/api/releases/${release.id}/triggers`, { name: "Data corruption detected" });
    expect(declared.status).toBe(200);
    // A commander's rollback opens an incident in the same transaction (issue 15).
    expect(declared.body.events.map((e: Ev) => e.type)).toEqual(["trigger_declared", "rolled_back", "incident_opened", "quarantined"]);
    expect(declared.body.events[0]).toMatchObject({
      actor: "commander@test.local",
      reason: "Trigger declared: Data corruption detected",
      data: { name: "Data corruption detected", action: "rollback", level: 2, applied: true },
    });
    expect(declared.body.events[1].data).toMatchObject({ level: 2, levelName: "Redeploy" });
    expect(declared.body.release.rollback.steps.map((s: { ownerRole: string | null }) => s.ownerRole)).toEqual(["Operations Lead", null]);

    // Canary traffic still flows after the rollback: the verification fails, once.
    const events = await pushUntil(push, release.id, () => [sample("throughput_rps", 40)], (ev) => ev.some((e) => e.type === "rollback_alert"));
    expect(events.find((e) => e.type === "rollback_alert")).toMatchObject({
      actor: "schedule",
      data: { level: 2, kind: "verification_failed", metric: "throughput_rps", value: 40 },
    });
  });

  it("the metrics catalogue: a watch-only metric is accepted, labelled, shown and never gates", async () => {
    const release = await createStartedRelease(
      baseUrl,
      simplePlan(2, { metrics: [{ key: "queue_depth", label: "Queue depth", unit: "jobs", watchOnly: true }] }),
    );
    const push = await pusher(release.id);
    await push([sample("queue_depth", 5000)]);
    const metrics = await eventually(
      async () => (await (await as("viewer", baseUrl)).get(`/api/releases/${release.id}/metrics`)).body,
      (m: { metrics: { metric: string; current: number | null }[] }) => m.metrics.some((s) => s.metric === "queue_depth" && s.current !== null),
    );
    expect(metrics.metrics.find((s: { metric: string }) => s.metric === "queue_depth")).toMatchObject({ label: "Queue depth", unitLabel: "jobs", watchOnly: true, guardrail: null });
    const refused = await (await as("admin", baseUrl)).post(
      "/api/releases",
      simplePlan(2, {
        metrics: [{ key: "queue_depth", label: "Queue depth", watchOnly: true }],
        guardrails: [{ metric: "queue_depth", comparator: ">", critical: 10 }],
      }),
    );
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body.error.details)).toContain("watch-only");
  });

  it("autoContinue: the schedule promotes once every gate is open after the bake time, audited as actor schedule", async () => {
    const release = await createStartedRelease(
      baseUrl,
      simplePlan(2, { waves: [{ name: "Pilot", trafficPercent: 50, bakeSeconds: 1, autoContinue: true }, { name: "All", trafficPercent: 100 }] }),
    );
    const promoted = await eventually(() => releaseOf(release.id), (r) => r.currentWaveIndex === 1, 20_000);
    expect(promoted).toMatchObject({ status: "running", trafficPercent: 100, commander: "commander@test.local" });
    const events = await eventsOf(release.id);
    expect(events.find((e) => e.type === "promoted")).toMatchObject({ actor: "schedule", reason: expect.stringContaining("Automatic promotion") });
  });

  it("maxSeconds: one overdue alert naming the commander and the wave's owners", async () => {
    const release = await createStartedRelease(
      baseUrl,
      simplePlan(2, {
        waves: [
          { name: "Pilot", trafficPercent: 50, maxSeconds: 1, signoffs: ["Product Manager"], checklist: [{ text: "Dashboards green", ownerRole: "Operations Lead" }] },
          { name: "All", trafficPercent: 100 },
        ],
      }),
    );
    const events = await eventually(() => eventsOf(release.id), (ev) => ev.some((e) => e.type === "wave_overdue"), 20_000);
    expect(events.find((e) => e.type === "wave_overdue")).toMatchObject({
      actor: "schedule",
      data: { waveIndex: 0, wave: "Pilot", maxSeconds: 1, notify: ["commander (commander@test.local)", "Operations Lead", "Product Manager"] },
    });
    await sleep(3_000);
    expect((await eventsOf(release.id)).filter((e) => e.type === "wave_overdue")).toHaveLength(1);
  });

  it("hypercare: after the last wave the release is in hypercare at 100%, and completes by itself once its gates are met", async () => {
    const release = await createStartedRelease(
      baseUrl,
      simplePlan(1, {
        guardrails: [{ metric: "error_rate", comparator: ">", critical: 0.5, windowSeconds: 10, forSeconds: 0, onCritical: "pause" }],
        hypercare: { durationSeconds: 2, checklist: [{ text: "Lessons learned written", ownerRole: "Operations Lead" }], signoffs: ["Product Manager"] },
      }),
    );
    const commander = await as("commander", baseUrl);
    const approver = await as("approver", baseUrl);
    const url = `/api/releases/${release.id}`;
    // Hypercare sign-offs open only in hypercare.
    expect((await approver.post(`${url}/waves/hypercare/signoffs`, { role: "Product Manager", decision: "approve" })).status).toBe(409);
    // No evidence, no GO: the wave needs canary data for its guardrail before CONTINUE.
    const push = await pusher(release.id);
    await push([sample("error_rate", 0.01)]);
    const entered = await commander.post(`${url}/actions`, { action: "continue" });
    expect(entered.status).toBe(200);
    expect(entered.body).toMatchObject({ status: "hypercare", trafficPercent: 100, allowedActions: ["continue", "rollback"] });
    expect(entered.body.events.map((e: Ev) => e.type)).toEqual(["hypercare_started"]);
    expect(entered.body.hypercare).toMatchObject({ durationSeconds: 2, requiredSignoffs: ["Product Manager"], signoffs: [] });
    expect(entered.body.waves[0].endedAt).not.toBeNull();

    // A breach while in hypercare is still watched: the guardrail's pause is refused (nothing to hold) and logged.
    await pushUntil(push, release.id, () => [sample("error_rate", 0.9)], (ev) => ev.some((e) => e.type === "guardrail_action_refused"));
    expect((await releaseOf(release.id)).gate.unmet.map((u: { kind: string }) => u.kind)).toEqual(expect.arrayContaining(["checklist", "signoff", "breach"]));
    await pushUntil(push, release.id, () => [sample("error_rate", 0.01)], (ev) => ev.some((e) => e.type === "recovery"));

    const item = entered.body.hypercare.checklist[0];
    expect((await approver.patch(`${url}/checklist/${item.id}`, { state: "met" })).status).toBe(200);
    expect((await approver.post(`${url}/waves/hypercare/signoffs`, { role: "Product Manager", decision: "approve" })).status).toBe(201);
    const done = await eventually(() => releaseOf(release.id), (r) => r.status === "completed", 20_000);
    expect(done.endedAt).not.toBeNull();
    const completed = (await eventsOf(release.id)).find((e) => e.type === "completed");
    expect(completed).toMatchObject({ actor: "schedule", data: { wave: "Wave 1", phase: "hypercare" } });
  });
});
